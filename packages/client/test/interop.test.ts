import { type Camera, freeTcpPort, liveLaunch, missingPeers, startCamera } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../src/index.js';
import { RtspClient, type RtspClientEvent, type RtspClientOptions } from '../src/node/index.js';

type Run = {
  readonly events: RtspClientEvent[];
  readonly video: number[];
  readonly audio: number[];
  readonly dts: number[];
};

/**
 * Plays until `enough` access units of each selected track arrived (or an error, or
 * `timeoutMs`), then closes. Collects events and the PTS of every unit.
 */
async function play(options: RtspClientOptions, enough = 45, timeoutMs = 20_000): Promise<Run> {
  const client = new RtspClient(options);
  const run: Run = { events: [], video: [], audio: [], dts: [] };
  const timer = setTimeout(() => void client.close(), timeoutMs);
  for await (const e of client.events()) {
    if (e.type !== 'access-unit') run.events.push(e);
    else if (e.unit.track === 0) {
      run.video.push(e.unit.pts);
      run.dts.push(e.unit.dts);
    } else run.audio.push(e.unit.pts);
    if (run.video.length >= enough && run.audio.length >= enough) void client.close();
  }
  clearTimeout(timer);
  return run;
}

const types = (run: Run) => run.events.map((e) => e.type);

describe.skipIf(missingPeers('gst-python'))('against gst-rtsp-server (stand-in camera)', () => {
  let open: Camera;
  let digest: Camera;
  let basic: Camera;
  beforeAll(async () => {
    const launch = liveLaunch();
    [open, digest, basic] = await Promise.all([
      startCamera({ launch, maxLifeMs: 120_000 }),
      startCamera({ launch, auth: 'digest', maxLifeMs: 120_000 }),
      startCamera({ launch, auth: 'basic', maxLifeMs: 120_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), digest?.stop(), basic?.stop()]);
  });

  const cases = [
    { transport: 'udp', auth: 'none' },
    { transport: 'udp', auth: 'digest' },
    { transport: 'tcp', auth: 'none' },
    { transport: 'tcp', auth: 'digest' },
    { transport: 'tcp', auth: 'basic' },
  ] as const;
  for (const { transport, auth } of cases) {
    it(`plays H.264 and AAC over ${transport}${auth === 'none' ? '' : ` with ${auth} auth`}`, async () => {
      const camera = { none: open, digest, basic }[auth];
      const url = camera.url('/test', { credentials: auth !== 'none' });
      const run = await play({ url, transport, reconnect: false });
      expect(types(run)).not.toContain('error');
      const tracks = run.events.find((e) => e.type === 'tracks');
      expect(tracks?.type === 'tracks' && tracks.tracks.map((t) => t.format.codec)).toEqual(['h264', 'mpeg4-audio']);
      expect(run.events.find((e) => e.type === 'playing')).toEqual({ type: 'playing', transport });
      expect(run.video.length, 'video access units').toBeGreaterThanOrEqual(45);
      expect(run.audio.length, 'audio access units').toBeGreaterThanOrEqual(45);
      // Presentation times of a live encoder without B-frames only grow.
      for (let i = 1; i < run.video.length; i++) expect(run.video[i]).toBeGreaterThan(run.video[i - 1]!);
      expect(types(run).at(-1)).toBe('closed');
    });
  }

  it('says the password is wrong, with the URL', { timeout: 90_000 }, async () => {
    const run = await play({ url: `rtsp://user:nope@127.0.0.1:${digest.port}/test`, transport: 'tcp' });
    const error = run.events.find((e) => e.type === 'error');
    expect(error?.type).toBe('error');
    if (error?.type !== 'error') return;
    expect(error.error.code).toBe(ClientErrorCode.Unauthorized);
    expect(error.error.message).toContain(`rtsp://127.0.0.1:${digest.port}/test`);
    expect(error.error.message).not.toContain('nope');
    expect(error.error.hint).toContain('username and password');
  });

  it('says a mount does not exist (404)', { timeout: 90_000 }, async () => {
    const run = await play({ url: `rtsp://127.0.0.1:${open.port}/nothing`, transport: 'tcp' });
    const error = run.events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.code).toBe(ClientErrorCode.NotFound);
  });

  it('says the connection was refused', { timeout: 90_000 }, async () => {
    const port = await freeTcpPort();
    const run = await play({ url: `rtsp://127.0.0.1:${port}/test`, transport: 'tcp' });
    const error = run.events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.code).toBe(ClientErrorCode.Connection);
    expect(error?.type === 'error' && error.error.message).toContain(`connection refused by 127.0.0.1:${port}`);
  });

  it('tears down on abort', { timeout: 90_000 }, async () => {
    const controller = new AbortController();
    const client = new RtspClient({
      url: `rtsp://127.0.0.1:${open.port}/test`,
      transport: 'tcp',
      signal: controller.signal,
    });
    const seen: string[] = [];
    let units = 0;
    const timer = setTimeout(() => controller.abort(), 20_000);
    for await (const e of client.events()) {
      seen.push(e.type);
      if (e.type === 'access-unit' && ++units === 10) controller.abort();
    }
    clearTimeout(timer);
    expect(units).toBeGreaterThanOrEqual(10);
    expect(seen.at(-1)).toBe('closed');
    expect(client.session.state).toBe('closed');
  });
});

