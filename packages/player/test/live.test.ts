import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { freeTcpPort, liveLaunch, missingPeers, startCamera } from '@rtspkit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { PlayerStats } from '../src/index.js';
import { bundle, PAGE, pollPage, serve, withPage } from './browser/harness.js';

type Snapshot = PlayerStats & { currentTime: number; totalVideoFrames: number; states: string[]; errors: string[] };
const snapshot = () => (window as unknown as { snapshot: () => Snapshot }).snapshot();

/** gst-rtsp-server with a live H.264 + AAC camera (RTCP sender reports included) on `port`, to be started again there. */
const startCameraOn = (port: number) => startCamera({ port, launch: liveLaunch(), maxLifeMs: 120_000 });

/**
 * An RTSP-over-WebSocket gateway (subprotocol `rtsp.onvif.org`) to a plain RTSP server:
 * each WebSocket message's bytes go to a TCP connection and back, the byte stream
 * untouched. It stands in for a server with a WebSocket endpoint, so the browser speaks
 * real RTSP to gst-rtsp-server.
 */
async function startGateway(rtspPort: number) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (p) => (p.has('rtsp.onvif.org') ? 'rtsp.onvif.org' : false),
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws) => {
    const tcp = connect(rtspPort, '127.0.0.1');
    ws.on('message', (data: Buffer) => tcp.write(data));
    tcp.on('data', (data) => ws.send(data));
    const end = () => {
      tcp.destroy();
      ws.terminate();
    };
    ws.on('close', end);
    ws.on('error', end);
    tcp.on('close', end);
    tcp.on('error', end);
  });
  return {
    port: (wss.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

describe.skipIf(missingPeers('chromium', 'gst-python'))(
  'end to end: Chromium plays a live RTSP camera over WebSocket',
  () => {
    let app = '';
    beforeAll(async () => {
      app = await bundle('./live-page.ts');
    }, 60_000);

    it('plays video and audio with low latency, and survives the camera restarting', async () => {
      const rtspPort = await freeTcpPort();
      let camera = await startCameraOn(rtspPort);
      const gateway = await startGateway(rtspPort);
      const server = await serve((path) => {
        if (path === '/') return { type: 'text/html', body: PAGE };
        if (path === '/app.js') return { type: 'text/javascript', body: app };
        return undefined;
      });
      try {
        await withPage(async (page) => {
          const url = `ws://127.0.0.1:${gateway.port}/test`;
          await page.goto(`${server.base}/?url=${encodeURIComponent(url)}`, { timeout: 15_000 });
          const first = await pollPage(
            page,
            snapshot,
            (s) => s.totalVideoFrames > 100,
            30_000,
            '100 frames from the camera',
          );
          expect(first.codecs).toHaveLength(2);
          expect(first.codecs[0]).toMatch(/^avc1\.42C0/); // Constrained Baseline
          expect(first.codecs[1]).toBe('mp4a.40.2');
          expect(first.transport).toBe('websocket');
          const later = await pollPage(
            page,
            snapshot,
            (s) => s.currentTime > first.currentTime + 3 && s.latencyMs !== undefined,
            20_000,
            'time to advance and latency to be measured',
          );
          expect(later.latencyMs).toBeLessThan(1000);
          expect(later.bufferedSeconds).toBeLessThan(1);
          expect(later.frameRate).toBeGreaterThan(20);
          // the camera goes away and comes back on the same port
          await camera.stop();
          await pollPage(page, snapshot, (s) => s.states.includes('reconnecting'), 30_000, 'the player to notice');
          camera = await startCameraOn(rtspPort);
          const resumed = await pollPage(
            page,
            snapshot,
            (s) => s.state === 'playing' && s.reconnects >= 1 && s.totalVideoFrames > later.totalVideoFrames + 60,
            40_000,
            'playback after the camera restarted',
          );
          expect(resumed.errors.some((e) => e.startsWith('ERR_PLAYER_CONNECTION'))).toBe(true);
        });
      } finally {
        await server.close();
        await gateway.close();
        await camera.stop();
      }
    }, 180_000);
  },
);
