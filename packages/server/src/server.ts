import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { serializePreflightReply, type TunnelRequest } from '@rtspkit/http-tunnel';
import { getHeader } from '@rtspkit/rtsp';
import { ServerError, ServerErrorCode } from './errors.js';
import { type PlayerAssets, type PlayerPageOptions, playerAssets } from './http/player-page.js';
import { answerHttp } from './http/site.js';
import { Mount } from './mount.js';
import { bytesOf, type Endpoint, feed, socketOutput } from './net/endpoint.js';
import { readHttpHead } from './net/http-head.js';
import { type Protocol, sniff } from './net/sniff.js';
import { unwrapTls } from './net/tls.js';
import { TunnelHub } from './net/tunnel.js';
import { plainAddress, UdpPortPool } from './net/udp.js';
import { upgradeToRtsp } from './net/websocket.js';
import { defaultServerLimits, type LogEntry, type ServerLimits } from './options.js';
import { type ConnectionOutput, RtspConnection, type ServerContext } from './rtsp/connection.js';
import { type RtspSession, SessionTable } from './rtsp/session.js';
import type { StreamSource } from './source/types.js';
import { type ServerStats, serverStats } from './stats.js';

/** Counts of what a server holds, from {@link RtspServer.resources}. */
export type ServerResources = {
  /** Open TCP connections (a tunnel is two). */
  readonly connections: number;
  /** HTTP tunnels, paired or waiting for their POST. */
  readonly tunnels: number;
  /** Live RTSP sessions. */
  readonly sessions: number;
  /** UDP RTP/RTCP port pairs bound for sessions. */
  readonly udpPortPairs: number;
  /** Readers attached to mounts (playing). */
  readonly readers: number;
  /** Readers whose PLAY waits for a key frame. */
  readonly waitingForKeyFrame: number;
  /** Bytes in the write queues of every connection, not yet handed to the kernel. */
  readonly queuedBytes: number;
};

/** A certificate and its private key, PEM-encoded. */
export type TlsOptions = { readonly cert: string | Uint8Array; readonly key: string | Uint8Array };

/** Options of {@link createServer}. */
export type ServerOptions = {
  /** TCP port for everything (RTSP, TLS, HTTP tunnel, WebSocket, pages); 8554 by default, 0 for any free port. */
  readonly port?: number;
  /** Address to listen on; `0.0.0.0` by default. */
  readonly host?: string;
  /** Mounts to add before listening: path → source. */
  readonly mounts?: Readonly<Record<string, StreamSource>>;
  /** TLS on the same port as plain connections (`rtsps://`, `wss://`, tunnels over HTTPS). */
  readonly tls?: TlsOptions;
  /** UDP media: the server port range, or `false` for TCP-only. Default `[20000, 29999]`. */
  readonly udpPortRange?: readonly [number, number] | false;
  /** Largest RTP packet; 1400 by default (fits a 1500-byte Ethernet MTU with IP/UDP headers). */
  readonly mtu?: number;
  /** Interval of RTCP sender reports per track, ms; 5000 by default (RFC 3550 §6.2 minimum). */
  readonly senderReportIntervalMs?: number;
  readonly limits?: Partial<ServerLimits>;
  /** The browser player: `/` shows its demo page around the mount list, `/player.js` serves its bundle. Without it, `/` is the mount list. */
  readonly player?: PlayerPageOptions;
  /** Receives structured log entries. */
  readonly log?: (entry: LogEntry) => void;
};

// Tunnel POSTs come right after their GET's answer; RTSP requests are a few hundred bytes.
const TUNNEL_PAIR_TIMEOUT_MS = 30_000;
const MAX_WEBSOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * An RTSP server on one TCP port. Each connection's first bytes decide what it is: a TLS
 * ClientHello (TLS is terminated and the plaintext sniffed again), RTSP, or HTTP — a
 * tunnel GET or POST (paired by `x-sessioncookie`), a WebSocket upgrade carrying RTSP
 * (`rtsp.onvif.org`), or a page (`/`, `/health`, `/stats`). Mounts of live sources are
 * packetized once and fanned out to readers over UDP or interleaved on their connection.
 *
 * @example
 * const server = createServer({ port: 8554, mounts: { '/cam': new FileSource({ files: ['v.h264'] }) } });
 * await server.listen();
 */
