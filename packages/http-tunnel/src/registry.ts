import { HttpTunnelError, HttpTunnelErrorCode } from './errors.js';

/** Identity of one side of a tunnel: its connection, its peer address, who it logged in as. */
export type TunnelPeer = {
  /** Any value unique per TCP connection (a number, a socket object…). */
  readonly connection: unknown;
  /** Peer IP address (without port). */
  readonly address: string;
  /** Authenticated principal (user name), when the server authenticates HTTP requests. */
  readonly principal?: string | undefined;
};

/** One tunnel session: a GET (down channel), at most one bound POST (up channel). */
export type TunnelSession = {
  readonly cookie: string;
  readonly get: TunnelPeer;
  readonly post: TunnelPeer | undefined;
  /** When the GET registered (ms). */
  readonly createdAt: number;
  /** True once a POST has been bound (the session is then never expired as unpaired). */
  readonly paired: boolean;
  /** Bytes buffered by {@link TunnelRegistry.bufferPending} and not yet taken. */
  readonly pendingBytes: number;
};

/** Options of {@link TunnelRegistry}. */
export type TunnelRegistryOptions = {
  /** How long a GET may wait for its first POST before {@link TunnelRegistry.poll} expires it (ms). */
  readonly pairTimeoutMs?: number;
  /** Cap on bytes buffered per session before its consumer takes them. */
  readonly maxPendingBytes?: number;
  /** Cap on live sessions. */
  readonly maxSessions?: number;
  /**
   * Whether `post` may bind to the session opened by `get`. Default: same IP address and,
   * when the GET has a principal, the same principal.
   */
  readonly allowPost?: (get: TunnelPeer, post: TunnelPeer) => boolean;
};

// 30 s: FFmpeg and GStreamer open the POST right after the GET's reply.
const DEFAULT_PAIR_TIMEOUT_MS = 30_000;
// 64 KiB: several RTSP requests (ANNOUNCE with SDP) waiting for the session to start.
const DEFAULT_MAX_PENDING_BYTES = 64 * 1024;
// 10 000: one per viewer; bounds memory held by abandoned GETs.
const DEFAULT_MAX_SESSIONS = 10_000;

const samePeer = (get: TunnelPeer, post: TunnelPeer): boolean =>
  get.address === post.address && (get.principal === undefined || get.principal === post.principal);

type Entry = {
  cookie: string;
  get: TunnelPeer;
  post: TunnelPeer | undefined;
  createdAt: number;
  paired: boolean;
  pending: Uint8Array[];
  pendingBytes: number;
};

