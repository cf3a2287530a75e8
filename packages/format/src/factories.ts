import type { LatmDepacketizer, LatmPacketizer, Mpeg4GenericDepacketizer, Mpeg4GenericPacketizer } from '@rtspkit/aac';
import type { AudioTrack, VideoTrack } from '@rtspkit/fmp4';
import type { H264Depacketizer, H264Packetizer } from '@rtspkit/h264';
import type { H265Depacketizer, H265Packetizer } from '@rtspkit/h265';
import type { RtpSequencerOptions } from '@rtspkit/rtp';
import type { Format } from './format.js';
import { g711Depacketizer, g711Packetizer } from './g711.js';
import { genericDepacketizer, genericPacketizer } from './generic.js';
import { h264Depacketizer, h264FormatCodecString, h264Packetizer, h264Track, h264WithParameterSets } from './h264.js';
import { h265Depacketizer, h265FormatCodecString, h265Packetizer, h265Track, h265WithParameterSets } from './h265.js';
import { DEFAULT_MTU } from './internal/rtp-defaults.js';
import { mp4aLatmCodecString, mp4aLatmDepacketizer, mp4aLatmPacketizer, mp4aLatmTrack } from './mp4a-latm.js';
import { mpeg4AudioCodecString, mpeg4AudioDepacketizer, mpeg4AudioPacketizer, mpeg4AudioTrack } from './mpeg4-audio.js';
import type { G711Packetizer, PayloadPacketizer } from './rtp/packetizers.js';
import type { PayloadDepacketizer } from './rtp/payload-depacketizer.js';

/** The depacketizer class of each codec. */
export type DepacketizerOf = {
  readonly h264: H264Depacketizer;
  readonly h265: H265Depacketizer;
  readonly 'mpeg4-audio': Mpeg4GenericDepacketizer;
  readonly 'mp4a-latm': LatmDepacketizer;
  readonly g711: PayloadDepacketizer;
  readonly generic: PayloadDepacketizer;
};

/** The packetizer class of each codec. */
export type PacketizerOf = {
  readonly h264: H264Packetizer;
  readonly h265: H265Packetizer;
  readonly 'mpeg4-audio': Mpeg4GenericPacketizer;
  readonly 'mp4a-latm': LatmPacketizer;
  readonly g711: G711Packetizer;
  readonly generic: PayloadPacketizer;
};

/** The fMP4 track each codec maps to (none for G.711 and generic formats). */
export type TrackOf = {
  readonly h264: VideoTrack | undefined;
  readonly h265: VideoTrack | undefined;
  readonly 'mpeg4-audio': AudioTrack | undefined;
  readonly 'mp4a-latm': AudioTrack | undefined;
  readonly g711: undefined;
  readonly generic: undefined;
};

/** Options of {@link createPacketizer}: SSRC and first sequence number (random by default) and the MTU. */
export type CreatePacketizerOptions = Omit<RtpSequencerOptions, 'payloadType'> & {
  /** Largest RTP packet in bytes, 12-byte header included. Default 1400 (Ethernet minus IPv6, UDP, RTSP framing). */
  readonly mtu?: number;
};

/**
 * The depacketizer of a format, typed by its codec: `H264Depacketizer`, `H265Depacketizer`
 * (DONL fields when `maxDonDiff` is above 0), `Mpeg4GenericDepacketizer` (the format's
 * AU-header lengths and its config's AU duration), `LatmDepacketizer` (`cpresent`, config),
 * and a {@link PayloadDepacketizer} (one unit per packet) for G.711 and generic formats.
 *
 * @example
 * const depacketizer = createDepacketizer(format);
 * for (const item of depacketizer.push(parseRtpPacket(datagram))) console.log(item);
 */
export function createDepacketizer<F extends Format>(format: F): DepacketizerOf[F['codec']] {
  const f: Format = format;
  let out: DepacketizerOf[Format['codec']];
  switch (f.codec) {
    case 'h264':
      out = h264Depacketizer(f);
      break;
    case 'h265':
      out = h265Depacketizer(f);
      break;
    case 'mpeg4-audio':
      out = mpeg4AudioDepacketizer(f);
      break;
    case 'mp4a-latm':
      out = mp4aLatmDepacketizer(f);
      break;
    case 'g711':
      out = g711Depacketizer(f);
      break;
    case 'generic':
      out = genericDepacketizer(f);
      break;
  }
  return out as DepacketizerOf[F['codec']];
}

