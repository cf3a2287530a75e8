import type { BitReader } from '@rtspkit/bytes';
import { H265Error, H265ErrorCode } from '../errors.js';
import { ueMax } from './rbsp.js';

/** The delta POCs of one short-term reference picture set (H.265 §7.4.8, S0 negative, S1 positive). */
export type StRefPicSet = { readonly deltaPocS0: readonly number[]; readonly deltaPocS1: readonly number[] };

// sps_max_dec_pic_buffering_minus1 is at most 15, so no set lists more than 16 pictures.
const MAX_PICS = 16;

/**
 * Reads `st_ref_pic_set(stRpsIdx)` given the sets read before it, deriving the delta POCs
 * with equations 7-61 and 7-62 so that later inter-predicted sets read the right number of
 * flags.
 * @see ITU-T H.265 §7.3.7, §7.4.8
 */
export function readStRefPicSet(
  r: BitReader,
  stRpsIdx: number,
  numShortTermRefPicSets: number,
  previous: readonly StRefPicSet[],
): StRefPicSet {
  const interPrediction = stRpsIdx !== 0 && r.flag();
  if (!interPrediction) {
    const numNegative = ueMax(r, MAX_PICS, 'num_negative_pics');
    const numPositive = ueMax(r, MAX_PICS - numNegative, 'num_positive_pics');
    const deltaPocS0: number[] = [];
    const deltaPocS1: number[] = [];
    let poc = 0;
    for (let i = 0; i < numNegative; i++) {
      poc -= r.ue() + 1;
      r.skip(1); // used_by_curr_pic_s0_flag
      deltaPocS0.push(poc);
    }
    poc = 0;
    for (let i = 0; i < numPositive; i++) {
      poc += r.ue() + 1;
      r.skip(1); // used_by_curr_pic_s1_flag
      deltaPocS1.push(poc);
    }
    return { deltaPocS0, deltaPocS1 };
  }
  const deltaIdx = stRpsIdx === numShortTermRefPicSets ? ueMax(r, stRpsIdx - 1, 'delta_idx_minus1') + 1 : 1;
  const sign = r.flag();
  const absDeltaRps = ueMax(r, 2 ** 15 - 1, 'abs_delta_rps_minus1') + 1;
  const deltaRps = sign ? -absDeltaRps : absDeltaRps;
  const ref = previous[stRpsIdx - deltaIdx];
  if (ref === undefined) {
    throw new H265Error(H265ErrorCode.InvalidSps, `st_ref_pic_set ${stRpsIdx} refers to missing set`, r.byteOffset);
  }
  const refPocs = [...ref.deltaPocS0, ...ref.deltaPocS1];
  // use_delta_flag[j] for j = 0..NumDeltaPocs[RefRpsIdx]; the last one stands for the reference picture itself.
  const useDelta: boolean[] = [];
  for (let j = 0; j <= refPocs.length; j++) {
    const usedByCurr = r.flag();
    useDelta.push(usedByCurr || r.flag());
  }
  const used = (j: number) => useDelta[j] === true;
  const s0: number[] = [];
  const s1: number[] = [];
  const n0 = ref.deltaPocS0.length;
  const n1 = ref.deltaPocS1.length;
  // Equation 7-61 (S0, closest first) and 7-62 (S1).
  for (let j = n1 - 1; j >= 0; j--) {
    const d = (ref.deltaPocS1[j] as number) + deltaRps;
    if (d < 0 && used(n0 + j)) s0.push(d);
  }
  if (deltaRps < 0 && used(n0 + n1)) s0.push(deltaRps);
  for (let j = 0; j < n0; j++) {
    const d = (ref.deltaPocS0[j] as number) + deltaRps;
    if (d < 0 && used(j)) s0.push(d);
  }
  for (let j = n0 - 1; j >= 0; j--) {
    const d = (ref.deltaPocS0[j] as number) + deltaRps;
    if (d > 0 && used(j)) s1.push(d);
  }
  if (deltaRps > 0 && used(n0 + n1)) s1.push(deltaRps);
  for (let j = 0; j < n1; j++) {
    const d = (ref.deltaPocS1[j] as number) + deltaRps;
    if (d > 0 && used(n0 + j)) s1.push(d);
  }
  if (s0.length + s1.length > MAX_PICS) {
    throw new H265Error(
      H265ErrorCode.InvalidSps,
      `st_ref_pic_set ${stRpsIdx} lists ${s0.length + s1.length} pictures`,
      r.byteOffset,
    );
  }
  return { deltaPocS0: s0, deltaPocS1: s1 };
}
