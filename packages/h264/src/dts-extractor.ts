import { equals } from '@rtspkit/bytes';
import { H264Error, H264ErrorCode } from './errors.js';
import { maxDpbFrames } from './internal/level-limits.js';
import { PocCounter } from './internal/poc.js';
import { H264NalUnitType } from './nal.js';
import { type H264Pps, parseH264Pps } from './pps.js';
import { h264SlicePpsId, parseH264SliceHeader } from './slice.js';
import { type H264Sps, parseH264Sps } from './sps.js';

export type H264DtsExtractorOptions = {
  /**
   * Frame duration (90 kHz ticks) used only for the very first access unit, when the SPS
   * has no VUI timing. Default 3000 (30 fps).
   */
  readonly defaultFrameDuration?: number;
};

const CLOCK_RATE = 90_000;
const DEFAULT_FRAME_DURATION = 3000;

/** Constrained profiles that cannot reorder frames (constraint_set3_flag on intra/High profiles, §A.2). */
const NO_REORDER_WITH_SET3 = new Set([44, 86, 100, 110, 122, 244]);

/**
 * Derives decode timestamps from presentation timestamps for streams with B-frames, using
 * the picture order count (POC types 0, 1 and 2, H.264 §8.2.1).
 *
 * Feed every access unit in decode order with its PTS (90 kHz, unwrapped: a monotonic
 * number, not the 32-bit RTP value). The returned DTS satisfies DTS ≤ PTS and is strictly
 * increasing; for constant frame rate it is evenly spaced.
 *
 * How: with a reorder depth `N` (VUI `max_num_reorder_frames`, or the level's MaxDpbFrames
 * when the SPS does not state it, 0 for POC type 2), a frame decoded `k` frames after the
 * last IDR and displayed `p` frame slots after it is presented `d = p - k + N` frame
 * durations after it is decoded. So `DTS = prevDTS + (PTS - prevDTS) / (d + 1)`, which needs
 * no frame rate. Frame slots come from POC differences (step 2, or 1 once an odd step is
 * seen). The first access unit takes `PTS - N × duration` with the VUI frame duration. If
 * a stream reorders deeper than announced, `N` grows, and spacing is uneven at that point.
 *
 * @example
 * const dtsExtractor = new H264DtsExtractor();
 * const dts = dtsExtractor.extract(accessUnit.nalUnits, pts);
 * @see ITU-T H.264 §8.2.1, §C.4.5.3, Annex E (max_num_reorder_frames)
 */
export class H264DtsExtractor {
  readonly #defaultDuration: number;
  readonly #sps = new Map<number, { bytes: Uint8Array; parsed: H264Sps }>();
  readonly #pps = new Map<number, H264Pps>();
  readonly #poc = new PocCounter();
  #activeSps: H264Sps | undefined;
  #reorder = 0;
  #decodeIndex = 0;
  #anchorPoc = 0;
  #pocStep = 2;
  #prevDts: number | undefined;

  constructor(options: H264DtsExtractorOptions = {}) {
    this.#defaultDuration = options.defaultFrameDuration ?? DEFAULT_FRAME_DURATION;
  }

  /** Reorder depth in use (frames). */
  get reorderFrames(): number {
    return this.#reorder;
  }

  /**
   * DTS of the access unit `nalUnits` presented at `pts`. Throws {@link H264Error}
   * (`ERR_H264_MISSING_PARAMETER_SET`) when the access unit has no slice or its SPS/PPS were
   * never seen, or when a parameter set or slice header cannot be parsed.
   */
  extract(nalUnits: readonly Uint8Array[], pts: number): number {
    let slice: Uint8Array | undefined;
    for (const nal of nalUnits) {
      const type = (nal[0] ?? 0) & 0x1f;
      if (type === H264NalUnitType.Sps) this.#learnSps(nal);
      else if (type === H264NalUnitType.Pps) {
        const pps = parseH264Pps(nal);
        this.#pps.set(pps.picParameterSetId, pps);
      } else if ((type === H264NalUnitType.IdrSlice || type === H264NalUnitType.NonIdrSlice) && slice === undefined) {
        slice = nal;
      }
    }
    if (slice === undefined) throw new H264Error(H264ErrorCode.MissingParameterSet, 'access unit without a slice');
    const ppsId = h264SlicePpsId(slice);
    const pps = this.#pps.get(ppsId);
    const sps = pps === undefined ? undefined : this.#sps.get(pps.seqParameterSetId)?.parsed;
    if (pps === undefined || sps === undefined) {
      throw new H264Error(H264ErrorCode.MissingParameterSet, `no sps/pps for slice with pps id ${ppsId}`);
    }
    if (sps !== this.#activeSps) this.#activate(sps);
    const header = parseH264SliceHeader(slice, sps, pps);
    const poc = this.#poc.next(sps, header);
    if (header.nalUnitType === H264NalUnitType.IdrSlice || this.#prevDts === undefined) {
      this.#decodeIndex = 0;
      this.#anchorPoc = poc;
    } else {
      this.#decodeIndex++;
    }
    const pocDelta = poc - this.#anchorPoc;
    if (pocDelta % 2 !== 0) this.#pocStep = 1;
    let d = Math.round(pocDelta / this.#pocStep) - this.#decodeIndex + this.#reorder;
    if (d < 0) {
      this.#reorder -= d;
      d = 0;
    }
    let dts: number;
    if (this.#prevDts === undefined) {
      dts = pts - d * frameDuration(sps, this.#defaultDuration);
    } else {
      const prev = this.#prevDts;
      dts = Math.max(prev + 1, Math.min(pts, prev + Math.floor((pts - prev) / (d + 1))));
    }
    this.#prevDts = dts;
    return dts;
  }

  #learnSps(nal: Uint8Array): void {
    const parsed = parseH264Sps(nal);
    const known = this.#sps.get(parsed.seqParameterSetId);
    if (known !== undefined && equals(known.bytes, nal)) return;
    this.#sps.set(parsed.seqParameterSetId, { bytes: nal.slice(), parsed });
  }

  #activate(sps: H264Sps): void {
    this.#activeSps = sps;
    this.#pocStep = 2;
    this.#reorder = reorderDepth(sps);
  }
}

/** `max_num_reorder_frames`, or its inferred value (H.264 §E.2.1). */
function reorderDepth(sps: H264Sps): number {
  if (sps.maxNumReorderFrames !== undefined) return sps.maxNumReorderFrames;
  if (sps.picOrderCntType === 2) return 0;
  if (NO_REORDER_WITH_SET3.has(sps.profileIdc) && (sps.constraintSetFlags & 0x10) !== 0) return 0;
  return maxDpbFrames(sps.levelIdc, sps.picWidthInMbs * sps.frameHeightInMbs);
}

function frameDuration(sps: H264Sps, fallback: number): number {
  const t = sps.timing;
  if (t === undefined || t.timeScale === 0 || t.numUnitsInTick === 0) return fallback;
  return Math.round((CLOCK_RATE * 2 * t.numUnitsInTick) / t.timeScale);
}
