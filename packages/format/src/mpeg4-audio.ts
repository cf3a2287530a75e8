import {
  AAC_HBR,
  AAC_LBR,
  type AudioSpecificConfig,
  Mpeg4GenericDepacketizer,
  type Mpeg4GenericDepacketizerOptions,
  type Mpeg4GenericParams,
  Mpeg4GenericPacketizer,
  aacCodecString,
  audioProfileLevelId,
  parseAudioSpecificConfig,
} from '@rtspkit/aac';
import { toHex } from '@rtspkit/bytes';
import type { AudioTrack } from '@rtspkit/fmp4';
import type { RtpSequencerOptions } from '@rtspkit/rtp';
import { type FmtpParameter, type MediaFormat, fmtpValue } from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from './errors.js';
import { accessUnitDuration, ascChannels, ascOutputRate } from './internal/aac.js';
import { decimal, flag, hexBytes } from './internal/fmtp.js';

/**
 * MPEG-4 audio (AAC) carried as `mpeg4-generic` (RFC 3640): the RTP and SDP side here, the
 * AU-header layout (`sizeLength`, `indexLength`, … `constantDuration`; lengths in bits, 0
 * when a field is absent) as `@rtspkit/aac` defines it for its depacketizer.
 */
export type Mpeg4AudioFormat = {
  readonly codec: 'mpeg4-audio';
  readonly payloadType: number;
  /** RTP clock rate from `a=rtpmap`: the sampling rate, in practice. */
  readonly clockRate: number;
  readonly channels: number;
  /** `config`: the AudioSpecificConfig bytes, when given. */
  readonly config?: Uint8Array;
  /** `mode`: `AAC-hbr` (13/3/3), `AAC-lbr` (6/2/2) or as written. */
  readonly mode: string;
  /** `profile-level-id`: the MPEG-4 audioProfileLevelIndication, when given. */
  readonly profileLevelId?: number;
} & Omit<Mpeg4GenericParams, 'frameDuration'>;

/** Options of {@link mpeg4AudioFormat}. */
export type Mpeg4AudioFormatOptions = {
  /** Dynamic payload type; 97 by default. */
  readonly payloadType?: number;
  /** AudioSpecificConfig bytes (from `ascFromAdtsHeader` or an encoder). */
  readonly config: Uint8Array;
};

/**
 * An AAC-hbr format for a stream whose AudioSpecificConfig is known (what FFmpeg,
 * GStreamer and cameras send): clock rate = output sampling rate, channels from the config,
 * `profile-level-id` from `audioProfileLevelId` (ISO/IEC 14496-3 table 1.14; the same
 * answer as MP4A-LATM). Throws `AacError` for a config that does not parse.
 *
 * @see RFC 3640 §3.3.6, §4.1
 */
export function mpeg4AudioFormat(options: Mpeg4AudioFormatOptions): Mpeg4AudioFormat {
  const asc = parseAudioSpecificConfig(options.config);
  return {
    codec: 'mpeg4-audio',
    payloadType: options.payloadType ?? 97,
    clockRate: ascOutputRate(asc),
    channels: ascChannels(asc) ?? 1,
    config: options.config.slice(),
    mode: 'AAC-hbr',
    profileLevelId: audioProfileLevelId(asc),
    ...AAC_HBR,
  };
}

const MODES = ['AAC-hbr', 'AAC-lbr'] as const;
// AU-header fields the depacketizer reads are at most 32 bits (RFC 3640 §3.2.1 bounds none).
const MAX_BITS = 32;

/**
 * Reads `a=fmtp` of an `mpeg4-generic` format. Names are matched case-insensitively
 * (Hikvision writes `SizeLength`), `mode` too (canonical spelling kept); a missing `mode`
 * is inferred from `sizelength` (13 hbr, 6 lbr). Channels come from `a=rtpmap`, else from
 * the config (Hikvision writes `MPEG4-GENERIC/48000`), else 1. Throws {@link FormatError}
 * for values that are not strict decimal or hex, and for `streamtype` other than 5
 * (audio); `AacError` for a config that does not parse.
 *
 * @see RFC 3640 §4.1
 */
