import {
  LatmDepacketizer,
  type LatmDepacketizerOptions,
  LatmPacketizer,
  aacCodecString,
  audioProfileLevelId,
  parseAudioSpecificConfig,
  parseStreamMuxConfig,
  serializeAudioSpecificConfig,
  serializeStreamMuxConfig,
  streamMuxConfigFromAsc,
} from '@rtspkit/aac';
import { toHex } from '@rtspkit/bytes';
import type { AudioTrack } from '@rtspkit/fmp4';
import type { RtpSequencerOptions } from '@rtspkit/rtp';
import type { FmtpParameter, MediaFormat } from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from './errors.js';
import { accessUnitDuration, ascChannels, ascOutputRate } from './internal/aac.js';
import { decimal, flag, hexBytes } from './internal/fmtp.js';
import { aacTrack } from './mpeg4-audio.js';

/** MPEG-4 audio carried in LATM (`MP4A-LATM`, RFC 6416). */
export type Mp4aLatmFormat = {
  readonly codec: 'mp4a-latm';
  readonly payloadType: number;
  /** RTP clock rate from `a=rtpmap` (the sampling rate, or 90000). */
  readonly clockRate: number;
  readonly channels: number;
  /** `cpresent`: true when each AudioMuxElement may carry its StreamMuxConfig (the default). */
  readonly cpresent: boolean;
  /** `config`: the StreamMuxConfig bytes; required with `cpresent` false. */
  readonly config?: Uint8Array;
  /** `profile-level-id`: the MPEG-4 audioProfileLevelIndication; 30 when absent (RFC 6416 §7.3). */
  readonly profileLevelId: number;
  /** `object`: the audio object type, when given. */
  readonly object?: number;
  /** `bitrate` in bit/s, when given. */
  readonly bitrate?: number;
  /** `SBR-enabled`, when given. */
  readonly sbrEnabled?: boolean;
};

/** Options of {@link mp4aLatmFormat}. */
export type Mp4aLatmFormatOptions = {
  /** Dynamic payload type; 97 by default. */
  readonly payloadType?: number;
  /** AudioSpecificConfig bytes; the StreamMuxConfig is built from it. */
  readonly config: Uint8Array;
};

/** profile-level-id when the fmtp has none: Main Audio Profile Level 1 (RFC 6416 §7.3). */
const DEFAULT_PROFILE_LEVEL = 30;

/**
 * An MP4A-LATM format for a stream whose AudioSpecificConfig is known, as the
 * `LatmPacketizer` writes it: StreamMuxConfig out of band (`cpresent=0`), `object` the
 * audio object type, `profile-level-id` from `audioProfileLevelId` (ISO/IEC 14496-3 table
 * 1.14: 41 for AAC-LC 48 kHz stereo, AAC Profile L2). Throws `AacError` for a config that
 * does not parse.
 *
 * @see RFC 6416 §7.3
 */
export function mp4aLatmFormat(options: Mp4aLatmFormatOptions): Mp4aLatmFormat {
  const asc = parseAudioSpecificConfig(options.config);
  return {
    codec: 'mp4a-latm',
    payloadType: options.payloadType ?? 97,
    clockRate: ascOutputRate(asc),
    channels: ascChannels(asc) ?? 1,
    cpresent: false,
    config: serializeStreamMuxConfig(streamMuxConfigFromAsc(asc)),
    profileLevelId: audioProfileLevelId(asc),
    object: asc.objectType,
  };
}

/**
 * Reads `a=fmtp` of an MP4A-LATM format. GStreamer 1.22 announces StreamMuxConfigs that end
 * right after `frameLengthType` (`config=40002320`); they are accepted. Channels come from
 * `a=rtpmap`, else from the config, else 1. Throws {@link FormatError} for values that are
 * not strict decimal or hex and for `cpresent=0` without `config`; `AacError` for a config
 * that does not parse.
 *
 * @see RFC 6416 §7.3
 */
