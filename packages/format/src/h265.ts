import { toBase64 } from '@rtspkit/bytes';
import type { VideoTrack } from '@rtspkit/fmp4';
import {
  H265Depacketizer,
  type H265DepacketizerOptions,
  H265NalUnitType,
  H265Packetizer,
  h265CodecString,
  h265NalUnitType,
  hvcCFromParameterSets,
  parseH265Sps,
  parseH265Vps,
  serializeHvcC,
} from '@rtspkit/h265';
import type { RtpSequencerOptions } from '@rtspkit/rtp';
import type { FmtpParameter, MediaFormat } from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from './errors.js';
import { decimal, parameterSets } from './internal/fmtp.js';
import { sameList } from './internal/lists.js';

/**
 * An H.265 RTP format (RFC 7798). Parameter sets are NAL units without start codes; the
 * byte arrays are the package's own copies.
 */
export type H265Format = {
  readonly codec: 'h265';
  readonly payloadType: number;
  /** 90000 (RFC 7798 §7.1); a camera's other value is kept as written. */
  readonly clockRate: number;
  /** Video parameter sets (NAL type 32), from `sprop-vps` or the stream. */
  readonly vps: readonly Uint8Array[];
  /** Sequence parameter sets (NAL type 33), from `sprop-sps`. */
  readonly sps: readonly Uint8Array[];
  /** Picture parameter sets (NAL type 34), from `sprop-pps`. */
  readonly pps: readonly Uint8Array[];
  /** `sprop-max-don-diff`: above 0, payloads carry DONL fields (RFC 7798 §4.4). 0 when absent. */
  readonly maxDonDiff: number;
  /** `sprop-depack-buf-nalus`, when given. */
  readonly depackBufNalus?: number;
  /** `profile-id`, `tier-flag`, `level-id`, when given. */
  readonly profileId?: number;
  readonly tierFlag?: number;
  readonly levelId?: number;
};

/** Options of {@link h265Format}. */
export type H265FormatOptions = {
  /** Dynamic payload type; 96 by default. */
  readonly payloadType?: number;
  readonly vps: readonly Uint8Array[];
  readonly sps: readonly Uint8Array[];
  readonly pps: readonly Uint8Array[];
};

const KINDS = [
  ['vps', H265NalUnitType.Vps],
  ['sps', H265NalUnitType.Sps],
  ['pps', H265NalUnitType.Pps],
] as const;

/**
 * An H.265 format for a stream whose parameter sets are known (a server's source), with
 * no DONL fields. Throws `H265Error` for a VPS or SPS that does not parse and
 * {@link FormatError} for a NAL unit of the wrong type.
 *
 * @example
 * const format = h265Format({ vps: [vps], sps: [sps], pps: [pps] });
 * @see RFC 7798 §7.1, §7.2.1
 */
export function h265Format(options: H265FormatOptions): H265Format {
  for (const [what, type] of KINDS) {
    for (const nal of options[what]) {
      if (nal.length < 2 || h265NalUnitType(nal) !== type) {
        throw new FormatError(FormatErrorCode.InvalidFormat, `${what} nal unit is not of type ${type}`);
      }
    }
  }
  validate(options.vps, options.sps);
  return {
    codec: 'h265',
    payloadType: options.payloadType ?? 96,
    clockRate: 90_000,
    vps: options.vps.map((n) => n.slice()),
    sps: options.sps.map((n) => n.slice()),
    pps: options.pps.map((n) => n.slice()),
    maxDonDiff: 0,
  };
}

function validate(vps: readonly Uint8Array[], sps: readonly Uint8Array[]): void {
  for (const v of vps) parseH265Vps(v);
  for (const s of sps) parseH265Sps(s);
}

/**
 * Reads `a=fmtp` of an H.265 format, with the tolerance of H.264's base64 lists (start
 * codes inside, empty and `(null)` entries; Ezviz C6N sends `sprop-vps=;sprop-sps=;…`).
 * A NAL unit of another type in a list is dropped. Throws {@link FormatError} for values
 * that do not decode and `H265Error` for a VPS or SPS that does not parse.
 *
 * @see RFC 7798 §7.1
 */
export function readH265(format: MediaFormat): H265Format {
  const p = format.parameters;
  const list = (name: string, type: number) =>
    parameterSets(p, name).filter((n) => n.length >= 2 && h265NalUnitType(n) === type);
  const vps = list('sprop-vps', H265NalUnitType.Vps);
  const sps = list('sprop-sps', H265NalUnitType.Sps);
  const pps = list('sprop-pps', H265NalUnitType.Pps);
  validate(vps, sps);
  const out: { -readonly [K in keyof H265Format]: H265Format[K] } = {
    codec: 'h265',
    payloadType: format.payloadType,
    clockRate: format.clockRate,
    vps,
    sps,
    pps,
    // sprop-max-don-diff and sprop-depack-buf-nalus are 0..32767 (RFC 7798 §7.1).
    maxDonDiff: decimal(p, 'sprop-max-don-diff', 0, 32767) ?? 0,
  };
  const depackBufNalus = decimal(p, 'sprop-depack-buf-nalus', 0, 32767);
  const profileId = decimal(p, 'profile-id', 0, 31);
  const tierFlag = decimal(p, 'tier-flag', 0, 1);
  const levelId = decimal(p, 'level-id', 0, 255);
  if (depackBufNalus !== undefined) out.depackBufNalus = depackBufNalus;
  if (profileId !== undefined) out.profileId = profileId;
  if (tierFlag !== undefined) out.tierFlag = tierFlag;
  if (levelId !== undefined) out.levelId = levelId;
  return out;
}