export class RtspServer {
  readonly #mounts = new Map<string, Mount>();
  readonly #sessions = new SessionTable();
  readonly #endpoints = new Set<Endpoint>();
  readonly #perIp = new Map<string, number>();
  readonly #limits: ServerLimits;
  readonly #options: ServerOptions;
  readonly #udp: UdpPortPool | undefined;
  readonly #net: NetServer;
  readonly #context: ServerContext;
  readonly #tunnels = new TunnelHub({ pairTimeoutMs: TUNNEL_PAIR_TIMEOUT_MS });
  readonly #secureContext: SecureContext | undefined;
  readonly #player: PlayerAssets | undefined;
  readonly #cname = `rtspkit-${randomBytes(4).toString('hex')}`;
  readonly #startedAt = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #state: 'idle' | 'listening' | 'closed' = 'idle';
  #nextConnection = 1;

  constructor(options: ServerOptions = {}) {
    this.#options = options;
    this.#limits = { ...defaultServerLimits, ...options.limits };
    const range = options.udpPortRange ?? [20000, 29999];
    this.#udp = range === false ? undefined : new UdpPortPool({ host: options.host ?? '0.0.0.0', range });
    this.#secureContext = options.tls
      ? createSecureContext({ cert: toPem(options.tls.cert), key: toPem(options.tls.key) })
      : undefined;
    this.#player = options.player ? playerAssets(options.player) : undefined;
    this.#context = {
      mounts: this.#mounts,
      sessions: this.#sessions,
      udp: this.#udp,
      limits: {
        ...this.#limits,
        rtsp: { maxHeaderBytes: this.#limits.maxHeaderBytes, maxBodyBytes: this.#limits.maxBodyBytes },
      },
      now: Date.now,
      sessionId: () => randomBytes(8).toString('hex').toUpperCase(),
      onSessionEnd: (session, reason) => this.#log('info', 'session ended', { session: session.id, reason }),
    };
    this.#net = createNetServer({ noDelay: true, pauseOnConnect: true }, (socket) => this.#accept(socket));
    for (const [path, source] of Object.entries(options.mounts ?? {})) this.#mountOf(path, source);
  }

  /** The bound address once listening. */
  get address(): AddressInfo | undefined {
    const a = this.#net.address();
    return typeof a === 'object' && a !== null ? a : undefined;
  }

  /** True when TLS is configured. */
  get tls(): boolean {
    return this.#secureContext !== undefined;
  }

  /** Mounts by path. */
  get mounts(): ReadonlyMap<string, Mount> {
    return this.#mounts;
  }

  /** Live sessions. */
  get sessions(): SessionTable {
    return this.#sessions;
  }

  /** UDP port pairs held by sessions. */
  get udpPairs(): number {
    return this.#udp?.size ?? 0;
  }

  /** Open TCP connections. */
  get connectionCount(): number {
    return this.#endpoints.size;
  }

