/**
 * Header fields in received order, names as received, repeated headers kept. Look them up
 * with {@link getHeader} / {@link getHeaderValues} (case-insensitive names).
 *
 * @see RFC 7826 §5.2
 */
export type RtspHeaders = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * An RTSP (or HTTP/1.x, same syntax) request. `body` is a view aliasing the parsed input.
 *
 * @see RFC 2326 §6, RFC 7826 §7
 */
export type RtspRequest = {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
  readonly version: string;
  readonly headers: RtspHeaders;
  readonly body: Uint8Array;
};

/**
 * An RTSP (or HTTP/1.x) response. `body` is a view aliasing the parsed input.
 *
 * @see RFC 2326 §7, RFC 7826 §8
 */
export type RtspResponse = {
  readonly kind: 'response';
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: RtspHeaders;
  readonly body: Uint8Array;
};

/** A request or a response. */
export type RtspMessage = RtspRequest | RtspResponse;

/**
 * A `$`-interleaved binary frame of the RTSP-over-TCP stream: RTP or RTCP on `channel`.
 * `payload` is a view (see `MessageReader` for what it aliases).
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   '$' = 0x24  |    channel    |            length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   payload (length bytes) ...                  |
 * ```
 *
 * @see RFC 2326 §10.12, RFC 7826 §14
 */
export type InterleavedFrame = {
  readonly kind: 'frame';
  readonly channel: number;
  readonly payload: Uint8Array;
};

/** Protocol versions accepted on read and write: RTSP shares HTTP/1.1's message syntax (RFC 2326 §4). */
export const RTSP_VERSIONS = ['RTSP/1.0', 'RTSP/2.0', 'HTTP/1.0', 'HTTP/1.1'] as const;

/** First value of header `name` (case-insensitive), or undefined. */
export function getHeader(headers: RtspHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.length === lower.length && n.toLowerCase() === lower) return v;
  return undefined;
}

/** Every value of header `name` (case-insensitive), in received order. */
export function getHeaderValues(headers: RtspHeaders, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.length === lower.length && n.toLowerCase() === lower) out.push(v);
  return out;
}
