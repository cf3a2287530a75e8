import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Opcode, RTSP_ONVIF_SUBPROTOCOL, type WebSocketMessage } from '../src/index.js';
import { type Peer, connectClient, startServer } from './support/adapter.js';

const MiB = 1024 * 1024;
const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >>> 8)) & 0xff);
/** Byte equality without vitest's element-by-element diffing (slow on 1 MiB). */
const same = (a: Uint8Array | false, b: Uint8Array) =>
  a !== false && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function wsEvents(ws: WebSocket) {
  ws.on('error', () => {});
  const messages: Array<{ data: Buffer; isBinary: boolean }> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    messages.push({ data, isBinary });
    for (const w of waiters.splice(0)) w();
  });
  const nth = async (n: number) => {
    while (messages.length < n) await new Promise<void>((r) => waiters.push(r));
    return messages[n - 1]!;
  };
  const closed = new Promise<{ code: number; reason: string }>((r) =>
    ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
  );
  return { nth, closed };
}

describe('ws (npm) as client against a server built from our codec', () => {
  async function echoServer(maxMessageSize?: number) {
    const server = await startServer(
      { protocols: [RTSP_ONVIF_SUBPROTOCOL], ...(maxMessageSize ? { maxMessageSize } : {}) },
      (peer: Peer) => peer.listen((m) => echo(peer, m)),
    );
    cleanups.push(() => server.close());
    return server;
  }
  function echo(peer: Peer, m: WebSocketMessage) {
    if (m.type === 'text') peer.send(peer.writer.text(m.data));
    if (m.type === 'binary') peer.send(peer.writer.binary(m.data));
  }

  it('echoes text, 1 MiB binary and a fragmented message; answers ping; closes with the code', async () => {
    const { port } = await echoServer();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/cam`, [RTSP_ONVIF_SUBPROTOCOL]);
    cleanups.push(() => ws.terminate());
    const ev = wsEvents(ws);
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe(RTSP_ONVIF_SUBPROTOCOL);

    ws.send('héllo');
    expect((await ev.nth(1)).data.toString()).toBe('héllo');

    const big = pattern(MiB);
    ws.send(big);
    const echoed = await ev.nth(2);
    expect(echoed.isBinary).toBe(true);
    expect(same(echoed.data, big)).toBe(true);

    // Fragmented text, the split inside a multi-byte character, with a ping in between.
    const euro = Buffer.from('a€b');
    ws.send(euro.subarray(0, 2), { fin: false, binary: false });
    const pong = new Promise<Buffer>((r) => ws.once('pong', r));
    ws.ping(Buffer.from('tick'));
    expect((await pong).toString()).toBe('tick');
    ws.send(euro.subarray(2), { fin: true, binary: false });
    expect((await ev.nth(3)).data.toString()).toBe('a€b');

    ws.close(4001, 'bye');
    expect(await ev.closed).toEqual({ code: 4001, reason: '' });
  });

  it('our message limit fails the connection with 1009, which ws observes', async () => {
    const { port } = await echoServer(1000);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    cleanups.push(() => ws.terminate());
    const ev = wsEvents(ws);
    await new Promise((r) => ws.once('open', r));
    ws.send(new Uint8Array(2000));
    expect((await ev.closed).code).toBe(1009);
  });

  it('refuses a ws client asking for another protocol version', async () => {
    const { port } = await echoServer();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { protocolVersion: 8 });
    ws.on('error', () => {});
    cleanups.push(() => ws.terminate());
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(400);
  });
});

describe('a client built from our codec against ws (npm) as server', () => {
  async function wsServer(options: { maxPayload?: number } = {}) {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (set) => (set.has(RTSP_ONVIF_SUBPROTOCOL) ? RTSP_ONVIF_SUBPROTOCOL : false),
      ...options,
    });
    await new Promise((r) => wss.once('listening', r));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const closes: Array<{ code: number; reason: string }> = [];
    wss.on('connection', (ws) => {
      ws.on('error', () => {});
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary && data.toString() === 'fragment please') {
          ws.send(Buffer.from('one '), { fin: false, binary: false });
          ws.ping(Buffer.from('between'));
          ws.send(Buffer.from('two'), { fin: true, binary: false });
          return;
        }
        ws.send(data, { binary: isBinary });
      });
      ws.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
    });
    const address = wss.address();
    return { port: typeof address === 'object' && address ? address.port : 0, closes, wss };
  }

  it('masks, fragments, pongs and closes as ws expects', async () => {
    const { port, closes } = await wsServer();
    const peer = await connectClient(port, '/x', [RTSP_ONVIF_SUBPROTOCOL]);
    expect(peer.protocol).toBe(RTSP_ONVIF_SUBPROTOCOL);

    peer.send(peer.writer.text('hello'));
    expect(await peer.next((m) => m.type === 'text')).toEqual({ type: 'text', data: 'hello' });

    const big = pattern(MiB);
    peer.send(peer.writer.binary(big));
    const echoed = await peer.next((m) => m.type === 'binary');
    expect(same(echoed.type === 'binary' && echoed.data, big)).toBe(true);

    // Our fragments: binary in three frames with a ping between them.
    peer.send(peer.writer.frame({ fin: false, opcode: Opcode.Binary, payload: big.subarray(0, 100) }));
    peer.send(peer.writer.ping(Uint8Array.of(1, 2, 3)));
    peer.send(peer.writer.frame({ fin: false, opcode: Opcode.Continuation, payload: big.subarray(100, 200) }));
    peer.send(peer.writer.frame({ fin: true, opcode: Opcode.Continuation, payload: big.subarray(200, 300) }));
    expect(await peer.next((m) => m.type === 'pong')).toEqual({ type: 'pong', data: Uint8Array.of(1, 2, 3) });
    const joined = await peer.next((m) => m.type === 'binary' && m.data.length === 300);
    expect(joined.type === 'binary' && joined.data).toEqual(big.subarray(0, 300));

    // ws's fragments, with its ping in between (our adapter answers the ping).
    peer.send(peer.writer.text('fragment please'));
    expect(await peer.next((m) => m.type === 'text' && m.data !== 'hello')).toEqual({ type: 'text', data: 'one two' });
    expect(peer.messages.some((m) => m.type === 'ping')).toBe(true);

    peer.send(peer.writer.close(4000, 'done'));
    expect(await peer.next((m) => m.type === 'close')).toMatchObject({ type: 'close', code: 4000 });
    await peer.closed;
    expect(closes).toEqual([{ code: 4000, reason: 'done' }]);
  });

  it("reads ws's 1009 close when a message exceeds its maxPayload", async () => {
    const { port } = await wsServer({ maxPayload: 1000 });
    const peer = await connectClient(port, '/');
    peer.send(peer.writer.binary(new Uint8Array(2000)));
    const close = await peer.next((m) => m.type === 'close');
    expect(close).toMatchObject({ type: 'close', code: 1009 });
  });
});
