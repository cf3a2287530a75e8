import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readHttpHead } from '../src/node/http-head.js';
import { readSocket } from '../src/node/pipe.js';

const HEAD = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Waits (at most `ms`) until `done()` holds; fails saying `what` otherwise. */
async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('readSocket (the Node pipes: TCP/TLS, HTTP tunnel, WebSocket)', () => {
  let server: Server | undefined;
  let socket: Socket | undefined;
  afterEach(async () => {
    socket?.destroy();
    if (server !== undefined) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    socket = undefined;
  });

  /** A loopback server that answers each connection with `peer`; a client socket connected to it. */
  async function pair(peer: (s: Socket) => void): Promise<Socket> {
    server = createServer(peer);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    socket = connect(address.port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  }

  it('gives the bytes read with the HTTP head first, before what the paused socket buffered since', async () => {
    let peer: Socket | undefined;
    const s = await pair((p) => {
      peer = p;
      p.write(`${HEAD}first`);
    });
    const { response, rest } = await readHttpHead(s, 10_000);
    expect(response.status).toBe(101);
    expect(text(rest)).toBe('first');
    // readHttpHead left the socket paused; more arrives and waits in its buffer.
    peer?.write('second');
    await until(() => s.readableLength >= 'second'.length, 'the second write to wait in the paused socket');
    const got: string[] = [];
    const closes: Array<Error | undefined> = [];
    readSocket(
      s,
      (bytes) => got.push(text(bytes)),
      (error) => closes.push(error),
      rest,
    );
    peer?.end('third');
    await until(() => closes.length > 0, 'the close');
    expect(got.join('')).toBe('firstsecondthird');
    expect(closes).toEqual([undefined]);
  });

  it('reports the error a caller destroys the socket with, once', async () => {
    const s = await pair((p) => p.write('bytes'));
    const closes: Array<Error | undefined> = [];
    const failure = new Error('unreadable frame');
    readSocket(
      s,
      () => s.destroy(failure),
      (error) => closes.push(error),
    );
    await until(() => closes.length > 0, 'the close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closes).toEqual([failure]);
  });
});
