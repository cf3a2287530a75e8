import type { Sdp, SdpAttribute, SdpMedia } from './types.js';

/** Options of {@link buildSession}. */
export type BuildSessionOptions = {
  /** `s=`; `-` by default. */
  readonly sessionName?: string;
  /** `i=`. */
  readonly sessionInfo?: string;
  /** Address in `o=` (the server's); `127.0.0.1` by default. */
  readonly originAddress?: string;
  /** `o=` session id, digits; `0` by default. */
  readonly sessionId?: string;
  /** `o=` session version, digits; `0` by default. */
  readonly sessionVersion?: string;
  /** `a=range` value; `npt=now-` (live) by default, `npt=0-12.5` for a file. */
  readonly range?: string;
  /** `a=tool`; omitted by default. */
  readonly tool?: string;
  readonly media: readonly SdpMedia[];
};

/**
 * A session description for a DESCRIBE response or an ANNOUNCE body: `c=IN IP4 0.0.0.0`,
 * `t=0 0`, `a=control:*`, `a=range` and the given media sections. Serialize it with
 * `serializeSdp`. The result is plain data: spread and override any field.
 *
 * The media sections of codecs come from `formatToMedia` of `@rtspkit/format`.
 *
 * @example
 * const sdp = buildSession({ sessionName: 'Camera 1', media: [formatToMedia(format, { control: 'trackID=0' })] });
 * const body = serializeSdp(sdp);
 *
 * @see RFC 8866 §5, RFC 7826 Appendix D
 */
export function buildSession(options: BuildSessionOptions): Sdp {
  const attributes: SdpAttribute[] = [];
  if (options.tool !== undefined) attributes.push({ name: 'tool', value: options.tool });
  attributes.push({ name: 'control', value: '*' }, { name: 'range', value: options.range ?? 'npt=now-' });
  const sdp: { -readonly [K in keyof Sdp]: Sdp[K] } = {
    version: 0,
    origin: {
      username: '-',
      sessionId: options.sessionId ?? '0',
      sessionVersion: options.sessionVersion ?? '0',
      netType: 'IN',
      addressType: 'IP4',
      address: options.originAddress ?? '127.0.0.1',
    },
    sessionName: options.sessionName ?? '-',
    emails: [],
    phones: [],
    connection: { netType: 'IN', addressType: 'IP4', address: '0.0.0.0' },
    bandwidths: [],
    timings: [{ start: 0, stop: 0, repeats: [] }],
    attributes,
    media: options.media,
  };
  if (options.sessionInfo !== undefined) sdp.sessionInfo = options.sessionInfo;
  return sdp;
}
