import { H265NalUnitType, isH265IrapNalUnitType } from '../nal.js';

/**
 * Picture order count of successive pictures (H.265 §8.3.1): `PicOrderCntMsb` from the
 * previous TemporalId-0 picture that is not RASL, RADL or a sub-layer non-reference picture.
 */
export class PocCounter {
  #prevTid0Poc = 0;
  #first = true;

  /** Marks the next picture as the first after an end of sequence NAL unit. */
  endOfSequence(): void {
    this.#first = true;
  }

  /**
   * POC of the next picture, and whether it starts a coded video sequence
   * (`NoRaslOutputFlag`: IDR, BLA, or a CRA first in the stream or after end of sequence).
   */
  next(
    nalUnitType: number,
    temporalId: number,
    pocLsb: number,
    log2MaxPocLsb: number,
  ): { poc: number; newSequence: boolean } {
    const irap = isH265IrapNalUnitType(nalUnitType);
    const newSequence = irap && (this.#first || nalUnitType !== H265NalUnitType.CraNut);
    this.#first = false;
    const maxLsb = 2 ** log2MaxPocLsb;
    let msb = 0;
    if (!newSequence) {
      const prevLsb = ((this.#prevTid0Poc % maxLsb) + maxLsb) % maxLsb;
      const prevMsb = this.#prevTid0Poc - prevLsb;
      if (pocLsb < prevLsb && prevLsb - pocLsb >= maxLsb / 2) msb = prevMsb + maxLsb;
      else if (pocLsb > prevLsb && pocLsb - prevLsb > maxLsb / 2) msb = prevMsb - maxLsb;
      else msb = prevMsb;
    }
    const poc = msb + pocLsb;
    // RADL 6-7, RASL 8-9, and sub-layer non-reference pictures (even types up to 14) don't anchor.
    const anchors =
      temporalId === 0 && !(nalUnitType >= 6 && nalUnitType <= 9) && !(nalUnitType <= 14 && nalUnitType % 2 === 0);
    if (anchors) this.#prevTid0Poc = poc;
    return { poc, newSequence };
  }
}
