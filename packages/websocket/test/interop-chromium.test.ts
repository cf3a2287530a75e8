import { chromiumLaunchOptions, missingPeers, tempDir } from '@rtspkit/test-utils';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTSP_ONVIF_SUBPROTOCOL } from '../src/index.js';
import { startServer } from './support/adapter.js';

type PageResult = {
  protocol: string;
  text: string;
  binary: number[];
  close: { code: number; reason: string; wasClean: boolean };
};

describe.skipIf(missingPeers('chromium'))(
  "headless Chromium's native WebSocket against a server built from our codec",
  () => {
    let browser: BrowserContext;
    const profile = tempDir();
    let server: Awaited<ReturnType<typeof startServer>>;
    const handshakes: string[] = [];

    beforeAll(async () => {
      server = await startServer(
        {
          protocols: [RTSP_ONVIF_SUBPROTOCOL],
          page: '<!doctype html><title>ws</title>',
          checkOrigin: (origin, request) => {
            handshakes.push(`${request.uri} ${origin}`);
            return origin === `http://127.0.0.1:${server.port}`;
          },
        },
        (peer) =>
          peer.listen((m) => {
            if (m.type === 'text' && m.data === 'close me') peer.send(peer.writer.close(4002, 'server bye'));
            else if (m.type === 'text') peer.send(peer.writer.text(m.data));
            else if (m.type === 'binary') peer.send(peer.writer.binary(m.data));
          }),
      );
      browser = await chromium.launchPersistentContext(profile.path, chromiumLaunchOptions());
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      profile.remove();
    });

    it('echoes text and binary, negotiates rtsp.onvif.org, and the page sees our close code', async () => {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.port}/`);
      const result = await page.evaluate(
        (url) =>
          new Promise<PageResult>((resolve, reject) => {
            const ws = new WebSocket(url, ['rtsp.onvif.org']);
            ws.binaryType = 'arraybuffer';
            const out: Partial<PageResult> = {};
            ws.onopen = () => {
              out.protocol = ws.protocol;
              ws.send('héllo €');
            };
            ws.onmessage = (e) => {
              if (typeof e.data === 'string') {
                out.text = e.data;
                ws.send(new Uint8Array(70_000).map((_, i) => i & 0xff));
              } else {
                out.binary = [...new Uint8Array(e.data as ArrayBuffer)].slice(0, 4).concat(e.data.byteLength);
                ws.send('close me');
              }
            };
            ws.onclose = (e) =>
              resolve({ ...out, close: { code: e.code, reason: e.reason, wasClean: e.wasClean } } as PageResult);
            ws.onerror = () => reject(new Error('websocket error'));
          }),
        `ws://127.0.0.1:${server.port}/live?token=t1`,
      );
      expect(result).toEqual({
        protocol: 'rtsp.onvif.org',
        text: 'héllo €',
        binary: [0, 1, 2, 3, 70_000],
        close: { code: 4002, reason: 'server bye', wasClean: true },
      });
      expect(handshakes).toContain(`/live?token=t1 http://127.0.0.1:${server.port}`);
    });

    it('a refused origin fails the handshake in the page', async () => {
      const page = await browser.newPage();
      // Same server, other origin (localhost is not 127.0.0.1 to the origin policy).
      await page.goto(`http://localhost:${server.port}/`);
      const code = await page.evaluate(
        (url) =>
          new Promise<number>((resolve) => {
            const ws = new WebSocket(url);
            ws.onclose = (e) => resolve(e.code);
          }),
        `ws://127.0.0.1:${server.port}/refused`,
      );
      expect(code).toBe(1006);
      expect(handshakes).toContain(`/refused http://localhost:${server.port}`);
    });
  },
);