export function readMpeg4Audio(format: MediaFormat): Mpeg4AudioFormat {
  const p = format.parameters;
  const streamType = decimal(p, 'streamtype', 0, 255);
  if (streamType !== undefined && streamType !== 5) {
    throw new FormatError(FormatErrorCode.Unsupported, `mpeg4-generic streamtype ${streamType} is not audio (5)`);
  }
  const config = hexBytes(p, 'config');
  const asc = config === undefined ? undefined : parseAudioSpecificConfig(config);
  const sizeLength = decimal(p, 'sizelength', 0, MAX_BITS) ?? 0;
  const written = fmtpValue(p, 'mode');
  const mode =
    written === undefined || written === ''
      ? sizeLength === AAC_HBR.sizeLength
        ? 'AAC-hbr'
        : sizeLength === AAC_LBR.sizeLength
          ? 'AAC-lbr'
          : 'generic'
      : (MODES.find((m) => m.toLowerCase() === written.toLowerCase()) ?? written);
  const out: { -readonly [K in keyof Mpeg4AudioFormat]: Mpeg4AudioFormat[K] } = {
    codec: 'mpeg4-audio',
    payloadType: format.payloadType,
    clockRate: format.clockRate,
    channels: format.channels ?? (asc && ascChannels(asc)) ?? 1,
    mode,
    sizeLength,
    indexLength: decimal(p, 'indexlength', 0, MAX_BITS) ?? 0,
    indexDeltaLength: decimal(p, 'indexdeltalength', 0, MAX_BITS) ?? 0,
  };
  if (config !== undefined) out.config = config;
  const optional = {
    profileLevelId: decimal(p, 'profile-level-id', 0, 255),
    ctsDeltaLength: decimal(p, 'ctsdeltalength', 0, MAX_BITS),
    dtsDeltaLength: decimal(p, 'dtsdeltalength', 0, MAX_BITS),
    randomAccessIndication: flag(p, 'randomaccessindication'),
    streamStateIndication: decimal(p, 'streamstateindication', 0, MAX_BITS),
    auxiliaryDataSizeLength: decimal(p, 'auxiliarydatasizelength', 0, MAX_BITS),
    constantSize: decimal(p, 'constantsize', 1, 65535),
    constantDuration: decimal(p, 'constantduration', 1, 0xffffffff),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * The fmtp of an `mpeg4-generic` format: `streamtype=5`, `profile-level-id`, `mode`, the
 * AU-header lengths that are above 0, the optional fields that are set, `config` last.
 *
 * @see RFC 3640 §4.1
 */
export function mpeg4AudioFmtp(format: Mpeg4AudioFormat): FmtpParameter[] {
  const out: FmtpParameter[] = [{ name: 'streamtype', value: '5' }];
  const put = (name: string, value: number | boolean | undefined, writeZero = false) => {
    if (value === undefined || (value === 0 && !writeZero)) return;
    out.push({ name, value: typeof value === 'boolean' ? (value ? '1' : '0') : String(value) });
  };
  put('profile-level-id', format.profileLevelId, true);
  out.push({ name: 'mode', value: format.mode });
  put('sizelength', format.sizeLength);
  put('indexlength', format.indexLength);
  put('indexdeltalength', format.indexDeltaLength);
  put('ctsdeltalength', format.ctsDeltaLength, true);
  put('dtsdeltalength', format.dtsDeltaLength, true);
  put('randomaccessindication', format.randomAccessIndication);
  put('streamstateindication', format.streamStateIndication, true);
  put('auxiliarydatasizelength', format.auxiliaryDataSizeLength, true);
  put('constantsize', format.constantSize);
  put('constantduration', format.constantDuration);
  if (format.config !== undefined) out.push({ name: 'config', value: toHex(format.config) });
  return out;
}

function ascOf(format: { readonly config?: Uint8Array }): AudioSpecificConfig | undefined {
  return format.config === undefined ? undefined : parseAudioSpecificConfig(format.config);
}

/** The depacketizer of an `mpeg4-generic` format, with the AU duration of its config. */
export function mpeg4AudioDepacketizer(
  format: Mpeg4AudioFormat,
  options: Pick<Mpeg4GenericDepacketizerOptions, 'maxAccessUnitBytes' | 'stripAdts'> = {},
): Mpeg4GenericDepacketizer {
  const asc = ascOf(format);
  const {
    codec: _c,
    payloadType: _p,
    clockRate: _r,
    channels: _n,
    config: _k,
    mode: _m,
    profileLevelId: _l,
    ...params
  } = format;
  return new Mpeg4GenericDepacketizer({
    ...params,
    ...options,
    ...(asc === undefined ? {} : { frameDuration: accessUnitDuration(asc, format.clockRate) }),
  });
}

/**
 * The packetizer of an `mpeg4-generic` format: AU-size, AU-Index and AU-Index-delta only;
 * a format with other AU-header fields or a constant size throws `ERR_FORMAT_UNSUPPORTED`.
 */
export function mpeg4AudioPacketizer(
  format: Mpeg4AudioFormat,
  options: Omit<RtpSequencerOptions, 'payloadType' | 'randomUint32'> & { readonly mtu: number },
): Mpeg4GenericPacketizer {
  const extra = (
    ['ctsDeltaLength', 'dtsDeltaLength', 'streamStateIndication', 'auxiliaryDataSizeLength', 'constantSize'] as const
  ).find((k) => (format[k] ?? 0) !== 0);
  if (extra !== undefined || format.randomAccessIndication === true || format.sizeLength === 0) {
    throw new FormatError(
      FormatErrorCode.Unsupported,
      `the mpeg4-generic packetizer writes au-size, au-index and au-index-delta only (${extra ?? (format.sizeLength === 0 ? 'sizelength 0' : 'randomaccessindication')})`,
    );
  }
  const asc = ascOf(format);
  return new Mpeg4GenericPacketizer({
    payloadType: format.payloadType,
    mtu: options.mtu,
    ...(options.ssrc === undefined ? {} : { ssrc: options.ssrc }),
    ...(options.sequenceNumber === undefined ? {} : { sequenceNumber: options.sequenceNumber }),
    sizeLength: format.sizeLength,
    indexLength: format.indexLength,
    indexDeltaLength: format.indexDeltaLength,
    ...(asc === undefined ? {} : { frameDuration: accessUnitDuration(asc, format.clockRate) }),
  });
}

/** `mp4a.40.<object type>` from the config; `undefined` without one. @see RFC 6381 §3.3 */
export function mpeg4AudioCodecString(format: { readonly config?: Uint8Array }): string | undefined {
  const asc = ascOf(format);
  return asc === undefined ? undefined : aacCodecString(asc);
}

/**
 * The `mp4a` track of an AAC stream with a known AudioSpecificConfig: timescale = RTP clock
 * rate (samples keep their RTP timestamps), sample rate from the config.
 *
 * @see ISO/IEC 14496-14 §3.1.2 (esds), ISO/IEC 14496-3 §1.6.2.1
 */
export function aacTrack(
  asc: AudioSpecificConfig,
  config: Uint8Array,
  clockRate: number,
  channels: number,
  id: number,
): AudioTrack {
  return {
    id,
    kind: 'audio',
    codec: 'mp4a',
    timescale: clockRate,
    sampleRate: ascOutputRate(asc),
    channels,
    config,
    defaultDuration: accessUnitDuration(asc, clockRate),
  };
}

/** The `mp4a` track of an `mpeg4-generic` format; `undefined` without a config. */
export function mpeg4AudioTrack(format: Mpeg4AudioFormat, id: number): AudioTrack | undefined {
  const asc = ascOf(format);
  return asc === undefined || format.config === undefined
    ? undefined
    : aacTrack(asc, format.config, format.clockRate, format.channels, id);
}
