import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { ServerError, ServerErrorCode } from './errors.js';
import { Mount } from './mount.js';
import { defaultServerLimits, type LogEntry, type ServerLimits } from './options.js';
import { RtspConnection, type ServerContext } from './rtsp/connection.js';
import { type RtspSession, SessionTable } from './rtsp/session.js';
import { plainAddress, UdpPortPool } from './net/udp.js';
import { sniff } from './net/sniff.js';
import type { StreamSource } from './source/types.js';

/** Options of {@link createServer}. */
export type ServerOptions = {
  /** TCP port for everything (RTSP, and later TLS, HTTP tunnel and WebSocket); 8554 by default, 0 for any free port. */
  readonly port?: number;
  /** Address to listen on; `0.0.0.0` by default. */
  readonly host?: string;
  /** Mounts to add before listening: path → source. */
  readonly mounts?: Readonly<Record<string, StreamSource>>;
  /** UDP media: the server port range, or `false` for TCP-only. Default `[20000, 29999]`. */
  readonly udpPortRange?: readonly [number, number] | false;
  /** Largest RTP packet; 1400 by default (fits a 1500-byte Ethernet MTU with IP/UDP headers). */
  readonly mtu?: number;
  /** Interval of RTCP sender reports per track, ms; 5000 by default (RFC 3550 §6.2 minimum). */
  readonly senderReportIntervalMs?: number;
  readonly limits?: Partial<ServerLimits>;
  /** Receives structured log entries. */
  readonly log?: (entry: LogEntry) => void;
};

type ConnectionRecord = {
  readonly socket: Socket;
  readonly address: string;
  readonly connectedAt: number;
  lastInput: number;
  /** When bytes of a still-incomplete head started to wait. */
  partialSince: number | undefined;
  rtsp: RtspConnection | undefined;
};

/**
 * An RTSP server on one TCP port, serving mounts of live sources to readers over UDP or
 * TCP (interleaved), with packets made once per mount and fanned out.
 *
 * @example
 * const server = createServer({ port: 8554, mounts: { '/cam': new FileSource({ files: ['v.h264'] }) } });
 * await server.listen();
 */
export class RtspServer {
  readonly #mounts = new Map<string, Mount>();
  readonly #sessions = new SessionTable();
  readonly #connections = new Set<ConnectionRecord>();
  readonly #perIp = new Map<string, number>();
  readonly #limits: ServerLimits;
  readonly #options: ServerOptions;
  readonly #udp: UdpPortPool | undefined;
  readonly #net: NetServer;
  readonly #context: ServerContext;
  readonly #cname = `rtspkit-${randomBytes(4).toString('hex')}`;
  #timer: NodeJS.Timeout | undefined;
  #state: 'idle' | 'listening' | 'closed' = 'idle';
  #nextConnection = 1;

  constructor(options: ServerOptions = {}) {
    this.#options = options;
    this.#limits = { ...defaultServerLimits, ...options.limits };
    const range = options.udpPortRange ?? [20000, 29999];
    this.#udp = range === false ? undefined : new UdpPortPool({ host: options.host ?? '0.0.0.0', range });
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
    this.#net = createNetServer({ noDelay: true }, (socket) => this.#accept(socket));
    for (const [path, source] of Object.entries(options.mounts ?? {})) this.#mountOf(path, source);
  }

  /** The bound address once listening. */
  get address(): AddressInfo | undefined {
    const a = this.#net.address();
    return typeof a === 'object' && a !== null ? a : undefined;
  }

  /** Mounts by path. */
  get mounts(): ReadonlyMap<string, Mount> {
    return this.#mounts;
  }

  /** Live sessions (for `/stats` and tests). */
  get sessions(): SessionTable {
    return this.#sessions;
  }

  /** UDP port pairs held by sessions. */
  get udpPairs(): number {
    return this.#udp?.size ?? 0;
  }

  /** Open TCP connections. */
  get connectionCount(): number {
    return this.#connections.size;
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
    this.#log('info', 'listening', { host: address.address, port: address.port });
    return address;
  }

  /** Stops listening, closes every connection (no TEARDOWN is sent) and stops every source. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasListening = this.#state === 'listening';
    this.#state = 'closed';
    if (this.#timer) clearInterval(this.#timer);
    for (const s of [...this.#sessions.values()]) this.#endSession(s, 'server closed');
    for (const c of this.#connections) c.socket.destroy();
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
    if (this.#connections.size >= this.#limits.maxConnections || count >= this.#limits.maxConnectionsPerIp) {
      this.#log('warn', 'connection refused: limit', { peer: address });
      socket.destroy();
      return;
    }
    const now = Date.now();
    const record: ConnectionRecord = {
      socket,
      address,
      connectedAt: now,
      lastInput: now,
      partialSince: now,
      rtsp: undefined,
    };
    this.#connections.add(record);
    this.#perIp.set(address, count + 1);
    socket.on('error', () => {
      // 'close' follows; a reset by the peer is normal.
    });
    socket.once('close', () => {
      this.#connections.delete(record);
      const left = (this.#perIp.get(address) ?? 1) - 1;
      if (left === 0) this.#perIp.delete(address);
      else this.#perIp.set(address, left);
      record.rtsp?.close();
    });
    sniff(socket, this.#limits.maxHeaderBytes, (kind, head) => {
      if (kind !== 'rtsp') {
        socket.destroy();
        return;
      }
      this.#startRtsp(record, head);
    });
  }

  #startRtsp(record: ConnectionRecord, head: Uint8Array): void {
    const socket = record.socket;
    const rtsp = new RtspConnection(
      { id: `c${this.#nextConnection++}`, peerAddress: record.address, kind: 'tcp', tls: false },
      {
        framing: 'interleaved',
        write: (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        },
        get queuedBytes() {
          return socket.writableLength;
        },
        destroy: (reason) => {
          this.#log('warn', 'connection closed', { peer: record.address, reason });
          socket.destroy();
        },
      },
      this.#context,
    );
    record.rtsp = rtsp;
    const onData = (chunk: Buffer) => {
      record.lastInput = Date.now();
      rtsp.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      if (rtsp.bufferedBytes === 0) record.partialSince = undefined;
      else record.partialSince ??= record.lastInput;
    };
    socket.on('data', onData);
    onData(Buffer.from(head.buffer, head.byteOffset, head.length));
  }

  /** Once a second: session timeouts, slow heads, idle connections. */
  #tick(): void {
    const now = Date.now();
    for (const s of this.#sessions.expired(now)) this.#endSession(s, 'timeout');
    for (const c of this.#connections) {
      if (c.partialSince !== undefined && now - c.partialSince > this.#limits.headerTimeoutMs) {
        this.#log('warn', 'connection closed: request head too slow', { peer: c.address });
        c.socket.destroy();
      } else if (now - c.lastInput > this.#limits.idleTimeoutMs && !c.rtsp?.playing) {
        this.#log('info', 'connection closed: idle', { peer: c.address });
        c.socket.destroy();
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

/** Creates a server; call `listen()` to start it. */
export function createServer(options: ServerOptions = {}): RtspServer {
  return new RtspServer(options);
}
