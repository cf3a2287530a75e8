import {
  Base64StreamDecoder,
  HttpTunnelError,
  serializeHttpError,
  serializeTunnelGetReply,
  TunnelRegistry,
} from '@rtspkit/http-tunnel';
import type { RtspConnection } from '../rtsp/connection.js';
import { bytesOf, type Endpoint, feed, type RtspLink } from './endpoint.js';

type Tunnel = { readonly link: RtspLink; readonly get: Endpoint; post: Endpoint | undefined };

/**
 * The QuickTime RTSP-over-HTTP tunnels of a server: a GET opens the down channel (answered
 * once, then it carries RTSP responses and interleaved media), a POST with the same
 * `x-sessioncookie` carries Base64 RTSP requests up and is never answered. Closing the
 * POST keeps the session (a new POST may re-bind); closing the GET ends it. GETs left
 * without a POST expire.
 *
 * @see Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export class TunnelHub {
  readonly #registry: TunnelRegistry;
  readonly #tunnels = new Map<string, Tunnel>();

  constructor(options: { pairTimeoutMs: number }) {
    this.#registry = new TunnelRegistry({ pairTimeoutMs: options.pairTimeoutMs });
  }

  /** Live tunnels (paired or waiting for their POST). */
  get size(): number {
    return this.#tunnels.size;
  }

  /** Opens the down channel; `engine` makes the tunnel's RTSP connection, writing to the GET socket. */
  get(endpoint: Endpoint, cookie: string, now: number, engine: () => RtspConnection): void {
    try {
      this.#registry.registerGet(cookie, { connection: endpoint, address: endpoint.address }, now);
    } catch (e) {
      refuse(endpoint, e);
      return;
    }
    endpoint.socket.write(serializeTunnelGetReply());
    const link = { rtsp: engine(), lastInput: now };
    endpoint.link = link;
    endpoint.partialSince = undefined;
    this.#tunnels.set(cookie, { link, get: endpoint, post: undefined });
    // Nothing more comes up a GET; read (and drop) anything so that a close is seen.
    endpoint.socket.on('data', () => {});
    endpoint.socket.resume();
  }

  /** Binds an up channel; `rest` is whatever followed the POST head in the same read. */
  post(endpoint: Endpoint, cookie: string, rest: Uint8Array, now: number): void {
    const tunnel = this.#tunnels.get(cookie);
    try {
      this.#registry.attachPost(cookie, { connection: endpoint, address: endpoint.address }, now);
    } catch (e) {
      refuse(endpoint, e);
      return;
    }
    if (tunnel === undefined) return; // registry and map agree; unreachable
    tunnel.post = endpoint;
    endpoint.link = tunnel.link;
    endpoint.partialSince = undefined;
    const decoder = new Base64StreamDecoder();
    const push = (bytes: Uint8Array) => {
      let decoded: Uint8Array;
      try {
        decoded = decoder.push(bytes);
      } catch {
        // The request stream is corrupt from here on: end the whole tunnel.
        tunnel.get.socket.destroy();
        endpoint.socket.destroy();
        return;
      }
      if (decoded.length > 0) feed(endpoint, tunnel.link, decoded, Date.now());
      else endpoint.lastInput = Date.now();
    };
    endpoint.socket.on('data', (chunk: Buffer) => push(bytesOf(chunk)));
    if (rest.length > 0) push(rest);
    endpoint.socket.resume();
  }

  /** A connection closed: a GET ends its tunnel (and its sessions), a POST only unbinds. */
  closed(endpoint: Endpoint): void {
    const { ended } = this.#registry.connectionClosed(endpoint);
    for (const cookie of ended) this.#end(cookie);
    for (const t of this.#tunnels.values()) if (t.post === endpoint) t.post = undefined;
  }

  /** Expires GETs that never got a POST. */
  tick(now: number): void {
    for (const cookie of this.#registry.poll(now)) {
      const t = this.#tunnels.get(cookie);
      t?.get.socket.destroy();
      this.#end(cookie);
    }
  }

  /** Ends a tunnel: its RTSP sessions, and its POST connection. */
  #end(cookie: string): void {
    const t = this.#tunnels.get(cookie);
    if (t === undefined) return;
    this.#tunnels.delete(cookie);
    t.link.rtsp.close('tunnel closed');
    t.post?.socket.destroy();
  }
}

function refuse(endpoint: Endpoint, e: unknown): void {
  if (!(e instanceof HttpTunnelError)) throw e;
  endpoint.socket.end(serializeHttpError(e.status ?? 400, e.message));
}