  /**
   * What the server holds right now, for leak checks: every count here falls back to what
   * the remaining clients use once others leave (sessions hold no timer of their own: the
   * server's one-second tick checks their timeouts).
   */
  resources(): ServerResources {
    let readers = 0;
    let waiting = 0;
    for (const m of this.#mounts.values()) {
      readers += m.readerCount;
      waiting += m.waitingCount;
    }
    let queuedBytes = 0;
    for (const e of this.#endpoints) queuedBytes += e.socket.writableLength;
    return {
      connections: this.#endpoints.size,
      tunnels: this.#tunnels.size,
      sessions: this.#sessions.size,
      udpPortPairs: this.udpPairs,
      readers,
      waitingForKeyFrame: waiting,
      queuedBytes,
    };
  }

  /** The `/stats` document. */
  stats(): ServerStats {
    return serverStats({
      startedAt: this.#startedAt,
      connections: this.#endpoints.size,
      tunnels: this.#tunnels.size,
      udpPortPairs: this.udpPairs,
      sessions: this.#sessions.values(),
      mounts: this.#mounts.values(),
    });
  }

  /** Adds a mount and opens its source; when listening, readers can use it at once. */
  async addMount(path: string, source: StreamSource): Promise<Mount> {
    const mount = this.#mountOf(path, source);
    if (this.#state === 'listening') await this.#open(mount);
    return mount;
  }

  /** Removes a mount: its sessions end and its source stops. */
  removeMount(path: string): void {
    const mount = this.#mounts.get(path);
    if (mount === undefined) return;
    this.#mounts.delete(path);
    for (const s of [...this.#sessions.values()]) if (s.mount === mount) this.#endSession(s, 'mount removed');
    mount.close();
  }

  /** Opens every mount's source, then listens. Resolves with the bound address. */
  async listen(): Promise<AddressInfo> {
    if (this.#state !== 'idle') throw new ServerError(ServerErrorCode.BadState, `server is ${this.#state}`);
    this.#state = 'listening';
    await Promise.all([...this.#mounts.values()].map((m) => this.#open(m)));
    await new Promise<void>((resolve, reject) => {
      this.#net.once('error', reject);
      this.#net.listen(this.#options.port ?? 8554, this.#options.host ?? '0.0.0.0', () => {
        this.#net.off('error', reject);
        resolve();
      });
    });
    this.#timer = setInterval(() => this.#tick(), 1000);
    this.#timer.unref();
    const address = this.address as AddressInfo;
    this.#log('info', 'listening', { host: address.address, port: address.port, tls: this.tls });
    return address;
  }

  /** Stops listening, closes every connection (no TEARDOWN is sent) and stops every source. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasListening = this.#state === 'listening';
    this.#state = 'closed';
    if (this.#timer) clearInterval(this.#timer);
    for (const s of [...this.#sessions.values()]) this.#endSession(s, 'server closed');
    for (const e of this.#endpoints) e.socket.destroy();
    for (const m of this.#mounts.values()) m.close();
    if (wasListening) await new Promise<void>((resolve) => this.#net.close(() => resolve()));
  }

  #mountOf(path: string, source: StreamSource): Mount {
    if (!/^\/[^\s?#]*$/.test(path) || path.endsWith('/') || /\/trackID=\d+$/.test(path)) {
      throw new ServerError(ServerErrorCode.BadMount, `invalid mount path ${JSON.stringify(path)}`);
    }
    if (this.#mounts.has(path)) throw new ServerError(ServerErrorCode.BadMount, `mount ${path} exists already`);
    const mount = new Mount(path, source, {
      mtu: this.#options.mtu ?? 1400,
      senderReportIntervalMs: this.#options.senderReportIntervalMs ?? 5000,
      maxKeyFrameWaitMs: this.#limits.maxKeyFrameWaitMs,
      cname: this.#cname,
      now: Date.now,
      randomUint32: () => randomBytes(4).readUInt32BE(0),
    });
    this.#mounts.set(path, mount);
    return mount;
  }

  async #open(mount: Mount): Promise<void> {
    try {
      await mount.open();
      this.#log('info', 'mount ready', { mount: mount.path, tracks: mount.formats.map((f) => f.codec) });
    } catch (e) {
      this.#log('error', 'mount failed', { mount: mount.path, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  #accept(socket: Socket): void {
    const address = plainAddress(socket.remoteAddress ?? '');
    const count = this.#perIp.get(address) ?? 0;
    if (this.#endpoints.size >= this.#limits.maxConnections || count >= this.#limits.maxConnectionsPerIp) {
      this.#log('warn', 'connection refused: limit', { peer: address });
      socket.destroy();
      return;
    }
    const now = Date.now();
    const endpoint: Endpoint = {
      socket,
      address,
      connectedAt: now,
      tls: false,
      lastInput: now,
      partialSince: now,
      link: undefined,
    };
    this.#endpoints.add(endpoint);
    this.#perIp.set(address, count + 1);
    socket.on('error', () => {
      // 'close' follows; a reset by the peer is normal.
    });
    socket.once('close', () => {
      this.#endpoints.delete(endpoint);
      const left = (this.#perIp.get(address) ?? 1) - 1;
      if (left === 0) this.#perIp.delete(address);
      else this.#perIp.set(address, left);
      this.#tunnels.closed(endpoint);
      endpoint.link?.rtsp.close();
    });
    sniff(socket, this.#limits.maxHeaderBytes, (protocol, head) => this.#dispatch(endpoint, protocol, head));
  }

  #dispatch(endpoint: Endpoint, protocol: Protocol, head: Uint8Array): void {
    switch (protocol) {
      case 'tls': {
        if (this.#secureContext === undefined || endpoint.tls) {
          endpoint.socket.destroy();
          return;
        }
        const tls = unwrapTls(endpoint.socket, head, this.#secureContext);
        endpoint.socket = tls;
        endpoint.tls = true;
        sniff(tls, this.#limits.maxHeaderBytes, (inner, innerHead) => this.#dispatch(endpoint, inner, innerHead));
        endpoint.socket.resume();
        return;
      }
      case 'rtsp':
        this.#startRtsp(endpoint, head);
        return;
      case 'http':
        readHttpHead(endpoint.socket, head, this.#limits.maxHeaderBytes, (request, rest) => {
          this.#routeHttp(endpoint, request, rest);
        });
        return;
      default:
        endpoint.socket.destroy();
    }
  }

  #engine(endpoint: Endpoint, kind: 'tcp' | 'http-tunnel' | 'websocket', framing: ConnectionOutput['framing']) {
    const id = `${kind === 'tcp' ? 'c' : kind === 'websocket' ? 'w' : 't'}${this.#nextConnection++}`;
    return new RtspConnection(
      { id, peerAddress: endpoint.address, kind, tls: endpoint.tls },
      socketOutput(endpoint.socket, framing, (reason) =>
        this.#log('warn', 'connection closed', { peer: endpoint.address, reason }),
      ),
      this.#context,
    );
  }

  #startRtsp(endpoint: Endpoint, head: Uint8Array): void {
    const link = { rtsp: this.#engine(endpoint, 'tcp', 'interleaved'), lastInput: Date.now() };
    endpoint.link = link;
    endpoint.socket.on('data', (chunk: Buffer) => feed(endpoint, link, bytesOf(chunk), Date.now()));
    feed(endpoint, link, head, Date.now());
    endpoint.socket.resume();
  }

  #routeHttp(endpoint: Endpoint, request: TunnelRequest, rest: Uint8Array): void {
    const now = Date.now();
    endpoint.partialSince = undefined;
    switch (request.kind) {
      case 'tunnel-get':
        this.#tunnels.get(endpoint, request.cookie, now, () => this.#engine(endpoint, 'http-tunnel', 'interleaved'));
        return;
      case 'tunnel-post':
        this.#tunnels.post(endpoint, request.cookie, rest, now);
        return;
      case 'preflight':
        endpoint.socket.end(serializePreflightReply(getHeader(request.head.headers, 'Origin')));
        return;
      case 'http':
        if ((getHeader(request.head.headers, 'Upgrade') ?? '').toLowerCase() === 'websocket') {
          upgradeToRtsp(endpoint, request.head, rest, { maxMessageBytes: MAX_WEBSOCKET_MESSAGE_BYTES }, () =>
            this.#engine(endpoint, 'websocket', 'websocket'),
          );
          return;
        }
        endpoint.socket.end(
          answerHttp(
            request.head,
            { mounts: () => [...this.#mounts.keys()], stats: () => this.stats(), tls: this.tls, player: this.#player },
            endpoint.tls,
          ),
        );
        return;
    }
  }

  /** Once a second: session timeouts, unpaired tunnels, slow heads, idle connections. */
  #tick(): void {
    const now = Date.now();
    for (const s of this.#sessions.expired(now)) this.#endSession(s, 'timeout');
    this.#tunnels.tick(now);
    for (const e of this.#endpoints) {
      if (e.partialSince !== undefined && now - e.partialSince > this.#limits.headerTimeoutMs) {
        this.#log('warn', 'connection closed: request head too slow', { peer: e.address });
        e.socket.destroy();
      } else if (
        now - Math.max(e.lastInput, e.link?.lastInput ?? 0) > this.#limits.idleTimeoutMs &&
        !e.link?.rtsp.playing
      ) {
        this.#log('info', 'connection closed: idle', { peer: e.address });
        e.socket.destroy();
      }
    }
  }

  #endSession(session: RtspSession, reason: string): void {
    this.#sessions.remove(session);
    this.#context.onSessionEnd?.(session, reason);
  }

  #log(level: LogEntry['level'], msg: string, fields: Record<string, unknown> = {}): void {
    this.#options.log?.({ level, msg, ...fields });
  }
}

const toPem = (v: string | Uint8Array) => (typeof v === 'string' ? v : Buffer.from(v));

/** Creates a server; call `listen()` to start it. */
export function createServer(options: ServerOptions = {}): RtspServer {
  return new RtspServer(options);
}
