import type { BitReader } from '@rtspkit/bytes';
import { ueMax } from './rbsp.js';

/**
 * Skips `hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1)`: nothing in it is
 * needed here, but VUI fields after it are.
 * @see ITU-T H.265 §E.2.2
 */
export function skipHrdParameters(r: BitReader, commonInfPresent: boolean, maxNumSubLayersMinus1: number): void {
  let nal = false;
  let vcl = false;
  let subPic = false;
  if (commonInfPresent) {
    nal = r.flag();
    vcl = r.flag();
    if (nal || vcl) {
      subPic = r.flag();
      if (subPic) r.skip(8 + 5 + 1 + 5);
      r.skip(4 + 4); // bit_rate_scale, cpb_size_scale
      if (subPic) r.skip(4); // cpb_size_du_scale
      r.skip(5 + 5 + 5);
    }
  }
  for (let i = 0; i <= maxNumSubLayersMinus1; i++) {
    const fixedGeneral = r.flag();
    const fixedWithinCvs = fixedGeneral ? true : r.flag();
    let lowDelay = false;
    if (fixedWithinCvs)
      r.ue(); // elemental_duration_in_tc_minus1
    else lowDelay = r.flag();
    const cpbCnt = lowDelay ? 1 : ueMax(r, 31, 'cpb_cnt_minus1') + 1;
    const sets = (nal ? 1 : 0) + (vcl ? 1 : 0);
    for (let s = 0; s < sets; s++) {
      for (let k = 0; k < cpbCnt; k++) {
        r.ue();
        r.ue();
        if (subPic) {
          r.ue();
          r.ue();
        }
        r.skip(1); // cbr_flag
      }
    }
  }
}
