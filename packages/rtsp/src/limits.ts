/**
 * Bounds on what a parser buffers or accepts from a peer. Exceeding one throws
 * `RtspError` with the matching code and status hint.
 */
export type RtspLimits = {
  /** Longest start line (request line or status line), CRLF excluded. */
  readonly maxStartLineBytes: number;
  /** Most header lines in one message (a folded line counts once). */
  readonly maxHeaderCount: number;
  /** Longest head: start line, headers and the blank line. */
  readonly maxHeaderBytes: number;
  /** Largest Content-Length accepted. */
  readonly maxBodyBytes: number;
  /** Largest `$`-interleaved frame payload accepted. */
  readonly maxFramePayloadBytes: number;
};

/** Defaults of {@link RtspLimits}. */
export const defaultRtspLimits: RtspLimits = {
  // URLs with signed query tokens reach 2-3 KiB; 8 KiB is the common HTTP server limit.
  maxStartLineBytes: 8192,
  // Real messages carry fewer than 30; a hundred leaves room for vendor headers.
  maxHeaderCount: 100,
  // Same as Node's http parser default: bounds what a slow peer can make us buffer.
  maxHeaderBytes: 16 * 1024,
  // SDPs and GET_PARAMETER bodies are a few KiB; 1 MiB is far above any seen.
  maxBodyBytes: 1024 * 1024,
  // The length field is 16 bits (RFC 2326 §10.12), so the default never rejects.
  maxFramePayloadBytes: 0xffff,
};

/** Fills unset limits with defaults; the start-line limit never exceeds the head limit. */
export function resolveLimits(limits: Partial<RtspLimits> | undefined): RtspLimits {
  const l = { ...defaultRtspLimits, ...limits };
  return { ...l, maxStartLineBytes: Math.min(l.maxStartLineBytes, l.maxHeaderBytes) };
}