/**
 * Pairs the two HTTP connections of QuickTime RTSP-over-HTTP tunnels by `x-sessioncookie`
 * (sans-IO; time is passed in as `now`, in ms).
 *
 * - A GET registers the cookie with its connection, peer address and principal.
 * - A POST binds to the GET with the same cookie, unless the cookie is unknown (404), the
 *   POST is on the GET's own connection (400), the peer policy refuses it (403, default:
 *   same IP and principal), or another POST is bound (409).
 * - Closing the POST unbinds it: a later POST with the cookie may re-bind. Closing the
 *   GET ends the session.
 * - GETs that never see a POST expire after `pairTimeoutMs` ({@link poll}, {@link nextDeadline}).
 * - Data waiting for the session's consumer is capped at `maxPendingBytes` (413).
 *
 * @example
 * registry.registerGet(cookie, { connection: getSocket, address: '10.0.0.5' }, now);
 * registry.attachPost(cookie, { connection: postSocket, address: '10.0.0.5' }, now);
 * @see Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export class TunnelRegistry {
  readonly #pairTimeoutMs: number;
  readonly #maxPendingBytes: number;
  readonly #maxSessions: number;
  readonly #allowPost: (get: TunnelPeer, post: TunnelPeer) => boolean;
  readonly #sessions = new Map<string, Entry>();

  constructor(options: TunnelRegistryOptions = {}) {
    this.#pairTimeoutMs = options.pairTimeoutMs ?? DEFAULT_PAIR_TIMEOUT_MS;
    this.#maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.#maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.#allowPost = options.allowPost ?? samePeer;
  }

  /** Number of live sessions. */
  get size(): number {
    return this.#sessions.size;
  }

  /** The session of `cookie`, if live. */
  get(cookie: string): TunnelSession | undefined {
    const e = this.#sessions.get(cookie);
    return e && snapshot(e);
  }

  /** Opens a session for a tunnel GET. Throws for a cookie already live or too many sessions. */
  registerGet(cookie: string, peer: TunnelPeer, now: number): TunnelSession {
    if (this.#sessions.has(cookie)) {
      throw new HttpTunnelError(HttpTunnelErrorCode.DuplicateCookie, `x-sessioncookie ${cookie} is already in use`);
    }
    if (this.#sessions.size >= this.#maxSessions) {
      throw new HttpTunnelError(HttpTunnelErrorCode.TooManySessions, `${this.#sessions.size} tunnel sessions open`);
    }
    const e: Entry = {
      cookie,
      get: peer,
      post: undefined,
      createdAt: now,
      paired: false,
      pending: [],
      pendingBytes: 0,
    };
    this.#sessions.set(cookie, e);
    return snapshot(e);
  }

  /** Binds a tunnel POST to the GET with the same cookie (see the class rules). */
  attachPost(cookie: string, peer: TunnelPeer, _now: number): TunnelSession {
    const e = this.#sessions.get(cookie);
    if (!e)
      throw new HttpTunnelError(HttpTunnelErrorCode.UnknownCookie, `no tunnel GET with x-sessioncookie ${cookie}`);
    if (e.get.connection === peer.connection) {
      throw new HttpTunnelError(HttpTunnelErrorCode.SameConnection, 'tunnel POST on the GET connection');
    }
    if (!this.#allowPost(e.get, peer)) {
      throw new HttpTunnelError(
        HttpTunnelErrorCode.PeerMismatch,
        `tunnel POST from ${peer.address} does not match the GET from ${e.get.address}`,
      );
    }
    if (e.post !== undefined) {
      throw new HttpTunnelError(HttpTunnelErrorCode.PostAlreadyBound, `a tunnel POST is already bound to ${cookie}`);
    }
    e.post = peer;
    e.paired = true;
    return snapshot(e);
  }

  /**
   * Buffers bytes for the session's consumer (e.g. RTSP requests decoded from the POST
   * before the RTSP engine is attached); the bytes are copied. Throws
   * `ERR_HTTP_TUNNEL_PENDING_OVERFLOW` when the total would exceed `maxPendingBytes`, and
   * leaves the buffer unchanged.
   */
  bufferPending(cookie: string, bytes: Uint8Array): void {
    const e = this.#sessions.get(cookie);
    if (!e) throw new HttpTunnelError(HttpTunnelErrorCode.UnknownCookie, `no tunnel session ${cookie}`);
    if (e.pendingBytes + bytes.length > this.#maxPendingBytes) {
      throw new HttpTunnelError(
        HttpTunnelErrorCode.PendingOverflow,
        `${e.pendingBytes + bytes.length} pending bytes exceed maxPendingBytes ${this.#maxPendingBytes}`,
      );
    }
    e.pending.push(bytes.slice());
    e.pendingBytes += bytes.length;
  }

  /** Takes (and clears) the bytes buffered for a session, in arrival order. */
  takePending(cookie: string): Uint8Array[] {
    const e = this.#sessions.get(cookie);
    if (!e) return [];
    const out = e.pending;
    e.pending = [];
    e.pendingBytes = 0;
    return out;
  }

  /**
   * A connection closed. Returns the cookies of sessions it ended (it was their GET); a
   * POST connection is only unbound, so a new POST may re-bind.
   */
  connectionClosed(connection: unknown): { ended: string[]; unbound: string[] } {
    const ended: string[] = [];
    const unbound: string[] = [];
    for (const [cookie, e] of this.#sessions) {
      if (e.get.connection === connection) {
        this.#sessions.delete(cookie);
        ended.push(cookie);
      } else if (e.post?.connection === connection) {
        e.post = undefined;
        unbound.push(cookie);
      }
    }
    return { ended, unbound };
  }

  /** Expires GETs that waited longer than `pairTimeoutMs` for a POST; returns their cookies. */
  poll(now: number): string[] {
    const expired: string[] = [];
    for (const [cookie, e] of this.#sessions) {
      if (!e.paired && now - e.createdAt >= this.#pairTimeoutMs) {
        this.#sessions.delete(cookie);
        expired.push(cookie);
      }
    }
    return expired;
  }

  /** When {@link poll} next has work (ms), `undefined` when no GET is waiting. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const e of this.#sessions.values()) {
      if (!e.paired) {
        const at = e.createdAt + this.#pairTimeoutMs;
        if (next === undefined || at < next) next = at;
      }
    }
    return next;
  }
}

function snapshot(e: Entry): TunnelSession {
  return {
    cookie: e.cookie,
    get: e.get,
    post: e.post,
    createdAt: e.createdAt,
    paired: e.paired,
    pendingBytes: e.pendingBytes,
  };
}
