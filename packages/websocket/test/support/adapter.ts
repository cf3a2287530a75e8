/**
 * A small Node adapter built only from this package's codec (handshake, reader, writer),
 * for the interop tests: a TCP server that speaks WebSocket, and a TCP client.
 */
import { type Server, type Socket, connect, createServer } from 'node:net';
import { parseHttpHead } from '@rtspkit/rtsp';
import {
  type UpgradeOptions,
  WebSocketError,
  type WebSocketMessage,
  WebSocketMessageReader,
  WebSocketWriter,
  answerUpgrade,
  createWebSocketKey,
  serializeUpgradeRequest,
  validateUpgradeResponse,
} from '../../src/index.js';

export type Peer = {
  /** Sends raw bytes (already framed by `writer`). */
  send(bytes: Uint8Array): void;
  readonly writer: WebSocketWriter;
  readonly protocol: string | undefined;
  /** Messages read so far (pings answered automatically, close echoed). */
  readonly messages: WebSocketMessage[];
  /** Resolves on the next message matching `pred`. */
  next(pred?: (m: WebSocketMessage) => boolean): Promise<WebSocketMessage>;
  /** Calls `fn` for every message read from now on. */
  listen(fn: (m: WebSocketMessage) => void): void;
  readonly closed: Promise<void>;
};

function attach(
  socket: Socket,
  role: 'server' | 'client',
  protocol: string | undefined,
  first: Uint8Array,
  maxMessageSize: number | undefined,
): Peer {
  const writer = new WebSocketWriter({ role });
  const reader = new WebSocketMessageReader({
    role,
    ...(maxMessageSize !== undefined ? { maxMessageSize } : {}),
  });
  const messages: WebSocketMessage[] = [];
  const listeners: Array<(m: WebSocketMessage) => void> = [];
  const waiters: Array<{ pred: (m: WebSocketMessage) => boolean; resolve: (m: WebSocketMessage) => void }> = [];
  let sentClose = false;
  const send = (bytes: Uint8Array) => {
    if (!socket.destroyed) socket.write(bytes);
  };
  const onBytes = (chunk: Uint8Array) => {
    let read: WebSocketMessage[];
    try {
      read = reader.push(chunk);
    } catch (e) {
      if (!(e instanceof WebSocketError)) throw e;
      // Fail the connection with the error's close code (RFC 6455 §7.1.7).
      if (!sentClose) send(writer.close(e.closeCode ?? 1002));
      sentClose = true;
      socket.end();
      return;
    }
    for (const m of read) {
      messages.push(m);
      for (const fn of listeners) fn(m);
      if (m.type === 'ping') send(writer.pong(m.data));
      if (m.type === 'close') {
        if (!sentClose) send(writer.close(m.code));
        sentClose = true;
        socket.end();
      }
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i]!;
        if (w.pred(m)) {
          waiters.splice(i, 1);
          w.resolve(m);
        }
      }
    }
  };
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (d: Buffer) => onBytes(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
  socket.on('error', () => {});
  if (first.length > 0) queueMicrotask(() => onBytes(first));
  return {
    send(bytes) {
      if (bytes[0] !== undefined && (bytes[0] & 0x0f) === 0x8) sentClose = true;
      send(bytes);
    },
    writer,
    protocol,
    messages,
    next(pred = () => true) {
      const seen = messages.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    listen(fn) {
      listeners.push(fn);
    },
    closed,
  };
}

/** Reads an HTTP head from `socket`; resolves with it and the bytes after it. */
function readHead(socket: Socket) {
  return new Promise<{ head: NonNullable<ReturnType<typeof parseHttpHead>>['head']; rest: Uint8Array }>(
    (resolve, reject) => {
      let buf = new Uint8Array(0);
      const onData = (d: Buffer) => {
        const next = new Uint8Array(buf.length + d.length);
        next.set(buf);
        next.set(d, buf.length);
        buf = next;
        try {
          const parsed = parseHttpHead(buf);
          if (!parsed) return;
          socket.off('data', onData);
          resolve({ head: parsed.head, rest: buf.slice(parsed.headLength) });
        } catch (e) {
          reject(e);
        }
      };
      socket.on('data', onData);
    },
  );
}

/** A WebSocket server on 127.0.0.1 built from the codec. */
export async function startServer(
  options: UpgradeOptions & { maxMessageSize?: number; page?: string },
  onPeer: (peer: Peer) => void,
): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    readHead(socket).then(
      ({ head, rest }) => {
        if (head.kind !== 'request') return socket.destroy();
        if (options.page !== undefined && !head.headers.some(([n]) => n.toLowerCase() === 'upgrade')) {
          const body = Buffer.from(options.page);
          socket.end(
            `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${options.page}`,
          );
          return;
        }
        const decision = answerUpgrade(head, options);
        socket.write(decision.reply);
        if (!decision.accepted) return socket.end();
        onPeer(attach(socket, 'server', decision.protocol, rest, options.maxMessageSize));
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A WebSocket client built from the codec. */
export async function connectClient(
  port: number,
  uri: string,
  protocols: string[] = [],
  maxMessageSize?: number,
): Promise<Peer> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const key = createWebSocketKey();
  const headPromise = readHead(socket);
  socket.write(serializeUpgradeRequest({ host: `127.0.0.1:${port}`, uri, key, protocols }));
  const { head, rest } = await headPromise;
  if (head.kind !== 'response') throw new Error('expected a response head');
  const { protocol } = validateUpgradeResponse(head, { key, protocols });
  return attach(socket, 'client', protocol, rest, maxMessageSize);
}