/**
 * The fmtp of an H.265 format: `profile-id`, `tier-flag`, `level-id` when known,
 * `sprop-vps`, `sprop-sps`, `sprop-pps` when non-empty, `sprop-max-don-diff` when above 0,
 * `sprop-depack-buf-nalus` when given.
 *
 * @see RFC 7798 §7.1
 */
export function h265Fmtp(format: H265Format): FmtpParameter[] {
  const out: FmtpParameter[] = [];
  const number = (name: string, value: number | undefined) => {
    if (value !== undefined) out.push({ name, value: String(value) });
  };
  number('profile-id', format.profileId);
  number('tier-flag', format.tierFlag);
  number('level-id', format.levelId);
  for (const [name, list] of [
    ['sprop-vps', format.vps],
    ['sprop-sps', format.sps],
    ['sprop-pps', format.pps],
  ] as const) {
    if (list.length > 0) out.push({ name, value: list.map(toBase64).join(',') });
  }
  if (format.maxDonDiff > 0) number('sprop-max-don-diff', format.maxDonDiff);
  number('sprop-depack-buf-nalus', format.depackBufNalus);
  return out;
}

/** The depacketizer of an H.265 format; DONL fields are read when `maxDonDiff` is above 0. */
export function h265Depacketizer(
  format: H265Format,
  options: Omit<H265DepacketizerOptions, 'maxDonDiff'> = {},
): H265Depacketizer {
  return new H265Depacketizer({ ...options, maxDonDiff: format.maxDonDiff });
}

/**
 * The packetizer of an H.265 format. {@link H265Packetizer} writes no DONL fields, so a
 * format with `maxDonDiff` above 0 throws `ERR_FORMAT_UNSUPPORTED`.
 */
export function h265Packetizer(
  format: H265Format,
  options: Omit<RtpSequencerOptions, 'payloadType'> & { readonly mtu: number },
): H265Packetizer {
  if (format.maxDonDiff > 0) {
    throw new FormatError(FormatErrorCode.Unsupported, `sprop-max-don-diff ${format.maxDonDiff} cannot be written`);
  }
  return new H265Packetizer({ ...options, payloadType: format.payloadType });
}

/**
 * `hvc1.<profile>.<compatibility>.<tier><level>.<constraints>` from the first SPS;
 * `undefined` while it is unknown (`profile-id`/`level-id` alone lack the compatibility
 * flags).
 *
 * @see RFC 6381 §3.3, ISO/IEC 14496-15 Annex E.3
 */
export function h265FormatCodecString(format: H265Format): string | undefined {
  const first = format.sps[0];
  return first === undefined ? undefined : h265CodecString(parseH265Sps(first), 'hvc1');
}

/**
 * The `hvc1` track of an H.265 format: picture size and aspect ratio from the first SPS,
 * an hvcC record of every VPS, SPS and PPS. `undefined` while one of them is unknown.
 *
 * @see ISO/IEC 14496-15 §8.3.3
 */
export function h265Track(format: H265Format, id: number): VideoTrack | undefined {
  const first = format.sps[0];
  if (first === undefined || format.vps.length === 0 || format.pps.length === 0) return undefined;
  const sps = parseH265Sps(first);
  return {
    id,
    kind: 'video',
    codec: 'hvc1',
    timescale: format.clockRate,
    width: sps.width,
    height: sps.height,
    sarWidth: sps.sarWidth,
    sarHeight: sps.sarHeight,
    config: serializeHvcC(hvcCFromParameterSets(format.vps, format.sps, format.pps)),
  };
}

/**
 * The format with the VPS, SPS and PPS found in `nalUnits` (an access unit) in place of its
 * own, each kind replaced as a whole. Returns `format` itself when nothing changed. Throws
 * `H265Error` for a VPS or SPS that does not parse.
 */
export function h265WithParameterSets(format: H265Format, nalUnits: readonly Uint8Array[]): H265Format {
  let next = format;
  for (const [what, type] of KINDS) {
    const found = nalUnits.filter((n) => n.length >= 2 && h265NalUnitType(n) === type);
    if (found.length > 0 && !sameList(found, format[what])) next = { ...next, [what]: found.map((n) => n.slice()) };
  }
  if (next !== format) validate(next.vps, next.sps);
  return next;
}