/**
 * The packetizer of a format, typed by its codec, stamping the format's payload type.
 * Throws {@link FormatError} `ERR_FORMAT_UNSUPPORTED` for a format the codec's packetizer
 * cannot write (H.264 packetization mode other than 1, H.265 with DONL, mpeg4-generic with
 * AU-header fields other than size and index, MP4A-LATM with `cpresent=1`), and passes the
 * codec package's error through for an MTU it refuses.
 *
 * @example
 * const packetizer = createPacketizer(h264Format({ sps: [sps], pps: [pps] }), { mtu: 1200 });
 * const packets = packetizer.packetize(nalUnits, 90_000);
 */
export function createPacketizer<F extends Format>(
  format: F,
  options: CreatePacketizerOptions = {},
): PacketizerOf[F['codec']] {
  const f: Format = format;
  const o = { ...options, mtu: options.mtu ?? DEFAULT_MTU };
  let out: PacketizerOf[Format['codec']];
  switch (f.codec) {
    case 'h264':
      out = h264Packetizer(f, o);
      break;
    case 'h265':
      out = h265Packetizer(f, o);
      break;
    case 'mpeg4-audio':
      out = mpeg4AudioPacketizer(f, o);
      break;
    case 'mp4a-latm':
      out = mp4aLatmPacketizer(f, o);
      break;
    case 'g711':
      out = g711Packetizer(f, o);
      break;
    case 'generic':
      out = genericPacketizer(f, o);
      break;
  }
  return out as PacketizerOf[F['codec']];
}

/**
 * The RFC 6381 `codecs` parameter of a format (`avc1.42C01E`, `hvc1.1.6.L93.B0`,
 * `mp4a.40.2`), what `MediaSource.isTypeSupported` takes; `undefined` while the parameter
 * sets or config are unknown, and for G.711 and generic formats (no MP4 codec string).
 *
 * @see RFC 6381 §3.3
 */
export function codecString(format: Format): string | undefined {
  switch (format.codec) {
    case 'h264':
      return h264FormatCodecString(format);
    case 'h265':
      return h265FormatCodecString(format);
    case 'mpeg4-audio':
      return mpeg4AudioCodecString(format);
    case 'mp4a-latm':
      return mp4aLatmCodecString(format);
    default:
      return undefined;
  }
}

/**
 * The @rtspkit/fmp4 track of a format with id `id`, timescale = RTP clock rate (samples keep
 * their RTP timestamps). `undefined` while a video format's parameter sets or an audio
 * format's config are unknown (see {@link withParameterSets}), and for G.711 and generic
 * formats: @rtspkit/fmp4 writes no G.711 sample entry today.
 *
 * @see ISO/IEC 14496-15 §5.3.3, §8.3.3; ISO/IEC 14496-14 §3.1.2
 */
export function fmp4Track<F extends Format>(format: F, id: number): TrackOf[F['codec']] {
  const f: Format = format;
  let out: VideoTrack | AudioTrack | undefined;
  switch (f.codec) {
    case 'h264':
      out = h264Track(f, id);
      break;
    case 'h265':
      out = h265Track(f, id);
      break;
    case 'mpeg4-audio':
      out = mpeg4AudioTrack(f, id);
      break;
    case 'mp4a-latm':
      out = mp4aLatmTrack(f, id);
      break;
    default:
      out = undefined;
  }
  return out as TrackOf[F['codec']];
}

/**
 * The format updated from parameter sets found in band (an access unit's SPS/PPS, or
 * VPS/SPS/PPS), for streams whose SDP has no `sprop-*`. Returns `format` itself when the
 * NAL units change nothing, and for audio, G.711 and generic formats; so `next !== format`
 * means a new fMP4 init segment is due. Throws the codec's error (`H264Error`, `H265Error`)
 * for an SPS or VPS that does not parse.
 *
 * @example
 * format = withParameterSets(format, accessUnit.nalUnits);
 * const track = fmp4Track(format, 1);
 */
export function withParameterSets<F extends Format>(format: F, nalUnits: readonly Uint8Array[]): F {
  const f: Format = format;
  switch (f.codec) {
    case 'h264':
      return h264WithParameterSets(f, nalUnits) as F;
    case 'h265':
      return h265WithParameterSets(f, nalUnits) as F;
    default:
      return format;
  }
}
