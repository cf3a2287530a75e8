import { samples } from '@rtspkit/sample';
import { createServer, FileSource, type RtspServer, selfSignedCertificate } from '@rtspkit/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtspClientEvent } from '../src/index.js';
import { RtspClient, type RtspClientOptions } from '../src/node/index.js';

/** Plays until 60 units of each track arrived; returns the non-media events and counts. */
async function play(options: RtspClientOptions) {
  const client = new RtspClient({ ...options, reconnect: false });
  const events: RtspClientEvent[] = [];
  const counts = [0, 0];
  const timer = setTimeout(() => void client.close(), 30_000);
  for await (const e of client.events()) {
    if (e.type !== 'access-unit') events.push(e);
    else counts[e.unit.track] = (counts[e.unit.track] ?? 0) + 1;
    if (counts[0]! >= 60 && counts[1]! >= 60) void client.close();
  }
  clearTimeout(timer);
  return { events, counts, types: events.map((e) => e.type) };
}

describe('our client against our server, every transport', () => {
  let server: RtspServer;
  let port: number;
  let ca: string;
  beforeAll(async () => {
    const tls = await selfSignedCertificate(['127.0.0.1']);
    ca = String(tls.cert);
    server = createServer({
      port: 0,
      host: '127.0.0.1',
      tls,
      mounts: { '/sample': new FileSource({ files: [samples.h264Baseline.path, samples.aac.path] }) },
    });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server?.close();
  });

  const cases = [
    { scheme: 'rtsp', transport: 'udp' },
    { scheme: 'rtsp', transport: 'tcp' },
    { scheme: 'rtsps', transport: 'tcp' },
    { scheme: 'rtsp+http', transport: 'tcp' },
    { scheme: 'rtsps+http', transport: 'tcp' },
    { scheme: 'rtsp+ws', transport: 'tcp' },
    { scheme: 'wss', transport: 'tcp' },
  ] as const;
  for (const c of cases) {
    it(`plays ${c.scheme}:// with ${c.transport} media`, { timeout: 90_000 }, async () => {
      const run = await play({ url: `${c.scheme}://127.0.0.1:${port}/sample`, transport: c.transport, tls: { ca } });
      expect(run.types).not.toContain('error');
      expect(run.events.find((e) => e.type === 'playing')).toEqual({ type: 'playing', transport: c.transport });
      const tracks = run.events.find((e) => e.type === 'tracks');
      expect(tracks?.type === 'tracks' && tracks.tracks.map((t) => t.details.codecString)).toEqual([
        'avc1.42C01E',
        'mp4a.40.2',
      ]);
      expect(run.counts[0]).toBeGreaterThanOrEqual(60);
      expect(run.counts[1]).toBeGreaterThanOrEqual(60);
      expect(run.types.at(-1)).toBe('closed');
    });
  }

  it('refuses a certificate it cannot verify, saying what to do', { timeout: 30_000 }, async () => {
    const run = await play({ url: `rtsps://127.0.0.1:${port}/sample` });
    const error = run.events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/TLS with 127\.0\.0\.1:\d+ failed/);
    expect(error?.type === 'error' && error.error.hint).toContain('insecure');
  });
});
