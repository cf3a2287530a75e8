import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../src/net/certificate.js';
import type { RtspServer } from '../src/server.js';
import { startSampleServer } from './peers.js';
import { TransportReader } from './transport-reader.js';

let server: RtspServer;
let port: number;
let url: string;
let healthy: TransportReader;

beforeAll(async () => {
  ({ server, port } = await startSampleServer({
    tls: await selfSignedCertificate(),
    limits: { headerTimeoutMs: 1500 },
  }));
  url = `rtsp://127.0.0.1:${port}/sample`;
  healthy = await TransportReader.play('tcp', port, '/sample');
});
afterAll(async () => {
  await healthy.leave('drop');
  await server.close();
});

let before = 0;
afterEach(async () => {
  // The healthy reader keeps receiving, and loses no packet, whatever the other connection did.
  await expect
    .poll(() => healthy.packets, { timeout: 10_000, message: 'healthy reader still receiving' })
    .toBeGreaterThan(before);
  before = healthy.packets;
  expect(healthy.missing).toBe(0);
  expect(healthy.tracks.map((t) => t.firstSeq)).toEqual(healthy.tracks.map((t) => t.rtpInfoSeq));
  expect(healthy.closed).toBe(false);
});

/** Connects, writes `bytes`, and collects what comes back until the server closes (or `waitMs`). */
async function exchange(bytes: Uint8Array | string, waitMs = 8000, socket: Socket = connect(port, '127.0.0.1')) {
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('error', () => {});
  socket.write(bytes);
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  socket.destroy();
  return { text: Buffer.concat(chunks).toString('latin1'), bytes: Buffer.concat(chunks), closed };
}

const request = (method: string, uri: string, headers: string[] = [], cseq = 1) =>
  `${method} ${uri} RTSP/1.0\r\nCSeq: ${cseq}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

describe('bad input never disturbs a healthy reader', () => {
  it('random bytes: the connection is closed', async () => {
    let x = 12345;
    const noise = Uint8Array.from({ length: 64 * 1024 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    noise[0] = 0x41; // not a TLS handshake
    const r = await exchange(noise);
    expect(r.closed).toBe(true);
  });

  it('a 1 MiB header: 431, then the connection is closed', async () => {
    const r = await exchange(`OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Big: ${'a'.repeat(1 << 20)}\r\n\r\n`);
    expect(r.text).toMatch(/^RTSP\/1\.0 431 /);
    expect(r.closed).toBe(true);
  });

  const statuses: [name: string, text: () => string, status: number][] = [
    ['an unknown method', () => request('FROBNICATE', url), 501],
    [
      'SETUP of an unknown track',
      () => request('SETUP', `${url}/trackID=9`, ['Transport: RTP/AVP/TCP;interleaved=0-1']),
      404,
    ],
    ['a malformed Transport', () => request('SETUP', `${url}/trackID=0`, ['Transport: ;;;=']), 461],
    [
      'a destination elsewhere',
      () =>
        request('SETUP', `${url}/trackID=0`, [
          'Transport: RTP/AVP;unicast;destination=192.0.2.1;client_port=5000-5001',
        ]),
      461,
    ],
    ['PLAY without SETUP', () => request('PLAY', url), 455],
    ["another connection's session", () => request('TEARDOWN', url, [`Session: ${healthy.session}`]), 454],
  ];
  for (const [name, text, status] of statuses) {
    it(`${name}: ${status}, and the connection stays usable`, async () => {
      const r = await exchange(text() + request('OPTIONS', '*', [], 2), 1500);
      expect(r.text).toMatch(new RegExp(`^RTSP/1\\.0 ${status} `));
      expect(r.text).toMatch(/RTSP\/1\.0 200 OK\r\nCSeq: 2\r\n/);
    });
  }

  it('a tunnel POST with an unknown cookie: 404 and closed', async () => {
    const r = await exchange(
      'POST /sample HTTP/1.0\r\nx-sessioncookie: nosuchcookie\r\nContent-Type: application/x-rtsp-tunnelled\r\nContent-Length: 32767\r\n\r\n',
    );
    expect(r.text).toMatch(/^HTTP\/1\.0 404 /);
    expect(r.closed).toBe(true);
  });

  it('invalid Base64 in a tunnel POST ends that tunnel only', async () => {
    const get = connect(port, '127.0.0.1');
    const getReply = exchange(
      'GET /sample HTTP/1.0\r\nx-sessioncookie: badb64\r\nAccept: application/x-rtsp-tunnelled\r\n\r\n',
      8000,
      get,
    );
    await expect.poll(() => server.stats().tunnels, { timeout: 5000 }).toBeGreaterThan(0);
    const post = await exchange(
      'POST /sample HTTP/1.0\r\nx-sessioncookie: badb64\r\nContent-Type: application/x-rtsp-tunnelled\r\nContent-Length: 32767\r\n\r\n!!!!not base64!!!!',
    );
    expect(post.closed).toBe(true);
    const g = await getReply;
    expect(g.text).toMatch(/^HTTP\/1\.0 200 OK/);
    expect(g.closed).toBe(true);
    expect(server.stats().tunnels).toBe(0);
  });

  const websocketHandshake =
    'GET /sample HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: rtsp.onvif.org\r\n\r\n';
  const frames: [name: string, frame: Uint8Array, code: number][] = [
    ['an unmasked frame', Uint8Array.of(0x82, 0x02, 0x41, 0x42), 1002],
    ['a reserved opcode', Uint8Array.of(0x83, 0x80, 1, 2, 3, 4), 1002],
    ['an oversized frame', Uint8Array.of(0x82, 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4), 1009],
  ];
  for (const [name, frame, code] of frames) {
    it(`WebSocket with ${name}: closed with ${code}`, async () => {
      const head = new TextEncoder().encode(websocketHandshake);
      const all = new Uint8Array(head.length + frame.length);
      all.set(head);
      all.set(frame, head.length);
      const r = await exchange(all);
      expect(r.text).toMatch(/^HTTP\/1\.1 101 /);
      const close = r.bytes.subarray(r.bytes.indexOf('\r\n\r\n') + 4);
      expect(close[0]).toBe(0x88);
      expect((close[2]! << 8) | close[3]!).toBe(code);
    });
  }

  it('a TLS handshake that stops halfway is closed after the header deadline', async () => {
    const started = Date.now();
    const r = await exchange(Uint8Array.of(0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03), 15_000);
    expect(r.closed).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a slowloris client is closed after the header deadline', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const started = Date.now();
    const text = 'OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Slow: ';
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(i < text.length ? text[i++]! : 'a');
    }, 200);
    const at = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 15_000))]);
    clearInterval(drip);
    socket.destroy();
    expect(at, 'the server closes a head that drips in').toBeGreaterThan(0);
    expect(at - started).toBeGreaterThanOrEqual(1000);
  });

  it('plays over TLS beside plain readers on the same port', async () => {
    const socket = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    await new Promise<void>((resolve) => socket.once('secureConnect', () => resolve()));
    const r = await exchange(request('OPTIONS', '*'), 1500, socket);
    expect(r.text).toMatch(/^RTSP\/1\.0 200 OK/);
  });
});
