import { fromBase64, toBase64, toHex } from '@rtspkit/bytes';
import type { VideoTrack } from '@rtspkit/fmp4';
import {
  H264Depacketizer,
  type H264DepacketizerOptions,
  H264NalUnitType,
  H264Packetizer,
  avcCFromParameterSets,
  h264CodecString,
  h264NalUnitType,
  parseH264Sps,
  serializeAvcC,
} from '@rtspkit/h264';
import type { RtpSequencerOptions } from '@rtspkit/rtp';
import { type FmtpParameter, type MediaFormat, fmtpValue } from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from './errors.js';
import { decimal, parameterSets } from './internal/fmtp.js';
import { sameList } from './internal/lists.js';

/**
 * An H.264 RTP format (RFC 6184). Parameter sets are NAL units without start codes; the
 * byte arrays are the package's own copies.
 */
export type H264Format = {
  readonly codec: 'h264';
  readonly payloadType: number;
  /** 90000 (RFC 6184 §8.1); a camera's other value is kept as written. */
  readonly clockRate: number;
  /** 0 single NAL unit, 1 non-interleaved, 2 interleaved (RFC 6184 §6). */
  readonly packetizationMode: 0 | 1 | 2;
  /** Sequence parameter sets (NAL type 7) from `sprop-parameter-sets` or the stream. */
  readonly sps: readonly Uint8Array[];
  /** Picture parameter sets (NAL type 8). */
  readonly pps: readonly Uint8Array[];
  /** `profile-level-id` as 6 lowercase hex digits (profile_idc, constraint flags, level_idc). */
  readonly profileLevelId?: string;
};

/** Options of {@link h264Format}. */
export type H264FormatOptions = {
  /** Dynamic payload type; 96 by default. */
  readonly payloadType?: number;
  readonly sps: readonly Uint8Array[];
  readonly pps: readonly Uint8Array[];
  /** 1 (STAP-A and FU-A, what {@link H264Packetizer} writes) by default. */
  readonly packetizationMode?: 0 | 1 | 2;
};

/**
 * An H.264 format for a stream whose parameter sets are known (a server's source):
 * `profile-level-id` comes from bytes 1..3 of the first SPS. Throws `H264Error` for an SPS
 * that does not parse and {@link FormatError} for a NAL unit of the wrong type.
 *
 * @example
 * const format = h264Format({ sps: [sps], pps: [pps] });
 * const media = formatToMedia(format, { control: 'trackID=0' });
 * @see RFC 6184 §8.1, §8.2.1
 */
export function h264Format(options: H264FormatOptions): H264Format {
  checkTypes(options.sps, H264NalUnitType.Sps, 'sps');
  checkTypes(options.pps, H264NalUnitType.Pps, 'pps');
  for (const sps of options.sps) parseH264Sps(sps);
  const format: H264Format = {
    codec: 'h264',
    payloadType: options.payloadType ?? 96,
    clockRate: 90_000,
    packetizationMode: options.packetizationMode ?? 1,
    sps: options.sps.map((n) => n.slice()),
    pps: options.pps.map((n) => n.slice()),
  };
  const profileLevelId = profileLevelIdOf(format.sps);
  return profileLevelId === undefined ? format : { ...format, profileLevelId };
}

function checkTypes(nals: readonly Uint8Array[], type: number, what: string): void {
  for (const nal of nals) {
    if (nal.length === 0 || h264NalUnitType(nal) !== type) {
      throw new FormatError(
        FormatErrorCode.InvalidFormat,
        `${what} nal unit has type ${nal.length === 0 ? 'none' : h264NalUnitType(nal)}`,
      );
    }
  }
}

function profileLevelIdOf(sps: readonly Uint8Array[]): string | undefined {
  const first = sps[0];
  return first !== undefined && first.length >= 4 ? toHex(first.subarray(1, 4)) : undefined;
}

/**
 * Reads `a=fmtp` of an H.264 format. Tolerates parameter sets with start codes inside,
 * empty and `(null)` entries, NAL units other than SPS/PPS (dropped), upper-case hex and a
 * base64 `profile-level-id` (`TQAf`, the macro-video server, retina #68). Throws
 * {@link FormatError} for values that do not decode and `H264Error` for an SPS that does
 * not parse.
 *
 * @see RFC 6184 §8.1
 */
export function readH264(format: MediaFormat): H264Format {
  const p = format.parameters;
  const sets = parameterSets(p, 'sprop-parameter-sets');
  const sps = sets.filter((n) => h264NalUnitType(n) === H264NalUnitType.Sps);
  const pps = sets.filter((n) => h264NalUnitType(n) === H264NalUnitType.Pps);
  for (const s of sps) parseH264Sps(s);
  const out: H264Format = {
    codec: 'h264',
    payloadType: format.payloadType,
    clockRate: format.clockRate,
    packetizationMode: (decimal(p, 'packetization-mode', 0, 2) ?? 0) as 0 | 1 | 2,
    sps,
    pps,
  };
  const profile = fmtpValue(p, 'profile-level-id');
  return profile === undefined || profile === '' ? out : { ...out, profileLevelId: readProfileLevelId(profile) };
}

