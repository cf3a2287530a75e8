import { H265Error, H265ErrorCode } from './errors.js';
import { PocCounter } from './internal/poc.js';
import { H265NalUnitType, h265NalUnitType, isH265VclNalUnitType } from './nal.js';
import { type H265Pps, parseH265Pps } from './pps.js';
import { h265SlicePpsId, parseH265SliceHeader } from './slice.js';
import { type H265Sps, parseH265Sps } from './sps.js';

export type H265DtsExtractorOptions = {
  /**
   * Frame duration (90 kHz ticks) used only for the first access units of the stream, when
   * the SPS has no VUI timing. Default 3000 (30 fps).
   */
  readonly defaultFrameDuration?: number;
};

const CLOCK_RATE = 90_000;
const DEFAULT_FRAME_DURATION = 3000;

/** A decoded picture waiting for its output slot. */
type Pending = { readonly sequence: number; readonly poc: number; readonly pts: number };

/**
 * Derives decode timestamps from presentation timestamps for streams with B-frames, using
 * the picture order count (H.265 §8.3.1) and `sps_max_num_reorder_pics`.
 *
 * Feed every access unit in decode order with its PTS (90 kHz, unwrapped: a monotonic
 * number, not the 32-bit RTP value). The returned DTS satisfies DTS ≤ PTS and is strictly
 * increasing.
 *
 * How: with a reorder depth `N`, a picture is output at most `N` pictures after it is
 * decoded, so when picture `n` (decode order) arrives, every picture up to output position
 * `n − N` has been seen. Pictures wait in a window ordered by (coded video sequence, POC);
 * once it holds more than `N`, the first leaves and its PTS is the DTS of picture `n`. The
 * first `N` pictures of the stream take `PTS₀ − (N − n) × duration`, with the VUI frame
 * duration. For a constant frame rate this equals FFmpeg's DTS (decode index × duration)
 * shifted by the first picture's PTS. The window holds at most 16 pictures.
 *
 * @example
 * const dtsExtractor = new H265DtsExtractor();
 * const dts = dtsExtractor.extract(accessUnit.nalUnits, pts);
 * @see ITU-T H.265 §8.3.1, §C.5.2 (sps_max_num_reorder_pics)
 */
export class H265DtsExtractor {
  readonly #defaultDuration: number;
  readonly #sps = new Map<number, H265Sps>();
  readonly #pps = new Map<number, H265Pps>();
  readonly #poc = new PocCounter();
  #sequence = 0;
  #reorder = 0;
  #pending: Pending[] = [];
  #prevDts: number | undefined;

  constructor(options: H265DtsExtractorOptions = {}) {
    this.#defaultDuration = options.defaultFrameDuration ?? DEFAULT_FRAME_DURATION;
  }

  /** Reorder depth in use (pictures): `sps_max_num_reorder_pics` of the active SPS's highest sub-layer. */
  get reorderFrames(): number {
    return this.#reorder;
  }

  /**
   * DTS of the access unit `nalUnits` presented at `pts`. Throws {@link H265Error}
   * (`ERR_H265_MISSING_PARAMETER_SET`) when the access unit has no slice or its SPS/PPS were
   * never seen, or when a parameter set or slice header cannot be parsed.
   */
  extract(nalUnits: readonly Uint8Array[], pts: number): number {
    let slice: Uint8Array | undefined;
    let endOfSequence = false;
    for (const nal of nalUnits) {
      const type = h265NalUnitType(nal);
      if (type === H265NalUnitType.Sps) {
        const sps = parseH265Sps(nal);
        this.#sps.set(sps.spsId, sps);
      } else if (type === H265NalUnitType.Pps) {
        const pps = parseH265Pps(nal);
        this.#pps.set(pps.ppsId, pps);
      } else if (type === H265NalUnitType.Eos) {
        endOfSequence = true;
      } else if (isH265VclNalUnitType(type) && slice === undefined) {
        slice = nal;
      }
    }
    if (slice === undefined) throw new H265Error(H265ErrorCode.MissingParameterSet, 'access unit without a slice');
    const ppsId = h265SlicePpsId(slice);
    const pps = this.#pps.get(ppsId);
    const sps = pps === undefined ? undefined : this.#sps.get(pps.spsId);
    if (pps === undefined || sps === undefined) {
      throw new H265Error(H265ErrorCode.MissingParameterSet, `no sps/pps for slice with pps id ${ppsId}`);
    }
    const header = parseH265SliceHeader(slice, sps, pps);
    const { poc, newSequence } = this.#poc.next(
      header.nalUnitType,
      header.temporalId,
      header.slicePicOrderCntLsb,
      sps.log2MaxPicOrderCntLsb,
    );
    if (endOfSequence) this.#poc.endOfSequence();
    if (newSequence) this.#sequence++;
    this.#reorder = sps.spsMaxNumReorderPics;
    this.#insert({ sequence: this.#sequence, poc, pts });
    let candidate: number;
    if (this.#pending.length > this.#reorder) {
      candidate = (this.#pending.shift() as Pending).pts;
    } else {
      // Not enough pictures seen yet (stream start, or a deeper reorder than before).
      const first = (this.#pending[0] as Pending).pts;
      candidate = first - (this.#reorder + 1 - this.#pending.length) * frameDuration(sps, this.#defaultDuration);
    }
    const dts =
      this.#prevDts === undefined ? Math.min(candidate, pts) : Math.max(this.#prevDts + 1, Math.min(candidate, pts));
    this.#prevDts = dts;
    return dts;
  }

  #insert(p: Pending): void {
    let i = this.#pending.length;
    while (i > 0) {
      const q = this.#pending[i - 1] as Pending;
      if (q.sequence < p.sequence || (q.sequence === p.sequence && q.poc <= p.poc)) break;
      i--;
    }
    this.#pending.splice(i, 0, p);
  }
}

/** VUI frame duration in 90 kHz ticks (H.265 has no field-pair factor 2, unlike H.264). */
function frameDuration(sps: H265Sps, fallback: number): number {
  const t = sps.timing;
  if (t === undefined || t.timeScale === 0 || t.numUnitsInTick === 0) return fallback;
  return Math.round((CLOCK_RATE * t.numUnitsInTick) / t.timeScale);
}
