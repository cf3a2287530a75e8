import { toAscii } from '@rtspkit/bytes';
import { Base64StreamDecoder } from '@rtspkit/http-tunnel';
import { type Camera, liveLaunch, missingPeers, type Relay, startCamera, startRelay } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RtspClient as BrowserRtspClient, type WebSocketConstructor } from '../src/browser/index.js';
import type { ClientRunner, RtspClientEvent } from '../src/index.js';
import { RtspClient } from '../src/node/index.js';
import { startWebSocketProxy } from './ws-proxy.js';

/** Plays until 45 units of each track came, then closes; returns the non-media events and counts. */
async function play(client: ClientRunner, enough = 45) {
  const events: RtspClientEvent[] = [];
  const counts = [0, 0];
  const timer = setTimeout(() => void client.close(), 20_000);
  for await (const e of client.events()) {
    if (e.type !== 'access-unit') events.push(e);
    else counts[e.unit.track] = (counts[e.unit.track] ?? 0) + 1;
    if (counts[0]! >= enough && counts[1]! >= enough) void client.close();
  }
  clearTimeout(timer);
  return { events, counts, types: events.map((e) => e.type) };
}

describe.skipIf(missingPeers('gst-python'))('transports against gst-rtsp-server', () => {
  let camera: Camera;
  let relay: Relay;
  beforeAll(async () => {
    camera = await startCamera({ launch: liveLaunch(), auth: 'digest', maxLifeMs: 120_000 });
    relay = await startRelay(camera.port);
  });
  afterAll(async () => {
    await relay?.close();
    await camera?.stop();
  });

  it('plays through the QuickTime HTTP tunnel (rtsp+http://) with Digest', { timeout: 90_000 }, async () => {
    const before = relay.connections().length;
    const client = new RtspClient({ url: `rtsp+http://user:secret@127.0.0.1:${relay.port}/test` });
    const run = await play(client);
    expect(run.types).not.toContain('error');
    expect(run.events.find((e) => e.type === 'playing')).toEqual({ type: 'playing', transport: 'tcp' });
    expect(run.counts[0]).toBeGreaterThanOrEqual(45);
    expect(run.counts[1]).toBeGreaterThanOrEqual(45);
    // The relay saw a GET and a POST sharing one cookie, the POST carrying Base64 RTSP.
    const conns = relay
      .connections()
      .slice(before)
      .map((c) => ({ up: toAscii(c.client), down: c.server }));
    const get = conns.find((c) => c.up.startsWith('GET /test HTTP/1.0'));
    const post = conns.find((c) => c.up.startsWith('POST /test HTTP/1.0'));
    expect(get, 'a tunnel GET').toBeDefined();
    expect(post, 'a tunnel POST').toBeDefined();
    const cookie = /x-sessioncookie: (\S+)/i.exec(get!.up)?.[1];
    expect(cookie).toBeDefined();
    expect(post!.up).toContain(`x-sessioncookie: ${cookie}`);
    const body = post!.up.slice(post!.up.indexOf('\r\n\r\n') + 4);
    const decoded = toAscii(new Base64StreamDecoder().push(body));
    expect(decoded).toMatch(/^OPTIONS rtsp:\/\/127\.0\.0\.1:\d+\/test RTSP\/1\.0\r\n/);
    expect(decoded).toContain('PLAY ');
    expect(toAscii(get!.down.subarray(0, 15))).toBe('HTTP/1.0 200 OK');
  });

  it('plays over WebSocket (rtsp+ws://, rtsp.onvif.org) through a ws gateway', { timeout: 90_000 }, async () => {
    const proxy = await startWebSocketProxy(camera.port);
    try {
      const client = new RtspClient({ url: `rtsp+ws://user:secret@127.0.0.1:${proxy.port}/test` });
      const run = await play(client);
      expect(run.types).not.toContain('error');
      expect(run.counts[0]).toBeGreaterThanOrEqual(45);
      expect(proxy.counts.protocols).toEqual(['rtsp.onvif.org']);
      expect(proxy.counts.toServer).toBeGreaterThanOrEqual(5);
    } finally {
      await proxy.close();
    }
  });

  it('plays with the browser WebSocket transport (ws://), given a WHATWG WebSocket', { timeout: 90_000 }, async () => {
    const proxy = await startWebSocketProxy(camera.port);
    try {
      const client = new BrowserRtspClient({
        url: `ws://user:secret@127.0.0.1:${proxy.port}/test`,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
      });
      const run = await play(client);
      expect(run.types).not.toContain('error');
      expect(run.events.find((e) => e.type === 'playing')).toEqual({ type: 'playing', transport: 'tcp' });
      expect(run.counts[1]).toBeGreaterThanOrEqual(45);
    } finally {
      await proxy.close();
    }
  });

  it('says when a WebSocket server does not speak rtsp.onvif.org', { timeout: 90_000 }, async () => {
    // gst-rtsp-server answers the upgrade with an RTSP or HTTP error, never 101.
    const client = new RtspClient({ url: `ws://127.0.0.1:${camera.port}/test` });
    const run = await play(client);
    const error = run.events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/WebSocket upgrade refused|closed the connection/);
  });
});
