import { ByteReader, ByteWriter } from '@rtspkit/bytes';
import { H264Error, H264ErrorCode, h264ErrorFactory } from './errors.js';
import { parseH264Sps } from './sps.js';

/** The High-profile tail of an avcC record (ISO 14496-15 §5.3.3.1.2). */
export type AvcCExtension = {
  /** `chroma_format_idc` of the SPS, 0..3. */
  readonly chromaFormat: number;
  /** Luma bit depth (8..14), stored as `bit_depth_luma_minus8`. */
  readonly bitDepthLuma: number;
  /** Chroma bit depth (8..14), stored as `bit_depth_chroma_minus8`. */
  readonly bitDepthChroma: number;
  /** SPS extension NAL units (type 13). */
  readonly spsExt: readonly Uint8Array[];
};

/**
 * AVCDecoderConfigurationRecord, the payload of an `avcC` box. Parameter sets are NAL units
 * with their header byte, escaped; after {@link parseAvcC} they alias the input.
 * @see ISO/IEC 14496-15 §5.3.3.1
 */
export type AvcC = {
  readonly configurationVersion: 1;
  /** `profile_idc` of the SPS. */
  readonly profileIndication: number;
  /** The SPS byte holding the constraint flags. */
  readonly profileCompatibility: number;
  /** `level_idc` of the SPS. */
  readonly levelIndication: number;
  /** Bytes in each NAL length prefix of the samples. */
  readonly lengthSize: 1 | 2 | 4;
  readonly sps: readonly Uint8Array[];
  readonly pps: readonly Uint8Array[];
  /** Present for profiles 100, 110, 122 and 144 (when the record carries it). */
  readonly spsExt?: AvcCExtension;
};

/** Profiles whose record carries the chroma/bit-depth tail (ISO 14496-15 §5.3.3.1.2). */
const EXTENDED_PROFILES = new Set([100, 110, 122, 144]);

/**
 * Parses an AVCDecoderConfigurationRecord (box payload, no box header). The High-profile
 * tail is read when present and skipped when absent (many writers omit it). Parameter sets
 * alias `bytes`. Throws {@link H264Error}.
 *
 * ```
 * configurationVersion(8)=1 AVCProfileIndication(8) profile_compatibility(8) AVCLevelIndication(8)
 * reserved(6)=111111 lengthSizeMinusOne(2)
 * reserved(3)=111 numOfSequenceParameterSets(5) { sequenceParameterSetLength(16) NAL }*
 * numOfPictureParameterSets(8) { pictureParameterSetLength(16) NAL }*
 * [profiles 100/110/122/144: reserved(6) chroma_format(2) reserved(5) bit_depth_luma_minus8(3)
 *  reserved(5) bit_depth_chroma_minus8(3) numOfSequenceParameterSetExt(8) { length(16) NAL }*]
 * ```
 * @see ISO/IEC 14496-15 §5.3.3.1
 */
export function parseAvcC(bytes: Uint8Array): AvcC {
  const r = new ByteReader(bytes, 0, h264ErrorFactory);
  const version = r.u8();
  if (version !== 1) throw new H264Error(H264ErrorCode.InvalidAvcC, `configurationVersion ${version}, expected 1`, 0);
  const profileIndication = r.u8();
  const profileCompatibility = r.u8();
  const levelIndication = r.u8();
  const lengthSizeMinusOne = r.u8() & 3;
  if (lengthSizeMinusOne === 2) throw new H264Error(H264ErrorCode.InvalidAvcC, 'lengthSizeMinusOne 2 is reserved', 4);
  const lengthSize = (lengthSizeMinusOne + 1) as 1 | 2 | 4;
  const sps = readSets(r, r.u8() & 0x1f);
  const pps = readSets(r, r.u8());
  const avcc: AvcC = {
    configurationVersion: 1,
    profileIndication,
    profileCompatibility,
    levelIndication,
    lengthSize,
    sps,
    pps,
  };
  if (EXTENDED_PROFILES.has(profileIndication) && r.remaining >= 4) {
    const chromaFormat = r.u8() & 3;
    const bitDepthLuma = 8 + (r.u8() & 7);
    const bitDepthChroma = 8 + (r.u8() & 7);
    const spsExt = readSets(r, r.u8());
    return { ...avcc, spsExt: { chromaFormat, bitDepthLuma, bitDepthChroma, spsExt } };
  }
  return avcc;
}

