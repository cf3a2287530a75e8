import type { Transport } from '@rtspkit/rtsp';
import type { Mount } from '../mount.js';
import type { MediaReader, ReaderCounters, TrackOutput, UdpTrackOutput } from '../reader.js';

/** How a session's media travels, as `/stats` shows it. */
export type TransportKind = 'udp' | 'tcp' | 'http-tunnel' | 'websocket';

/** A session's state (RFC 2326 Appendix A.2); `init` is "no session". */
export type SessionState = 'init' | 'ready' | 'playing';

/**
 * Methods each state accepts; anything else gets 455 Method Not Valid in This State.
 * OPTIONS, DESCRIBE, GET_PARAMETER and SET_PARAMETER are valid in every state.
 *
 * @see RFC 2326 Appendix A.2
 */
export const ALLOWED_IN_STATE: Readonly<Record<SessionState, ReadonlySet<string>>> = {
  init: new Set(['OPTIONS', 'DESCRIBE', 'SETUP', 'GET_PARAMETER', 'SET_PARAMETER']),
  ready: new Set(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER']),
  playing: new Set(['OPTIONS', 'DESCRIBE', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER']),
};

/** Two UDP ports the server sends one track from (RTP even, RTCP odd). */
export type UdpPairHandle = {
  readonly rtpPort: number;
  readonly rtcpPort: number;
  /** Where this pair sends to: the client's RTP and RTCP ports at `address`. */
  connect(address: string, rtpPort: number, rtcpPort: number): UdpTrackOutput;
  /** RTCP packets arriving from the connected client (others are dropped). */
  onRtcp(listener: (packet: Uint8Array) => void): void;
  /** Frees both ports. */
  close(): void;
};

/** Hands out UDP port pairs from the server's range. */
export type UdpAllocator = { allocate(): Promise<UdpPairHandle> };

/** One track a session has set up. */
export type TrackSetup = {
  readonly track: number;
  /** The Transport the SETUP response announced. */
  readonly transport: Transport;
  readonly output: TrackOutput;
  readonly udp?: UdpPairHandle;
};

/** The last receiver report of one track, as `/stats` shows it. */
export type ReceiverReportStats = {
  readonly track: number;
  readonly fractionLost: number;
  readonly cumulativeLost: number;
  readonly jitter: number;
  readonly at: number;
};

/**
 * One RTSP session: the tracks it set up, its reader once it plays, its owner (the
 * connection, tunnel pair or WebSocket that created it) and when it last showed life.
 */
export class RtspSession {
  readonly id: string;
  /** The connection (or tunnel, or WebSocket) that created the session; only it may use it. */
  readonly owner: string;
  readonly mount: Mount;
  /** The mount's URL as the client wrote it (Content-Base without the slash). */
  readonly baseUrl: string;
  readonly peer: string;
  readonly tls: boolean;
  readonly connectionKind: Exclude<TransportKind, 'udp'>;
  readonly startedAt: number;
  readonly timeoutMs: number;
  state: Exclude<SessionState, 'init'> = 'ready';
  readonly setups = new Map<number, TrackSetup>();
  reader: MediaReader | undefined;
  lastActivity: number;
  readonly receiverReports = new Map<number, ReceiverReportStats>();
  /** Counters of readers that have been replaced (PAUSE then PLAY keeps one reader). */
  #closed = false;

  constructor(init: {
    id: string;
    owner: string;
    mount: Mount;
    baseUrl: string;
    peer: string;
    tls: boolean;
    connectionKind: Exclude<TransportKind, 'udp'>;
    now: number;
    timeoutMs: number;
  }) {
    this.id = init.id;
    this.owner = init.owner;
    this.mount = init.mount;
    this.baseUrl = init.baseUrl;
    this.peer = init.peer;
    this.tls = init.tls;
    this.connectionKind = init.connectionKind;
    this.startedAt = init.now;
    this.lastActivity = init.now;
    this.timeoutMs = init.timeoutMs;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** `udp` when any track goes over UDP, else the connection's kind. */
  get transport(): TransportKind {
    for (const s of this.setups.values()) if (s.output.kind === 'udp') return 'udp';
    return this.connectionKind;
  }

  get counters(): ReaderCounters {
    return this.reader?.counters ?? { bytesSent: 0, packetsSent: 0, framesSent: 0, framesDropped: 0 };
  }

  /** Stops media and frees every resource: the reader, its place in the mount, UDP ports. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.reader) {
      this.mount.detach(this.reader);
      this.reader.close();
    }
    for (const s of this.setups.values()) s.udp?.close();
  }
}

/** Every live session by id. */
export class SessionTable {
  readonly #sessions = new Map<string, RtspSession>();

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string): RtspSession | undefined {
    return this.#sessions.get(id);
  }

  add(session: RtspSession): void {
    this.#sessions.set(session.id, session);
  }

  /** Closes and forgets a session. */
  remove(session: RtspSession): void {
    this.#sessions.delete(session.id);
    session.close();
  }

  /** Sessions of one owner. */
  ownedBy(owner: string): RtspSession[] {
    return [...this.#sessions.values()].filter((s) => s.owner === owner);
  }

  /** Sessions whose last sign of life is older than their timeout. */
  expired(now: number): RtspSession[] {
    return [...this.#sessions.values()].filter((s) => now - s.lastActivity > s.timeoutMs);
  }

  values(): IterableIterator<RtspSession> {
    return this.#sessions.values();
  }
}
