/** Limits of a server, each with a default chosen for 1,000 readers of a 4 Mbit/s stream. */
export type ServerLimits = {
  /** Time from accepting a connection until its first request head is complete, and from the first byte of any later head until it is complete (slowloris), in ms. */
  readonly headerTimeoutMs: number;
  /** Largest request head (start line and headers), bytes. */
  readonly maxHeaderBytes: number;
  /** Largest request body (SET_PARAMETER, tunnel data is not a body), bytes. */
  readonly maxBodyBytes: number;
  /** Connections open at once. */
  readonly maxConnections: number;
  /** Connections open at once from one IP address. */
  readonly maxConnectionsPerIp: number;
  /** A connection that sends nothing for this long and owns no playing session is closed, ms. */
  readonly idleTimeoutMs: number;
  /** Session timeout announced and enforced (renewed by any request or RTCP packet), ms. */
  readonly sessionTimeoutMs: number;
  /** Sessions one connection may hold. */
  readonly maxSessionsPerConnection: number;
  /** Pipelined requests waiting for an answer before the connection is closed. */
  readonly maxPendingRequests: number;
  /** Bytes queued for one reader past which it loses whole frames up to the next key frame. */
  readonly maxQueueBytes: number;
  /** How long a reader may stay over `maxQueueBytes` before it is disconnected, ms. */
  readonly maxStallMs: number;
  /** How long PLAY waits for a key frame before starting the reader mid-GOP, ms. */
  readonly maxKeyFrameWaitMs: number;
};

/** Defaults of {@link ServerLimits}. */
export const defaultServerLimits: ServerLimits = {
  // Clients send their first request at once; 10 s is generous on a slow link.
  headerTimeoutMs: 10_000,
  // The RTSP reader's default: requests with signed URLs stay well under it.
  maxHeaderBytes: 16 * 1024,
  // GET_PARAMETER/SET_PARAMETER bodies are a few lines.
  maxBodyBytes: 64 * 1024,
  // 1,000 readers, plus room for tunnels (two connections each) and probes.
  maxConnections: 4096,
  // Loopback tests and NATed offices open many connections from one address.
  maxConnectionsPerIp: 1024,
  // A connection that never plays and never speaks ties up a slot.
  idleTimeoutMs: 120_000,
  // RFC 2326 §12.37 default.
  sessionTimeoutMs: 60_000,
  // One per mount a player might show side by side.
  maxSessionsPerConnection: 16,
  // Clients pipeline SETUPs of a few tracks at most.
  maxPendingRequests: 32,
  // 2 s of a 4 Mbit/s stream; 1,000 readers at most 1 GiB, in practice far less.
  maxQueueBytes: 1024 * 1024,
  // A reader that cannot take the stream for 10 s will not catch up.
  maxStallMs: 10_000,
  // Longer than the common 1-2 s GOP of cameras and the sample.
  maxKeyFrameWaitMs: 3_000,
};

/** One structured log entry. */
export type LogEntry = {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly [field: string]: unknown;
};
