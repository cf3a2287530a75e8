import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { RtspUrl } from '@rtspkit/rtsp';
import type { Pipe, PipeHandlers } from '../pipe.js';

export type { Pipe, PipeHandlers };

/** TLS settings for `rtsps://`, `rtsps+http://` and `wss://`. */
export type TlsOptions = {
  /** Certificate authorities to trust besides the system's (PEM). */
  readonly ca?: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  /**
   * Accept any certificate (self-signed cameras). Off by default; when on, the client
   * warns once per connection, because anyone on the path can then read the stream.
   */
  readonly insecure?: boolean;
  /** Server name for SNI and certificate checks; default the URL's host. */
  readonly servername?: string;
};

/** Options shared by the Node pipes. */
export type PipeOptions = {
  readonly tls?: TlsOptions;
  /** Give up opening after this long, ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Where warnings go (insecure TLS). Default `console.warn`. */
  readonly warn?: (message: string) => void;
};

/** Opens a TCP or TLS socket to the URL's host and port; resolves once connected. */
export function openSocket(url: RtspUrl, secure: boolean, options: PipeOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let socket: Socket;
    const onError = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    if (secure) {
      const tls = options.tls ?? {};
      const tlsOptions: ConnectionOptions = {
        host: url.host,
        port: url.port,
        servername: tls.servername ?? (/^[\d.:]+$/.test(url.host) ? undefined : url.host),
        rejectUnauthorized: tls.insecure !== true,
        ALPNProtocols: [],
      };
      if (tls.ca !== undefined) tlsOptions.ca = (Array.isArray(tls.ca) ? tls.ca : [tls.ca]) as string[];
      if (tls.insecure === true)
        (options.warn ?? console.warn)(
          `rtspkit: TLS certificate of ${url.host}:${url.port} is NOT verified (insecure: true); anyone on the path can read and alter this stream`,
        );
      socket = tlsConnect(tlsOptions, () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(socket);
      });
    } else {
      socket = netConnect({ host: url.host, port: url.port }, () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(socket);
      });
    }
    socket.once('error', onError);
    const timer = setTimeout(
      () => onError(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
  });
}

/**
 * Reads a connected socket for a pipe: `first` (bytes that came with an HTTP head already
 * read, if any), then every chunk, go to `onBytes` in order as views of Node's buffers (no
 * copy); `onClose` is called once, when the socket closes, with the error that closed it, if
 * any (`socket.destroy(error)` reports a failure of the caller's own). Resumes the socket.
 */
export function readSocket(
  socket: Socket,
  onBytes: (bytes: Uint8Array) => void,
  onClose: (error?: Error) => void,
  first?: Uint8Array,
): void {
  let closed = false;
  let failure: Error | undefined;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => onBytes(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
  socket.on('error', (e) => {
    failure = e;
  });
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    onClose(failure);
  });
  // Put back in front of what the paused socket buffered since, so the order holds.
  if (first !== undefined && first.length > 0) socket.unshift(first);
  socket.resume();
}

/** Wraps a connected socket as a {@link Pipe}. */
export function socketPipe(socket: Socket, handlers: PipeHandlers): Pipe {
  readSocket(socket, handlers.onData, handlers.onClose);
  return {
    remoteAddress: socket.remoteAddress,
    write(bytes) {
      if (!socket.destroyed) socket.write(bytes);
    },
    close() {
      socket.end();
      socket.destroySoon();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}

/** Opens the pipe an `rtsp://` or `rtsps://` URL asks for. */
export async function openTcpPipe(url: RtspUrl, options: PipeOptions, handlers: PipeHandlers): Promise<Pipe> {
  const socket = await openSocket(url, url.secure, options);
  return socketPipe(socket, handlers);
}
