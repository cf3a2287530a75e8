import type { Socket } from 'node:net';

/** What the first bytes of a connection say it speaks. */
export type Protocol = 'tls' | 'rtsp' | 'http' | 'unknown';

// TLS record type 22, handshake (RFC 8446 §5.1).
const TLS_HANDSHAKE = 0x16;
const LF = 0x0a;
const VERSION = /\s(RTSP|HTTP)\/\d\.\d\r?$/;

/**
 * Decides a connection's protocol from its first bytes: `0x16` is a TLS ClientHello;
 * otherwise the first line's version token says RTSP or HTTP (an RTSP `OPTIONS` and an
 * HTTP `OPTIONS` differ only there).
 */
export function classify(head: Uint8Array): Protocol | undefined {
  if (head.length === 0) return undefined;
  if (head[0] === TLS_HANDSHAKE) return 'tls';
  const end = head.indexOf(LF);
  if (end < 0) return undefined;
  const line = new TextDecoder('latin1').decode(head.subarray(0, end));
  const m = VERSION.exec(line);
  if (m === null) return 'unknown';
  return m[1] === 'RTSP' ? 'rtsp' : 'http';
}

/**
 * Reads from `socket` until {@link classify} decides (or `maxBytes` arrive without a line
 * end: `unknown`), then pauses it and calls `decided` with every byte read so far; the
 * handler resumes the socket once its own listener is in place.
 */
export function sniff(socket: Socket, maxBytes: number, decided: (protocol: Protocol, head: Uint8Array) => void): void {
  let head = new Uint8Array(0);
  const onData = (chunk: Buffer) => {
    const next = new Uint8Array(head.length + chunk.length);
    next.set(head, 0);
    next.set(chunk, head.length);
    head = next;
    const protocol = classify(head) ?? (head.length >= maxBytes ? 'unknown' : undefined);
    if (protocol === undefined) return;
    // Paused until the protocol's handler takes over the socket and resumes it.
    socket.pause();
    socket.off('data', onData);
    decided(protocol, head);
  };
  socket.on('data', onData);
  socket.resume();
}
