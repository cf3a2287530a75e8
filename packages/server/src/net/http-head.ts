import type { Socket } from 'node:net';
import { HttpTunnelError, parseTunnelRequest, serializeHttpError, type TunnelRequest } from '@rtspkit/http-tunnel';
import { bytesOf } from './endpoint.js';

/**
 * Reads an HTTP request head that starts with `first` (bytes already read), then hands it
 * over with the bytes that followed it. A malformed head is answered 400 and the socket
 * closed; a head over `maxBytes` too (431 is not in HTTP/1.0 clients' vocabulary).
 */
export function readHttpHead(
  socket: Socket,
  first: Uint8Array,
  maxBytes: number,
  done: (request: TunnelRequest, rest: Uint8Array) => void,
): void {
  let head = first;
  const attempt = (): boolean => {
    let parsed: ReturnType<typeof parseTunnelRequest>;
    try {
      parsed = parseTunnelRequest(head, { maxHeadBytes: maxBytes });
    } catch (e) {
      if (!(e instanceof HttpTunnelError)) throw e;
      socket.end(serializeHttpError(e.status ?? 400, e.message));
      return true;
    }
    if (parsed === null) return false;
    done(parsed.request, head.subarray(parsed.headLength));
    return true;
  };
  if (attempt()) return;
  const onData = (chunk: Buffer) => {
    const next = new Uint8Array(head.length + chunk.length);
    next.set(head);
    next.set(bytesOf(chunk), head.length);
    head = next;
    socket.pause();
    socket.off('data', onData);
    if (!attempt()) {
      socket.on('data', onData);
      socket.resume();
    }
  };
  socket.on('data', onData);
  socket.resume();
}
