import type { Socket } from 'node:net';
import type { ConnectionOutput, RtspConnection } from '../rtsp/connection.js';

/** One accepted TCP connection (TLS inside it, once unwrapped), as the server tracks it. */
export type Endpoint = {
  /** The socket bytes are read from and written to: the TCP socket, or the TLS socket on it. */
  socket: Socket;
  readonly address: string;
  readonly connectedAt: number;
  tls: boolean;
  lastInput: number;
  /** Since when an incomplete head has been waiting (the slowloris clock); undefined when none is. */
  partialSince: number | undefined;
  /** The RTSP engine this connection feeds (directly, as a tunnel half, or through a WebSocket). */
  link: RtspLink | undefined;
};

/** An RTSP engine and when any of its connections last sent something. */
export type RtspLink = { readonly rtsp: RtspConnection; lastInput: number };

/** Pushes client bytes into a link's RTSP engine and runs the endpoint's slowloris clock. */
export function feed(endpoint: Endpoint, link: RtspLink, bytes: Uint8Array, now: number): void {
  endpoint.lastInput = now;
  link.lastInput = now;
  link.rtsp.push(bytes);
  endpoint.partialSince = link.rtsp.bufferedBytes === 0 ? undefined : (endpoint.partialSince ?? now);
}

/** A socket as an RTSP connection's output: messages and media share it. */
export function socketOutput(
  socket: Socket,
  framing: ConnectionOutput['framing'],
  onDestroy: (reason: string) => void,
): ConnectionOutput {
  return {
    framing,
    write(bytes) {
      if (!socket.destroyed) socket.write(bytes);
    },
    get queuedBytes() {
      return socket.writableLength;
    },
    destroy(reason) {
      onDestroy(reason);
      socket.destroy();
    },
  };
}

/** A Buffer's bytes as a Uint8Array view (no copy). */
export const bytesOf = (chunk: Buffer): Uint8Array => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
