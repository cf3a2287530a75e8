/**
 * The session description model (RFC 8866 §5). Every field is readonly plain data, so a
 * model can be written as an object literal, compared with deep equality and serialized
 * again. Fields keep their textual form where the numbers can exceed 2^53 (`sessionId`).
 */

/** `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 8866 §5.2). */
export type SdpOrigin = {
  readonly username: string;
  readonly sessionId: string;
  readonly sessionVersion: string;
  readonly netType: string;
  readonly addressType: string;
  readonly address: string;
};

/** `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7). */
export type SdpConnection = {
  readonly netType: string;
  readonly addressType: string;
  readonly address: string;
};

/** `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8), bandwidth in kbit/s for `AS`/`CT`. */
export type SdpBandwidth = {
  readonly type: string;
  readonly value: number;
};

/** `t=<start-time> <stop-time>` (NTP seconds, 0 = unbounded) and its `r=` lines verbatim (RFC 8866 §5.9, §5.10). */
export type SdpTiming = {
  readonly start: number;
  readonly stop: number;
  readonly repeats: readonly string[];
};

/** `a=<name>[:<value>]` (RFC 8866 §5.13). A property attribute (`a=recvonly`) has no value. */
export type SdpAttribute = {
  readonly name: string;
  readonly value?: string;
};

/** A media description: `m=<media> <port>[/<count>] <proto> <fmt> ...` and the lines under it (RFC 8866 §5.14). */
export type SdpMedia = {
  /** `video`, `audio`, `application`, … as written. */
  readonly type: string;
  readonly port: number;
  /** The `/<number of ports>` suffix, when present. */
  readonly portCount?: number;
  /** `RTP/AVP`, `RTP/AVP/TCP`, `RTP/SAVPF`, … */
  readonly protocol: string;
  /** Format tokens: RTP payload type numbers as text for `RTP/*` protocols. */
  readonly formats: readonly string[];
  /** `i=` media title. */
  readonly title?: string;
  readonly connections: readonly SdpConnection[];
  readonly bandwidths: readonly SdpBandwidth[];
  /** `k=` (obsolete), kept verbatim. */
  readonly encryptionKey?: string;
  readonly attributes: readonly SdpAttribute[];
};

/** A whole session description (RFC 8866 §5). */
export type Sdp = {
  /** `v=`, always 0 today. */
  readonly version: number;
  readonly origin: SdpOrigin;
  /** `s=`; `-` when the session has no name. */
  readonly sessionName: string;
  /** `i=` session information. */
  readonly sessionInfo?: string;
  /** `u=` */
  readonly uri?: string;
  /** `e=` lines. */
  readonly emails: readonly string[];
  /** `p=` lines. */
  readonly phones: readonly string[];
  /** Session-level `c=`. */
  readonly connection?: SdpConnection;
  readonly bandwidths: readonly SdpBandwidth[];
  readonly timings: readonly SdpTiming[];
  /** `z=` verbatim. */
  readonly timeZones?: string;
  /** `k=` (obsolete), kept verbatim. */
  readonly encryptionKey?: string;
  /** Session-level attributes, in order. */
  readonly attributes: readonly SdpAttribute[];
  readonly media: readonly SdpMedia[];
};
