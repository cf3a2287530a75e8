import type { Mount } from './mount.js';
import type { RtspSession } from './rtsp/session.js';

/** One session as `/stats` shows it. */
export type SessionStats = {
  readonly id: string;
  readonly mount: string;
  readonly transport: 'udp' | 'tcp' | 'http-tunnel' | 'websocket';
  readonly tls: boolean;
  readonly peer: string;
  readonly state: 'ready' | 'playing';
  readonly startedAt: string;
  readonly bytesSent: number;
  readonly packetsSent: number;
  readonly framesSent: number;
  readonly framesDropped: number;
  /** Bytes written to the session's reader and not yet handed to the kernel (bounded by `maxQueueBytes` plus one frame). */
  readonly queuedBytes: number;
  /** The last RTCP receiver report of each track: loss (fraction, cumulative) and jitter. */
  readonly receiverReports: readonly {
    readonly track: number;
    readonly fractionLost: number;
    readonly cumulativeLost: number;
    readonly jitter: number;
    readonly at: string;
  }[];
};

/** The `/stats` document. */
export type ServerStats = {
  readonly startedAt: string;
  readonly connections: number;
  readonly tunnels: number;
  readonly udpPortPairs: number;
  readonly sessions: readonly SessionStats[];
  readonly mounts: readonly (ReturnType<Mount['stats']> & { readonly sessions: number })[];
};

const iso = (ms: number) => new Date(ms).toISOString();

/** A session's line in `/stats`. */
export function sessionStats(s: RtspSession): SessionStats {
  const c = s.counters;
  return {
    id: s.id,
    mount: s.mount.path,
    transport: s.transport,
    tls: s.tls,
    peer: s.peer,
    state: s.state,
    startedAt: iso(s.startedAt),
    bytesSent: c.bytesSent,
    packetsSent: c.packetsSent,
    framesSent: c.framesSent,
    framesDropped: c.framesDropped,
    queuedBytes: s.reader?.queuedBytes ?? 0,
    receiverReports: [...s.receiverReports.values()].map((r) => ({ ...r, at: iso(r.at) })),
  };
}

/** Builds the `/stats` document from the server's parts. */
export function serverStats(parts: {
  readonly startedAt: number;
  readonly connections: number;
  readonly tunnels: number;
  readonly udpPortPairs: number;
  readonly sessions: Iterable<RtspSession>;
  readonly mounts: Iterable<Mount>;
}): ServerStats {
  const sessions = [...parts.sessions];
  return {
    startedAt: iso(parts.startedAt),
    connections: parts.connections,
    tunnels: parts.tunnels,
    udpPortPairs: parts.udpPortPairs,
    sessions: sessions.map(sessionStats),
    mounts: [...parts.mounts].map((m) => ({ ...m.stats(), sessions: sessions.filter((s) => s.mount === m).length })),
  };
}