function readProfileLevelId(value: string): string {
  if (/^[0-9a-fA-F]{6}$/.test(value)) return value.toLowerCase();
  // macro-video (retina #68) writes the three bytes in base64.
  if (/^[A-Za-z0-9+/]{4}$/.test(value)) return toHex(fromBase64(value));
  throw new FormatError(
    FormatErrorCode.InvalidParameter,
    `profile-level-id ${JSON.stringify(value.slice(0, 20))} is not 3 hex bytes`,
  );
}

/**
 * The fmtp of an H.264 format, in the order FFmpeg and live555 write it:
 * `packetization-mode`, `profile-level-id`, `sprop-parameter-sets` (SPS then PPS).
 *
 * @see RFC 6184 §8.1
 */
export function h264Fmtp(format: H264Format): FmtpParameter[] {
  const out: FmtpParameter[] = [{ name: 'packetization-mode', value: String(format.packetizationMode) }];
  if (format.profileLevelId !== undefined) out.push({ name: 'profile-level-id', value: format.profileLevelId });
  const sets = [...format.sps, ...format.pps];
  if (sets.length > 0) out.push({ name: 'sprop-parameter-sets', value: sets.map(toBase64).join(',') });
  return out;
}

/** The depacketizer of an H.264 format (all three packetization modes are read). */
export function h264Depacketizer(_format: H264Format, options: H264DepacketizerOptions = {}): H264Depacketizer {
  return new H264Depacketizer(options);
}

/**
 * The packetizer of an H.264 format. {@link H264Packetizer} writes packetization mode 1;
 * other modes throw `ERR_FORMAT_UNSUPPORTED`.
 */
export function h264Packetizer(
  format: H264Format,
  options: Omit<RtpSequencerOptions, 'payloadType'> & { readonly mtu: number },
): H264Packetizer {
  if (format.packetizationMode !== 1) {
    throw new FormatError(
      FormatErrorCode.Unsupported,
      `packetization-mode ${format.packetizationMode} cannot be written (the packetizer writes mode 1)`,
    );
  }
  return new H264Packetizer({ ...options, payloadType: format.payloadType });
}

/**
 * `avc1.PPCCLL` from the first SPS, else from `profile-level-id` (the same three bytes),
 * else `undefined`.
 *
 * @see RFC 6381 §3.3
 */
export function h264FormatCodecString(format: H264Format): string | undefined {
  const first = format.sps[0];
  const bytes =
    first !== undefined && first.length >= 4
      ? first.subarray(1, 4)
      : format.profileLevelId === undefined
        ? undefined
        : fromHexTriplet(format.profileLevelId);
  if (bytes === undefined) return undefined;
  return h264CodecString({ profileIdc: bytes[0] ?? 0, constraintSetFlags: bytes[1] ?? 0, levelIdc: bytes[2] ?? 0 });
}

function fromHexTriplet(hex: string): Uint8Array {
  const n = Number.parseInt(hex, 16);
  return Uint8Array.of((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/**
 * The `avc1` track of an H.264 format: picture size and aspect ratio from the first SPS,
 * an avcC record of every SPS and PPS. `undefined` while the SPS or PPS is unknown.
 *
 * @see ISO/IEC 14496-15 §5.3.3
 */
export function h264Track(format: H264Format, id: number): VideoTrack | undefined {
  const first = format.sps[0];
  if (first === undefined || format.pps.length === 0) return undefined;
  const sps = parseH264Sps(first);
  return {
    id,
    kind: 'video',
    codec: 'avc1',
    timescale: format.clockRate,
    width: sps.width,
    height: sps.height,
    sarWidth: sps.sarWidth,
    sarHeight: sps.sarHeight,
    config: serializeAvcC(avcCFromParameterSets(format.sps, format.pps)),
  };
}

/**
 * The format with the SPS and PPS found in `nalUnits` (an access unit) in place of its own:
 * new SPS replace every SPS, new PPS every PPS. Returns `format` itself when the access unit
 * carries none or the same ones, so `next !== format` tells that the track changed. Throws
 * `H264Error` for an SPS that does not parse.
 */
export function h264WithParameterSets(format: H264Format, nalUnits: readonly Uint8Array[]): H264Format {
  const sps = nalUnits.filter((n) => n.length > 0 && h264NalUnitType(n) === H264NalUnitType.Sps);
  const pps = nalUnits.filter((n) => n.length > 0 && h264NalUnitType(n) === H264NalUnitType.Pps);
  const newSps = sps.length > 0 && !sameList(sps, format.sps);
  const newPps = pps.length > 0 && !sameList(pps, format.pps);
  if (!newSps && !newPps) return format;
  for (const s of sps) parseH264Sps(s);
  const next: H264Format = {
    ...format,
    sps: newSps ? sps.map((n) => n.slice()) : format.sps,
    pps: newPps ? pps.map((n) => n.slice()) : format.pps,
  };
  const profileLevelId = newSps ? profileLevelIdOf(next.sps) : format.profileLevelId;
  return profileLevelId === undefined ? next : { ...next, profileLevelId };
}
