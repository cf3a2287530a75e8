import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, MOUNTS_MARKER } from '../src/http/player-page.js';
import { createServer, type RtspServer } from '../src/server.js';
import { H264, ManualSource } from './support.js';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One plain HTTP request with exactly the headers given (fetch would add and decode `Accept-Encoding`). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${path} within 10 s`)));
    req.end();
  });
}

// A bundle big enough that gzip pays off, and bytes that are not UTF-8 text to prove they pass untouched.
const SCRIPT = new Uint8Array([...new TextEncoder().encode('export const x = 1;\n'.repeat(200)), 0xff, 0xfe]);
const PAGE = `<!doctype html><html><head><title>demo</title></head><body><script type="module">import './player.js';</script><section>${MOUNTS_MARKER}</section></body></html>`;

describe('the player page and /player.js', () => {
  let server: RtspServer;
  let plain: RtspServer;
  let port: number;
  let plainPort: number;

  beforeAll(async () => {
    server = createServer({
      port: 0,
      host: '127.0.0.1',
      udpPortRange: false,
      mounts: { '/cam': new ManualSource([H264]) },
      player: { script: SCRIPT, page: PAGE },
    });
    port = (await server.listen()).port;
    plain = createServer({
      port: 0,
      host: '127.0.0.1',
      udpPortRange: false,
      mounts: { '/cam': new ManualSource([H264]) },
    });
    plainPort = (await plain.listen()).port;
  });
  afterAll(async () => {
    await server.close();
    await plain.close();
  });

  it('/ is the player page with the mount list where the marker was', async () => {
    const r = await get(port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    const html = r.body.toString('utf8');
    expect(html).toContain("import './player.js'");
    expect(html).not.toContain(MOUNTS_MARKER);
    const list = html.slice(html.indexOf('<section>'), html.lastIndexOf('</section>'));
    for (const text of [
      `rtsp://127.0.0.1:${port}/cam`,
      `ws://127.0.0.1:${port}/cam`,
      '-rtsp_transport tcp',
      'rtsph://',
    ]) {
      expect(list).toContain(text);
    }
  });

  it('a page without the marker gets the mount list before </body>', async () => {
    const s = createServer({
      port: 0,
      host: '127.0.0.1',
      udpPortRange: false,
      mounts: { '/cam': new ManualSource([H264]) },
      player: { script: 'export {};', page: '<html><body><p>mine</p></BODY></html>' },
    });
    const p = (await s.listen()).port;
    try {
      const html = (await get(p, '/')).body.toString('utf8');
      expect(html.indexOf('<p>mine</p>')).toBeLessThan(html.indexOf(`rtsp://127.0.0.1:${p}/cam`));
      expect(html.indexOf(`rtsp://127.0.0.1:${p}/cam`)).toBeLessThan(html.indexOf('</BODY>'));
    } finally {
      await s.close();
    }
  });

  it('/player.js: the bundle as text/javascript with an ETag and revalidation, byte for byte', async () => {
    const r = await get(port, '/player.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-length']).toBe(String(SCRIPT.length));
    expect(new Uint8Array(r.body)).toEqual(SCRIPT);
    const etag = r.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

    const again = await get(port, '/player.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-length']).toBeUndefined();
    expect(again.headers.etag).toBe(etag);
    expect((await get(port, '/player.js', { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(port, '/player.js', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('/player.js gzipped when accepted, with its own ETag; HEAD has the headers and no body', async () => {
    const r = await get(port, '/player.js', { 'Accept-Encoding': 'br;q=1, gzip;q=0.8' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(new Uint8Array(gunzipSync(r.body))).toEqual(SCRIPT);
    const plainTag = (await get(port, '/player.js')).headers.etag;
    expect(r.headers.etag).not.toBe(plainTag);
    expect(
      (await get(port, '/player.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': r.headers.etag as string })).status,
    ).toBe(304);
    // the plain representation's tag does not validate the gzipped one
    expect(
      (await get(port, '/player.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': plainTag as string })).status,
    ).toBe(200);

    const head = await get(port, '/player.js', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(r.body.length));
    expect(head.body.length).toBe(0);
  });

  it('without the player option, / is the plain mount list and /player.js is 404', async () => {
    const page = await get(plainPort, '/');
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain(`rtsp://127.0.0.1:${plainPort}/cam`);
    expect(page.body.toString('utf8')).not.toContain('player.js');
    expect((await get(plainPort, '/player.js')).status).toBe(404);
  });
});

describe('acceptsGzip (RFC 9110 §12.5.3)', () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['GZIP', true],
    ['gzip, deflate, br', true],
    ['deflate, gzip;q=0.5', true],
    ['x-gzip', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip; q=0.000', false],
    ['br, deflate', false],
    ['identity', false],
    ['gzipped', false],
  ];
  it.each(cases)('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
