import { toBase64, toHex } from '@rtspkit/bytes';
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
 * @example
 * const sdp = buildSession({
 *   sessionName: 'Camera 1',
 *   media: [
 *     buildH264Media({ control: 'trackID=0', parameterSets: [sps, pps] }),
 *     buildMpeg4GenericMedia({ control: 'trackID=1', clockRate: 48000, channels: 2, config: asc }),
 *   ],
 * });
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

type MediaCommon = {
  /** `a=control` of the section (`trackID=0`, `stream=1`, or an absolute URL). */
  readonly control: string;
  /** Dynamic RTP payload type (96..127). */
  readonly payloadType?: number;
  /** `b=AS:` in kbit/s, when known. */
  readonly bitrateKbps?: number;
};

function media(
  type: string,
  common: MediaCommon,
  defaultPt: number,
  rtpmap: string,
  fmtp: string | undefined,
  extra: SdpAttribute[] = [],
): SdpMedia {
  const pt = common.payloadType ?? defaultPt;
  const attributes: SdpAttribute[] = [{ name: 'rtpmap', value: `${pt} ${rtpmap}` }];
  if (fmtp !== undefined) attributes.push({ name: 'fmtp', value: `${pt} ${fmtp}` });
  attributes.push(...extra, { name: 'control', value: common.control });
  return {
    type,
    port: 0,
    protocol: 'RTP/AVP',
    formats: [String(pt)],
    connections: [],
    bandwidths: common.bitrateKbps === undefined ? [] : [{ type: 'AS', value: common.bitrateKbps }],
    attributes,
  };
}

/** Options of {@link buildH264Media}. */
export type BuildH264MediaOptions = MediaCommon & {
  /** SPS and PPS NAL units without start codes; the first SPS also gives `profile-level-id`. */
  readonly parameterSets: readonly Uint8Array[];
  /** 1 (non-interleaved, FU-A/STAP-A) by default. */
  readonly packetizationMode?: 0 | 1 | 2;
  /** `a=framerate`, when known. */
  readonly framerate?: number;
};

/**
 * An H.264 video section: `a=rtpmap:<pt> H264/90000` and an `a=fmtp` with
 * `packetization-mode`, `profile-level-id` (bytes 1..3 of the first SPS) and
 * `sprop-parameter-sets`. Payload type 96 by default.
 *
 * @see RFC 6184 §8.1, §8.2.1
 */
export function buildH264Media(options: BuildH264MediaOptions): SdpMedia {
  const sps = options.parameterSets.find((n) => ((n[0] ?? 0) & 0x1f) === 7);
  let fmtp = `packetization-mode=${options.packetizationMode ?? 1}`;
  if (sps !== undefined && sps.length >= 4) fmtp += `;profile-level-id=${toHex(sps.subarray(1, 4))}`;
  if (options.parameterSets.length > 0)
    fmtp += `;sprop-parameter-sets=${options.parameterSets.map(toBase64).join(',')}`;
  const extra: SdpAttribute[] =
    options.framerate === undefined ? [] : [{ name: 'framerate', value: String(options.framerate) }];
  return media('video', options, 96, 'H264/90000', fmtp, extra);
}

/** Options of {@link buildH265Media}. */
export type BuildH265MediaOptions = MediaCommon & {
  readonly vps: readonly Uint8Array[];
  readonly sps: readonly Uint8Array[];
  readonly pps: readonly Uint8Array[];
  /** `a=framerate`, when known. */
  readonly framerate?: number;
};

/**
 * An H.265 video section: `a=rtpmap:<pt> H265/90000` and `sprop-vps`, `sprop-sps`,
 * `sprop-pps`. Payload type 96 by default.
 *
 * @see RFC 7798 §7.1, §7.2.1
 */
export function buildH265Media(options: BuildH265MediaOptions): SdpMedia {
  const list = (nals: readonly Uint8Array[]) => nals.map(toBase64).join(',');
  const parts: string[] = [];
  if (options.vps.length > 0) parts.push(`sprop-vps=${list(options.vps)}`);
  if (options.sps.length > 0) parts.push(`sprop-sps=${list(options.sps)}`);
  if (options.pps.length > 0) parts.push(`sprop-pps=${list(options.pps)}`);
  const extra: SdpAttribute[] =
    options.framerate === undefined ? [] : [{ name: 'framerate', value: String(options.framerate) }];
  return media('video', options, 96, 'H265/90000', parts.length > 0 ? parts.join(';') : undefined, extra);
}

/** Options of {@link buildMpeg4GenericMedia}. */
export type BuildMpeg4GenericMediaOptions = MediaCommon & {
  /** Sampling rate, used as the RTP clock rate. */
  readonly clockRate: number;
  readonly channels: number;
  /** AudioSpecificConfig bytes. */
  readonly config: Uint8Array;
};

/**
 * An AAC section in `mpeg4-generic` AAC-hbr mode (13-bit sizes, 3-bit indexes), the form
 * FFmpeg, GStreamer and cameras use: `a=rtpmap:<pt> MPEG4-GENERIC/<rate>/<channels>`.
 * Payload type 97 by default.
 *
 * @see RFC 3640 §3.3.6, §4.1
 */
export function buildMpeg4GenericMedia(options: BuildMpeg4GenericMediaOptions): SdpMedia {
  const fmtp = `streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=${toHex(options.config)}`;
  return media('audio', options, 97, `MPEG4-GENERIC/${options.clockRate}/${options.channels}`, fmtp);
}

/** Options of {@link buildMp4aLatmMedia}. */
export type BuildMp4aLatmMediaOptions = MediaCommon & {
  readonly clockRate: number;
  readonly channels: number;
  /** StreamMuxConfig bytes (out of band, `cpresent=0`). */
  readonly config: Uint8Array;
  /** Audio object type; 2 (AAC-LC) by default. */
  readonly object?: number;
};

/**
 * An AAC section in `MP4A-LATM` with the StreamMuxConfig out of band (`cpresent=0`).
 * Payload type 97 by default.
 *
 * @see RFC 6416 §7.3
 */
export function buildMp4aLatmMedia(options: BuildMp4aLatmMediaOptions): SdpMedia {
  const fmtp = `profile-level-id=1;object=${options.object ?? 2};cpresent=0;config=${toHex(options.config)}`;
  return media('audio', options, 97, `MP4A-LATM/${options.clockRate}/${options.channels}`, fmtp);
}