function readSets(r: ByteReader, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) out.push(r.bytesView(r.u16()));
  return out;
}

/**
 * Writes an AVCDecoderConfigurationRecord (box payload, no box header). Writes the
 * High-profile tail when `spsExt` is given. Throws `ERR_H264_INVALID_AVCC` when a count or
 * length does not fit its field.
 * @see ISO/IEC 14496-15 §5.3.3.1
 */
export function serializeAvcC(avcc: AvcC): Uint8Array {
  const bad = H264ErrorCode.InvalidAvcC;
  if (avcc.sps.length > 31) throw new H264Error(bad, `${avcc.sps.length} sps do not fit 5 bits`);
  if (avcc.pps.length > 255) throw new H264Error(bad, `${avcc.pps.length} pps do not fit 8 bits`);
  if (![1, 2, 4].includes(avcc.lengthSize)) throw new H264Error(bad, `lengthSize ${avcc.lengthSize} not 1, 2 or 4`);
  const w = new ByteWriter(64);
  w.u8(1)
    .u8(avcc.profileIndication & 0xff)
    .u8(avcc.profileCompatibility & 0xff)
    .u8(avcc.levelIndication & 0xff);
  w.u8(0xfc | (avcc.lengthSize - 1));
  w.u8(0xe0 | avcc.sps.length);
  writeSets(w, avcc.sps);
  w.u8(avcc.pps.length);
  writeSets(w, avcc.pps);
  const ext = avcc.spsExt;
  if (ext !== undefined) {
    if (ext.spsExt.length > 255) throw new H264Error(bad, `${ext.spsExt.length} sps extensions do not fit 8 bits`);
    w.u8(0xfc | (ext.chromaFormat & 3));
    w.u8(0xf8 | ((ext.bitDepthLuma - 8) & 7));
    w.u8(0xf8 | ((ext.bitDepthChroma - 8) & 7));
    w.u8(ext.spsExt.length);
    writeSets(w, ext.spsExt);
  }
  return w.finish();
}

function writeSets(w: ByteWriter, sets: readonly Uint8Array[]): void {
  for (const set of sets) {
    if (set.length > 0xffff) throw new H264Error(H264ErrorCode.InvalidAvcC, `parameter set of ${set.length} bytes`);
    w.u16(set.length).bytes(set);
  }
}

/**
 * Builds the avcC record for parameter sets taken from the stream (4-byte lengths). The
 * profile, compatibility and level come from the first SPS; the High-profile tail is added
 * for profiles 100, 110, 122 and 144. The record aliases the given arrays' NAL units.
 * Throws {@link H264Error} when there is no SPS or it cannot be parsed.
 * @see ISO/IEC 14496-15 §5.3.3.1.2
 */
export function avcCFromParameterSets(sps: readonly Uint8Array[], pps: readonly Uint8Array[]): AvcC {
  const first = sps[0];
  if (first === undefined) throw new H264Error(H264ErrorCode.MissingParameterSet, 'avcC needs at least one sps');
  const parsed = parseH264Sps(first);
  const avcc: AvcC = {
    configurationVersion: 1,
    profileIndication: parsed.profileIdc,
    profileCompatibility: parsed.constraintSetFlags,
    levelIndication: parsed.levelIdc,
    lengthSize: 4,
    sps: [...sps],
    pps: [...pps],
  };
  if (!EXTENDED_PROFILES.has(parsed.profileIdc)) return avcc;
  return {
    ...avcc,
    spsExt: {
      chromaFormat: parsed.chromaFormatIdc,
      bitDepthLuma: parsed.bitDepthLuma,
      bitDepthChroma: parsed.bitDepthChroma,
      spsExt: [],
    },
  };
}
