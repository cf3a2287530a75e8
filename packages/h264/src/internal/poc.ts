import type { H264SliceHeader } from '../slice.js';
import type { H264Sps } from '../sps.js';

/**
 * Picture order count of successive frames in decode order (H.264 §8.2.1), for the three
 * POC types. Memory management operation 5 is not tracked (rare outside broadcast).
 */
export class PocCounter {
  #prevMsb = 0;
  #prevLsb = 0;
  #prevFrameNum = 0;
  #prevFrameNumOffset = 0;

  /** POC of the picture whose first slice header is `slice`. */
  next(sps: H264Sps, slice: H264SliceHeader): number {
    const idr = slice.nalUnitType === 5;
    const ref = slice.nalRefIdc !== 0;
    if (sps.picOrderCntType === 0) {
      if (idr) {
        this.#prevMsb = 0;
        this.#prevLsb = 0;
      }
      const maxLsb = 2 ** (sps.log2MaxPicOrderCntLsb ?? 4);
      const lsb = slice.picOrderCntLsb ?? 0;
      let msb = this.#prevMsb;
      if (lsb < this.#prevLsb && this.#prevLsb - lsb >= maxLsb / 2) msb += maxLsb;
      else if (lsb > this.#prevLsb && lsb - this.#prevLsb > maxLsb / 2) msb -= maxLsb;
      const top = msb + lsb;
      const bottom = top + (slice.deltaPicOrderCntBottom ?? 0);
      if (ref) {
        this.#prevMsb = msb;
        this.#prevLsb = lsb;
      }
      return slice.fieldPic ? (slice.bottomField ? bottom : top) : Math.min(top, bottom);
    }
    const maxFrameNum = 2 ** sps.log2MaxFrameNum;
    let frameNumOffset = 0;
    if (!idr) {
      frameNumOffset =
        this.#prevFrameNum > slice.frameNum ? this.#prevFrameNumOffset + maxFrameNum : this.#prevFrameNumOffset;
    }
    this.#prevFrameNum = slice.frameNum;
    this.#prevFrameNumOffset = frameNumOffset;
    if (sps.picOrderCntType === 2) {
      if (idr) return 0;
      return 2 * (frameNumOffset + slice.frameNum) - (ref ? 0 : 1);
    }
    // pic_order_cnt_type 1 (§8.2.1.2).
    const offsets = sps.offsetForRefFrame ?? [];
    const cycle = offsets.length;
    let absFrameNum = cycle !== 0 ? frameNumOffset + slice.frameNum : 0;
    if (!ref && absFrameNum > 0) absFrameNum--;
    let expected = 0;
    if (absFrameNum > 0) {
      let perCycle = 0;
      for (const o of offsets) perCycle += o;
      const cycleCount = Math.floor((absFrameNum - 1) / cycle);
      const inCycle = (absFrameNum - 1) % cycle;
      expected = cycleCount * perCycle;
      for (let i = 0; i <= inCycle; i++) expected += offsets[i] as number;
    }
    if (!ref) expected += sps.offsetForNonRefPic ?? 0;
    const top = expected + (slice.deltaPicOrderCnt0 ?? 0);
    const bottom = top + (sps.offsetForTopToBottomField ?? 0) + (slice.deltaPicOrderCnt1 ?? 0);
    return slice.fieldPic ? (slice.bottomField ? bottom : top) : Math.min(top, bottom);
  }
}
