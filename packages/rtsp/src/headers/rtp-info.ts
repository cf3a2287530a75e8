import { RtspError, RtspErrorCode } from '../errors.js';
import { keyValue, unquote } from '../internal/params.js';

/**
 * One stream of an RTP-Info header: the stream URL and, when given, the sequence number and
 * RTP timestamp of the first packet after PLAY.
 *
 * @see RFC 2326 §12.33, RFC 7826 §18.45
 */
export type RtpInfoEntry = { readonly url: string; readonly seq?: number; readonly rtptime?: number };

const CODE = RtspErrorCode.InvalidRtpInfo;

/**
 * Parses an RTP-Info value. Streams are split at commas that start a new `url=`, so URLs
 * with commas in their query survive; quoted URLs (RTSP 2.0) are unquoted; empty `seq=` or
 * `rtptime=` (some cameras before the first packet) read as absent.
 *
 * @throws RtspError `ERR_RTSP_INVALID_RTP_INFO`.
 */
export function parseRtpInfo(value: string): RtpInfoEntry[] {
  const out: RtpInfoEntry[] = [];
  const starts = [...value.matchAll(/(?:^|,)\s*url\s*=/gi)].map((m) => m.index);
  if (starts.length === 0) throw new RtspError(CODE, `no url in rtp-info ${JSON.stringify(value.slice(0, 64))}`, 0);
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i]!;
    const text = value.slice(value[at] === ',' ? at + 1 : at, starts[i + 1] ?? value.length);
    const params = text.split(';');
    const { value: url } = keyValue(params[0]!);
    const entry: { url: string; seq?: number; rtptime?: number } = { url: unquote(url ?? '') };
    if (entry.url === '') throw new RtspError(CODE, 'empty url in rtp-info', at);
    // A URL holds no whitespace or quote (RFC 3986 §2); the serializer could not write one back.
    if (/[\s"]/.test(entry.url))
      throw new RtspError(CODE, `invalid url in rtp-info ${JSON.stringify(entry.url.slice(0, 64))}`, at);
    for (const p of params.slice(1)) {
      const { key, value: v } = keyValue(p);
      if (key !== 'seq' && key !== 'rtptime') continue;
      if (v === undefined || v === '') continue;
      const max = key === 'seq' ? 0xffff : 0xffffffff;
      if (!/^\d{1,10}$/.test(v) || Number(v) > max)
        throw new RtspError(CODE, `invalid ${key} ${JSON.stringify(v.slice(0, 16))}`, at);
      entry[key] = Number(v);
    }
    out.push(entry);
  }
  return out;
}

/** Writes RTP-Info as `url=…;seq=…;rtptime=…` entries joined by `,`. */
export function serializeRtpInfo(entries: readonly RtpInfoEntry[]): string {
  return entries
    .map((e) => {
      if (/[\s;"]/.test(e.url) || /,\s*url\s*=/i.test(e.url) || e.url === '')
        throw new RtspError(RtspErrorCode.InvalidMessage, `cannot write rtp-info url ${JSON.stringify(e.url)}`);
      return `url=${e.url}${e.seq === undefined ? '' : `;seq=${e.seq}`}${e.rtptime === undefined ? '' : `;rtptime=${e.rtptime}`}`;
    })
    .join(',');
}
