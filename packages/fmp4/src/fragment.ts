import { Fmp4Error, Fmp4ErrorCode } from './errors.js';
import { arrayBufferBytes, type Fmp4Bytes } from './internal/bytes.js';

/**
 * `sample_flags` (ISO 14496-12 §8.8.3.1), 32 bits:
 *
 * ```
 *  31..28 27..26      25..24      23..22         21..20          19..17  16           15..0
 * +------+----------+-----------+--------------+---------------+-------+------------+---------------------+
 * | 0000 |is_leading|depends_on |is_depended_on|has_redundancy |padding|is_non_sync |degradation_priority |
 * +------+----------+-----------+--------------+---------------+-------+------------+---------------------+
 * ```
 */
export const SampleFlags = {
  /** A sync sample: depends on no other (`sample_depends_on` = 2), `is_non_sync` = 0. */
  sync: 0x02000000,
  /** A non-sync sample: depends on others (`sample_depends_on` = 1), `is_non_sync` = 1. */
  nonSync: 0x01010000,
} as const;

/** One sample of a track run, in its track's timescale. */
export type FragmentSample = {
  readonly duration: number;
  /** `sample_flags`, usually {@link SampleFlags}. */
  readonly flags: number;
  /** PTS − DTS, signed (written with `trun` version 1). */
  readonly compositionOffset: number;
  /** Sample bytes, referenced (not copied) by the returned chunks. */
  readonly data: Uint8Array;
};

/** The samples of one track in one fragment. */
export type TrackRun = {
  readonly trackId: number;
  /** Decode time of the first sample, in the track's timescale (`tfdt`, 64-bit). */
  readonly baseDecodeTime: number;
  readonly samples: readonly FragmentSample[];
};

/** What {@link serializeMediaSegment} writes: one `moof` + `mdat`. */
export type MediaSegmentInput = {
  /** `mfhd.sequence_number`, 1 for the first fragment, then increasing. */
  readonly sequenceNumber: number;
  /** One `traf` each, in this order; their samples follow each other in the `mdat`. */
  readonly tracks: readonly TrackRun[];
};

// Fixed box sizes (ISO 14496-12 §8.8): header 8, full box header 12.
const MFHD_SIZE = 16;
const TFHD_SIZE = 16; // full box + track_ID (only default-base-is-moof)
const TFDT_SIZE = 20; // version 1: 64-bit baseMediaDecodeTime
const TRUN_HEADER_SIZE = 20; // full box + sample_count + data_offset
const TRUN_SAMPLE_SIZE = 16; // duration, size, flags, composition offset
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
// data-offset-present | sample-duration | sample-size | sample-flags | sample-composition-time-offset
const TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800;
const TYPE_MOOF = 0x6d6f6f66;
const TYPE_MFHD = 0x6d666864;
const TYPE_TRAF = 0x74726166;
const TYPE_TFHD = 0x74666864;
const TYPE_TFDT = 0x74666474;
const TYPE_TRUN = 0x7472756e;
const TYPE_MDAT = 0x6d646174;

/**
 * Writes one media segment: a `moof` (`mfhd`, then per track a `traf` with `tfhd`
 * default-base-is-moof, `tfdt` version 1 and `trun` version 1 with data offset and
 * per-sample duration, size, flags and signed composition offset) and an `mdat`.
 *
 * Returns chunks: the first holds `moof` and the `mdat` header, the others are the sample
 * `data` views themselves (zero copy). Concatenated, they are the segment.
 *
 * ```
 * moof ─ mfhd (sequence_number)
 *      ─ traf ─ tfhd (track_ID) ─ tfdt (baseMediaDecodeTime) ─ trun (samples…)
 *      ─ traf …
 * mdat ─ samples of track 1, then track 2, …
 * ```
 *
 * @see ISO/IEC 14496-12 §8.8.4–§8.8.8, §8.8.12
 */
export function serializeMediaSegment(input: MediaSegmentInput): Fmp4Bytes[] {
  const { tracks } = input;
  let moofSize = 8 + MFHD_SIZE;
  let dataSize = 0;
  let sampleCount = 0;
  for (const run of tracks) {
    moofSize += 8 + TFHD_SIZE + TFDT_SIZE + TRUN_HEADER_SIZE + TRUN_SAMPLE_SIZE * run.samples.length;
    for (const s of run.samples) dataSize += s.data.length;
    sampleCount += run.samples.length;
  }
  const mdatSize = 8 + dataSize;
  if (moofSize + mdatSize > 0xffffffff) {
    throw new Fmp4Error(
      Fmp4ErrorCode.InvalidSample,
      `fragment of ${moofSize + mdatSize} bytes exceeds 32-bit box size`,
    );
  }
  const header = new Uint8Array(moofSize + 8);
  const v = new DataView(header.buffer);
  const chunks: Fmp4Bytes[] = new Array(sampleCount + 1);
  chunks[0] = header;
  let c = 1;
  let o = 0;
  v.setUint32(o, moofSize);
  v.setUint32(o + 4, TYPE_MOOF);
  v.setUint32(o + 8, MFHD_SIZE);
  v.setUint32(o + 12, TYPE_MFHD);
  // o + 16: version 0, flags 0 (already zero)
  v.setUint32(o + 20, input.sequenceNumber >>> 0);
  o += 8 + MFHD_SIZE;
  // data_offset is relative to the first byte of the moof (default-base-is-moof).
  let dataOffset = moofSize + 8;
  for (const run of tracks) {
    const n = run.samples.length;
    const trunSize = TRUN_HEADER_SIZE + TRUN_SAMPLE_SIZE * n;
    v.setUint32(o, 8 + TFHD_SIZE + TFDT_SIZE + trunSize);
    v.setUint32(o + 4, TYPE_TRAF);
    o += 8;
    v.setUint32(o, TFHD_SIZE);
    v.setUint32(o + 4, TYPE_TFHD);
    v.setUint32(o + 8, TFHD_DEFAULT_BASE_IS_MOOF);
    v.setUint32(o + 12, run.trackId);
    o += TFHD_SIZE;
    v.setUint32(o, TFDT_SIZE);
    v.setUint32(o + 4, TYPE_TFDT);
    v.setUint32(o + 8, 0x01000000); // version 1
    v.setUint32(o + 12, Math.floor(run.baseDecodeTime / 0x100000000));
    v.setUint32(o + 16, run.baseDecodeTime >>> 0);
    o += TFDT_SIZE;
    v.setUint32(o, trunSize);
    v.setUint32(o + 4, TYPE_TRUN);
    v.setUint32(o + 8, 0x01000000 | TRUN_FLAGS); // version 1
    v.setUint32(o + 12, n);
    v.setInt32(o + 16, dataOffset);
    o += TRUN_HEADER_SIZE;
    for (let i = 0; i < n; i++) {
      const s = run.samples[i]!;
      const size = s.data.length;
      v.setUint32(o, s.duration);
      v.setUint32(o + 4, size);
      v.setUint32(o + 8, s.flags);
      v.setInt32(o + 12, s.compositionOffset);
      o += TRUN_SAMPLE_SIZE;
      chunks[c++] = arrayBufferBytes(s.data);
      dataOffset += size;
    }
  }
  v.setUint32(o, mdatSize);
  v.setUint32(o + 4, TYPE_MDAT);
  return chunks;
}