describe.skipIf(missingPeers('gst-python'))('B-frames from a live encoder', () => {
  it('gives DTS that only grow and never pass PTS', { timeout: 90_000 }, async () => {
    const camera = await startCamera({ launch: liveLaunch({ bFrames: true, audio: false }) });
    try {
      const client = new RtspClient({ url: camera.url(), transport: 'tcp' });
      const units: Array<{ pts: number; dts: number }> = [];
      const timer = setTimeout(() => void client.close(), 20_000);
      for await (const e of client.events()) {
        if (e.type === 'access-unit') units.push(e.unit);
        if (units.length === 60) void client.close();
      }
      clearTimeout(timer);
      expect(units.length).toBeGreaterThanOrEqual(60);
      let reordered = 0;
      for (let i = 1; i < units.length; i++) {
        expect(units[i]!.dts).toBeGreaterThan(units[i - 1]!.dts);
        expect(units[i]!.dts).toBeLessThanOrEqual(units[i]!.pts);
        if (units[i]!.pts < units[i - 1]!.pts) reordered++;
      }
      expect(reordered, 'B-frames come before their reference in decode order').toBeGreaterThan(5);
    } finally {
      await camera.stop();
    }
  });
});

describe.skipIf(missingPeers('gst-python'))('a camera that restarts', () => {
  it('is survived by reconnecting', { timeout: 90_000 }, async () => {
    const port = await freeTcpPort();
    // started again on the same port: the client reconnects to where the camera was
    const startCameraOn = () => startCamera({ port, launch: liveLaunch(), maxLifeMs: 60_000 });
    let camera = await startCameraOn();
    const client = new RtspClient({
      url: `rtsp://127.0.0.1:${port}/test`,
      transport: 'tcp',
      mediaTimeoutMs: 3000,
      reconnect: { minDelayMs: 200, maxDelayMs: 1000 },
    });
    const seen: string[] = [];
    let after = 0;
    let restarted = false;
    const timer = setTimeout(() => void client.close(), 45_000);
    try {
      for await (const e of client.events()) {
        if (e.type !== 'access-unit') seen.push(e.type);
        if (e.type === 'access-unit' && !restarted && seen.includes('playing')) {
          restarted = true;
          await camera.stop();
          camera = await startCameraOn();
        }
        if (e.type === 'access-unit' && seen.includes('reconnecting') && ++after === 30) void client.close();
      }
    } finally {
      clearTimeout(timer);
      await camera.stop();
    }
    expect(seen).toContain('reconnecting');
    expect(seen.filter((t) => t === 'playing').length).toBeGreaterThanOrEqual(2);
    expect(after).toBeGreaterThanOrEqual(30);
  });
});
