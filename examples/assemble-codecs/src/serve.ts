/**
 * Serves the browser half on 127.0.0.1: the page, src/browser.ts bundled by esbuild, and the
 * sample camera's SDP and packets.
 *   pnpm browser [port]   then open the printed URL
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { samples } from '@rtspkit/sample';
import { build } from 'esbuild';
import { simulateCamera } from './camera.js';

const PAGE = `<!doctype html><meta charset="utf-8"><title>rtspkit: codecs by hand</title>
<video controls muted playsinline width="640"></video><script type="module" src="/browser.js"></script>`;

/** Starts the server on `port` (0: any free port); resolves with it and its URL. */
export async function serve(port = 0): Promise<{ server: Server; url: string }> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./browser.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    conditions: ['@rtspkit/source'],
    platform: 'browser',
  });
  const script = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  const camera = simulateCamera(readFileSync(samples.h264High.path), readFileSync(samples.aac.path));
  const rtp = Buffer.concat(
    camera.packets.map(({ media, datagram }) =>
      Buffer.concat([Buffer.from([media, datagram.length >> 8, datagram.length & 0xff]), datagram]),
    ),
  );
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', PAGE],
    '/browser.js': ['text/javascript', script],
    '/camera.sdp': ['application/sdp', camera.sdp],
    '/camera.rtp': ['application/octet-stream', rtp],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (file === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`open ${url}`);
}
