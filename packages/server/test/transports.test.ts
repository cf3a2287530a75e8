import { join } from 'node:path';
import { missingPeers, requirePeer, runProcess, startProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { selfSignedCertificate } from '../src/net/certificate.js';
import type { RtspServer } from '../src/server.js';
import type { SessionStats } from '../src/stats.js';
import { expectSampleRecording, startSampleServer } from './peers.js';
import { playOverWebSocket } from './rtsp-ws-client.js';

let server: RtspServer;
let port: number;
const dir = tempDir('rtspkit-server-transports-');

beforeAll(async () => {
  ({ server, port } = await startSampleServer({ tls: await selfSignedCertificate() }));
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const stats = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { sessions: SessionStats[] };

/** Polls `/stats` until a session with enough frames shows up, and returns it. */
async function sessionInStats(): Promise<SessionStats> {
  let seen: SessionStats | undefined;
  await expect
    .poll(
      async () => {
        seen = (await stats()).sessions.find((s) => s.framesSent >= 60);
        return seen !== undefined;
      },
      { timeout: 30_000, message: 'a session playing at least 60 frames in /stats' },
    )
    .toBe(true);
  return seen as SessionStats;
}

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('FFmpeg through the tunnel and TLS on the RTSP port', () => {
  const runs: [name: string, args: string[], transport: string, tls: boolean][] = [
    ['-rtsp_transport http', ['-rtsp_transport', 'http', '-i', 'rtsp://127.0.0.1:PORT/sample'], 'http-tunnel', false],
    ['rtsps://', ['-rtsp_transport', 'tcp', '-i', 'rtsps://127.0.0.1:PORT/sample'], 'tcp', true],
    ['-rtsp_transport https', ['-rtsp_transport', 'https', '-i', 'rtsps://127.0.0.1:PORT/sample'], 'http-tunnel', true],
  ];
  for (const [name, args, transport, tls] of runs) {
    it(`records 5 s of /sample with ${name}`, { timeout: 90_000 }, async () => {
      const out = join(dir.path, `${transport}-${tls}.mp4`);
      const ffmpeg = runProcess(
        requirePeer('ffmpeg'),
        [
          '-v',
          'error',
          '-timeout',
          '10000000',
          ...args.map((a) => a.replace('PORT', String(port))),
          '-t',
          '5',
          '-c',
          'copy',
          '-y',
          out,
        ],
        { timeoutMs: 60_000 },
      );
      const session = await sessionInStats();
      expect(session).toMatchObject({ transport, tls, mount: '/sample', peer: '127.0.0.1' });
      const r = await ffmpeg;
      expect(r.code, `ffmpeg ${name} failed (timed out: ${r.timedOut}): ${r.stderr}`).toBe(0);
      await expectSampleRecording(out, { codec: 'h264', profile: 'Constrained Baseline' }, 5);
      await expect.poll(() => server.sessions.size, { timeout: 10_000 }).toBe(0);
    });
  }
});

describe.skipIf(missingPeers('gst-launch-1.0'))('GStreamer rtsph://', () => {
  it('plays through the HTTP tunnel, as /stats proves (rtspsrc falls back silently)', { timeout: 60_000 }, async () => {
    const gst = startProcess(
      requirePeer('gst-launch-1.0'),
      ['rtspsrc', `location=rtsph://127.0.0.1:${port}/sample`, '!', 'rtph264depay', '!', 'h264parse', '!', 'fakesink'],
      { maxLifeMs: 50_000 },
    );
    try {
      const session = await sessionInStats();
      expect(session).toMatchObject({ transport: 'http-tunnel', tls: false, state: 'playing', framesDropped: 0 });
      expect(session.bytesSent).toBeGreaterThan(0);
    } finally {
      await gst.stop();
    }
  });
});

describe('RTSP over WebSocket (ws package, rtsp.onvif.org)', () => {
  for (const secure of [false, true]) {
    it(`plays /sample over ${secure ? 'wss' : 'ws'} at the stream's rate`, { timeout: 60_000 }, async () => {
      const scheme = secure ? 'wss' : 'ws';
      const result = await playOverWebSocket(
        `${scheme}://127.0.0.1:${port}/sample`,
        `rtsp://127.0.0.1:${port}/sample`,
        4,
        {
          rejectUnauthorized: false,
        },
      );
      expect(result.protocol).toBe('rtsp.onvif.org');
      expect(result.statuses).toEqual([200, 200, 200, 200, 200, 200]);
      expect(result.badMessages).toBe(0);
      // 4 s at 30 fps: whole frames at the stream's rate, give or take the start.
      const frames = result.videoFrames;
      const span = ((frames.at(-1) ?? 0) - (frames[0] ?? 0)) / 1000;
      expect(frames.length).toBeGreaterThan(60);
      expect((frames.length - 1) / span).toBeGreaterThan(30 * 0.8);
      expect((frames.length - 1) / span).toBeLessThan(30 * 1.25);
      expect(result.audioPackets).toBeGreaterThan(100);
    });
  }

  it('refuses a handshake without rtsp.onvif.org with 400 and says why', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/sample`, 'chat');
    const refusal = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      ws.once('open', () => reject(new Error('a chat subprotocol was accepted')));
      ws.once('error', () => {});
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain('rtsp.onvif.org');
  });
});

describe('plain HTTP on the RTSP port', () => {
  it('lists every mount with copy-paste URLs and commands', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const mount of ['/sample', '/sample-high', '/sample-h265']) {
      expect(page).toContain(`rtsp://127.0.0.1:${port}${mount}`);
      expect(page).toContain(`ffmpeg -rtsp_transport http -i rtsp://127.0.0.1:${port}${mount}`);
      expect(page).toContain(`rtsph://127.0.0.1:${port}${mount}`);
      expect(page).toContain(`ws://127.0.0.1:${port}${mount}`);
      expect(page).toContain(`rtsps://127.0.0.1:${port}${mount}`);
    }
  });

  it('answers /health, /stats and 404', async () => {
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok' });
    const s = (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual([
      'connections',
      'mounts',
      'sessions',
      'startedAt',
      'tunnels',
      'udpPortPairs',
    ]);
    expect((s.mounts as { path: string; state: string }[]).map((m) => [m.path, m.state])).toEqual([
      ['/sample', 'running'],
      ['/sample-high', 'running'],
      ['/sample-h265', 'running'],
    ]);
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });
});