export function readMp4aLatm(format: MediaFormat): Mp4aLatmFormat {
  const p = format.parameters;
  const cpresent = flag(p, 'cpresent') ?? true;
  const config = hexBytes(p, 'config');
  if (!cpresent && config === undefined) {
    throw new FormatError(FormatErrorCode.MissingParameter, 'mp4a-latm with cpresent=0 has no config');
  }
  const asc = config === undefined ? undefined : parseStreamMuxConfig(config).audioSpecificConfig;
  const out: { -readonly [K in keyof Mp4aLatmFormat]: Mp4aLatmFormat[K] } = {
    codec: 'mp4a-latm',
    payloadType: format.payloadType,
    clockRate: format.clockRate,
    channels: format.channels ?? (asc && ascChannels(asc)) ?? 1,
    cpresent,
    profileLevelId: decimal(p, 'profile-level-id', 0, 255) ?? DEFAULT_PROFILE_LEVEL,
  };
  if (config !== undefined) out.config = config;
  const object = decimal(p, 'object', 0, 255);
  const bitrate = decimal(p, 'bitrate', 0, 0xffffffff);
  const sbrEnabled = flag(p, 'sbr-enabled');
  if (object !== undefined) out.object = object;
  if (bitrate !== undefined) out.bitrate = bitrate;
  if (sbrEnabled !== undefined) out.sbrEnabled = sbrEnabled;
  return out;
}

/**
 * The fmtp of an MP4A-LATM format: `profile-level-id`, `cpresent`, `object`, `config`,
 * `bitrate`, `SBR-enabled` (those that are set).
 *
 * @see RFC 6416 §7.3
 */
export function mp4aLatmFmtp(format: Mp4aLatmFormat): FmtpParameter[] {
  const out: FmtpParameter[] = [
    { name: 'profile-level-id', value: String(format.profileLevelId) },
    { name: 'cpresent', value: format.cpresent ? '1' : '0' },
  ];
  if (format.object !== undefined) out.push({ name: 'object', value: String(format.object) });
  if (format.config !== undefined) out.push({ name: 'config', value: toHex(format.config) });
  if (format.bitrate !== undefined) out.push({ name: 'bitrate', value: String(format.bitrate) });
  if (format.sbrEnabled !== undefined) out.push({ name: 'SBR-enabled', value: format.sbrEnabled ? '1' : '0' });
  return out;
}

function muxConfigOf(format: Mp4aLatmFormat) {
  return format.config === undefined ? undefined : parseStreamMuxConfig(format.config);
}

function ascOf(format: Mp4aLatmFormat) {
  return muxConfigOf(format)?.audioSpecificConfig;
}

/** The depacketizer of an MP4A-LATM format, with the AU duration of its config. */
export function mp4aLatmDepacketizer(
  format: Mp4aLatmFormat,
  options: Pick<LatmDepacketizerOptions, 'maxAudioMuxElementBytes'> = {},
): LatmDepacketizer {
  const asc = ascOf(format);
  return new LatmDepacketizer({
    ...options,
    cpresent: format.cpresent,
    ...(format.config === undefined ? {} : { config: format.config }),
    ...(asc === undefined ? {} : { frameDuration: accessUnitDuration(asc, format.clockRate) }),
  });
}

/**
 * The packetizer of an MP4A-LATM format. `LatmPacketizer` writes `cpresent=0` with one
 * subframe per element; other formats throw `ERR_FORMAT_UNSUPPORTED`.
 */
export function mp4aLatmPacketizer(
  format: Mp4aLatmFormat,
  options: Omit<RtpSequencerOptions, 'payloadType' | 'randomUint32'> & { readonly mtu: number },
): LatmPacketizer {
  const mux = muxConfigOf(format);
  if (format.cpresent || mux === undefined || mux.numSubFrames !== 0) {
    throw new FormatError(
      FormatErrorCode.Unsupported,
      'the latm packetizer writes cpresent=0 with a config of one subframe per element only',
    );
  }
  const asc = mux.audioSpecificConfig;
  return new LatmPacketizer({
    payloadType: format.payloadType,
    mtu: options.mtu,
    ...(options.ssrc === undefined ? {} : { ssrc: options.ssrc }),
    ...(options.sequenceNumber === undefined ? {} : { sequenceNumber: options.sequenceNumber }),
    frameDuration: accessUnitDuration(asc, format.clockRate),
  });
}

/** `mp4a.40.<object type>` from the config's AudioSpecificConfig; `undefined` without one. @see RFC 6381 §3.3 */
export function mp4aLatmCodecString(format: Mp4aLatmFormat): string | undefined {
  const asc = ascOf(format);
  return asc === undefined ? undefined : aacCodecString(asc);
}

/** The `mp4a` track of an MP4A-LATM format; `undefined` while the config is in band only. */
export function mp4aLatmTrack(format: Mp4aLatmFormat, id: number): AudioTrack | undefined {
  const asc = ascOf(format);
  return asc === undefined
    ? undefined
    : aacTrack(asc, serializeAudioSpecificConfig(asc), format.clockRate, format.channels, id);
}
