import { freeTcpPort, liveLaunch, missingPeers } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { probe, type ProbeReport, reportText } from '../src/commands/probe.js';
import { main } from '../src/main.js';
import { connectOptions, safeUrl } from '../src/usage.js';
import { useCameras } from './camera.js';
import { rtspkit } from './rtspkit.js';

describe('probe options', () => {
  it('exits 2 on bad usage', { timeout: 120_000 }, async () => {
    expect(await main(['probe'])).toBe(2);
    expect(await main(['probe', 'rtsp://h/x', '--transport', 'carrier-pigeon'])).toBe(2);
    expect(await main(['probe', 'rtsp://h/x', '--seconds', 'zero'])).toBe(2);
  });

  it('maps --transport to a URL scheme and a media transport', () => {
    expect(connectOptions('rtsp://cam/live', 'udp')).toEqual({ url: 'rtsp://cam/live', transport: 'udp' });
    expect(connectOptions('rtsp://u:p@cam:554/live', 'http')).toEqual({
      url: 'rtsp+http://u:p@cam:554/live',
      transport: 'tcp',
    });
    expect(connectOptions('RTSPS://cam/live', 'ws')).toEqual({ url: 'rtsps+ws://cam/live', transport: 'tcp' });
    expect(connectOptions('rtsp+ws://cam/live', 'http')).toEqual({ url: 'rtsp+http://cam/live', transport: 'tcp' });
    expect(connectOptions('rtsp://cam/live', undefined)).toEqual({ url: 'rtsp://cam/live' });
    expect(() => connectOptions('http://cam/live', 'http')).toThrow(/wants an rtsp/);
  });

  it('hides the password of a URL it prints', () => {
    expect(safeUrl('rtsp://admin:s3cret@cam:554/live')).toBe('rtsp://admin:***@cam:554/live');
    expect(safeUrl('rtsp://cam/live')).toBe('rtsp://cam/live');
  });

  it('writes a report as aligned lines', () => {
    const report: ProbeReport = {
      url: 'rtsp://u:p@cam/live',
      transport: 'tcp',
      public: ['OPTIONS', 'DESCRIBE'],
      sessionTimeout: 60,
      seconds: 3,
      quirks: [],
      tracks: [
        {
          index: 0,
          media: 'video',
          codec: 'h264',
          payloadType: 96,
          clockRate: 90000,
          selected: true,
          codecString: 'avc1.42C01E',
          width: 640,
          height: 360,
          measuredRate: 30,
          kbps: 512.3,
          packets: 100,
          lost: 1,
          lossPercent: 1,
          jitterMs: 2.25,
        },
      ],
    };
    expect(reportText(report)).toBe(
      [
        'url       rtsp://u:***@cam/live',
        'transport tcp',
        'public    OPTIONS, DESCRIBE',
        'session   timeout 60 s',
        'track 0  video  h264  avc1.42C01E  640x360',
        '          measured: 30 units/s, 512.3 kbit/s, loss 1.0% (1/100), jitter 2.3 ms',
        'quirks    none noticed',
        '',
      ].join('\n'),
    );
  });
});

describe.skipIf(missingPeers('gst-python'))('rtspkit probe against gst-rtsp-server', () => {
  const cameras = useCameras({
    live: { launch: liveLaunch(), auth: 'digest' },
    jpeg: { launch: '( videotestsrc is-live=true ! jpegenc ! rtpjpegpay name=pay0 pt=26 )' },
  });

  for (const transport of ['udp', 'tcp', 'http'] as const) {
    it(`measures tracks, rates and loss over ${transport} with Digest`, { timeout: 120_000 }, async () => {
      const report = await probe({
        ...connectOptions(cameras.live.url('/test', { credentials: true }), transport),
        seconds: 2,
      });
      expect(report.transport).toBe(transport === 'udp' ? 'udp' : 'tcp');
      if (transport === 'http') expect(report.url.startsWith('rtsp+http://')).toBe(true);
      expect(report.auth).toBe('Digest MD5');
      expect(report.public).toEqual(expect.arrayContaining(['DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN']));
      const [video, audio] = report.tracks;
      expect(video).toMatchObject({ media: 'video', codec: 'h264', width: 320, height: 240, selected: true });
      expect(video!.codecString).toMatch(/^avc1\.42C0/);
      // Rates come from RTP timestamps: exact for a 30 fps encoder, whatever the machine's load.
      expect(video!.measuredRate).toBeCloseTo(30, 0);
      expect(video!.kbps).toBeGreaterThan(0);
      expect(audio).toMatchObject({
        media: 'audio',
        codec: 'mpeg4-audio',
        codecString: 'mp4a.40.2',
        sampleRate: 48000,
        channels: 2,
      });
      expect(audio!.measuredRate).toBeCloseTo(48000 / 1024, 0);
      for (const t of report.tracks) expect(t.lossPercent).toBeLessThan(5);
    });
  }

  it('prints JSON with --json', { timeout: 120_000 }, async () => {
    const r = await rtspkit([
      'probe',
      cameras.live.url('/test', { credentials: true }),
      '--json',
      '--seconds',
      '1',
      '--transport',
      'tcp',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.toString()) as ProbeReport;
    expect(report.url).toBe(`rtsp://user:***@127.0.0.1:${cameras.live.port}/test`);
    expect(report.tracks.map((t) => t.codec)).toEqual(['h264', 'mpeg4-audio']);
  });

  const errors = [
    {
      name: 'a wrong password',
      url: () => `rtsp://user:wrong@127.0.0.1:${cameras.live.port}/test`,
      says: () => [
        'refused the username or password',
        `(rtsp://127.0.0.1:${cameras.live.port}/test)`,
        'try: check the username and password',
      ],
    },
    {
      name: 'no credentials',
      url: () => `rtsp://127.0.0.1:${cameras.live.port}/test`,
      says: () => ['needs credentials', 'try: the server wants a username and password'],
    },
    {
      name: 'a mount that does not exist',
      url: () => `rtsp://user:secret@127.0.0.1:${cameras.live.port}/nothing`,
      says: () => ['answered 404', `(rtsp://127.0.0.1:${cameras.live.port}/nothing)`, 'try: check the path'],
    },
    {
      name: 'an unsupported codec',
      url: () => cameras.jpeg.url(),
      says: () => ['no track this client can read (the stream has: video JPEG)', 'try: H.264, H.265, AAC and G.711'],
    },
  ];
  for (const c of errors) {
    it(`explains ${c.name}, exit 1`, { timeout: 120_000 }, async () => {
      const r = await rtspkit(['probe', c.url(), '--transport', 'tcp', '--seconds', '1']);
      expect(r.code).toBe(1);
      for (const text of c.says()) expect(r.stderr).toContain(text);
      expect(r.stderr).not.toContain('wrong@');
    });
  }

  it('explains a refused connection', { timeout: 120_000 }, async () => {
    const port = await freeTcpPort();
    const r = await rtspkit(['probe', `rtsp://127.0.0.1:${port}/x`, '--transport', 'tcp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`connection refused by 127.0.0.1:${port}`);
    expect(r.stderr).toContain('try: check the port');
  });

  it('explains an unknown host', { timeout: 120_000 }, async () => {
    const r = await rtspkit(['probe', 'rtsp://no-such-host.invalid/x', '--transport', 'tcp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown host "no-such-host.invalid"|no answer from no-such-host.invalid/);
  });
});
