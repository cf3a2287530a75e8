import { H265Error, H265ErrorCode } from './errors.js';
import { H265NalUnitType } from './nal.js';
import { type H265ProfileTierLevel, readProfileTierLevel } from './internal/profile-tier-level.js';
import { rbspReader, ueMax } from './internal/rbsp.js';
import type { H265Timing } from './internal/vui.js';
import type { H265SubLayerOrdering } from './sps.js';

/**
 * A parsed video parameter set: layers, sub-layers, profile/tier/level, DPB ordering and
 * timing. The HRD parameters and VPS extensions after the timing info are not read.
 * @see ITU-T H.265 §7.3.2.1
 */
export type H265Vps = H265ProfileTierLevel & {
  readonly vpsId: number;
  readonly baseLayerInternal: boolean;
  readonly baseLayerAvailable: boolean;
  /** `vps_max_layers_minus1 + 1`. */
  readonly maxLayers: number;
  /** `vps_max_sub_layers_minus1 + 1`. */
  readonly maxSubLayers: number;
  readonly temporalIdNesting: boolean;
  /** One entry per sub-layer; copies of the highest when ordering info is not per sub-layer. */
  readonly subLayerOrdering: readonly H265SubLayerOrdering[];
  readonly maxLayerId: number;
  /** `vps_num_layer_sets_minus1 + 1`. */
  readonly numLayerSets: number;
  /** `vps_num_units_in_tick` / `vps_time_scale`, when present. */
  readonly timing?: H265Timing;
};

/**
 * Parses a video parameter set NAL unit (2-byte header included, emulation prevention bytes
 * still in). Error offsets count from the first byte after the NAL header, in the RBSP.
 * @see ITU-T H.265 §7.3.2.1
 */
export function parseH265Vps(nal: Uint8Array): H265Vps {
  const r = rbspReader(nal, H265NalUnitType.Vps, 'vps');
  const vpsId = r.u(4);
  const baseLayerInternal = r.flag();
  const baseLayerAvailable = r.flag();
  const maxLayers = r.u(6) + 1;
  const maxSubLayersMinus1 = r.u(3);
  if (maxSubLayersMinus1 > 6) {
    throw new H265Error(H265ErrorCode.InvalidVps, `vps_max_sub_layers_minus1 ${maxSubLayersMinus1} exceeds 6`, 1);
  }
  const temporalIdNesting = r.flag();
  r.skip(16); // vps_reserved_0xffff_16bits
  const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
  const orderingPresent = r.flag();
  const subLayerOrdering: H265SubLayerOrdering[] = [];
  for (let i = orderingPresent ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
    subLayerOrdering.push({
      maxDecPicBuffering: ueMax(r, 15, 'vps_max_dec_pic_buffering_minus1', H265ErrorCode.InvalidVps) + 1,
      maxNumReorderPics: ueMax(r, 15, 'vps_max_num_reorder_pics', H265ErrorCode.InvalidVps),
      maxLatencyIncreasePlus1: r.ue(),
    });
  }
  const highest = subLayerOrdering[subLayerOrdering.length - 1] as H265SubLayerOrdering;
  while (subLayerOrdering.length <= maxSubLayersMinus1) subLayerOrdering.unshift(highest);
  const maxLayerId = r.u(6);
  const numLayerSets = ueMax(r, 1023, 'vps_num_layer_sets_minus1', H265ErrorCode.InvalidVps) + 1;
  r.skip((numLayerSets - 1) * (maxLayerId + 1)); // layer_id_included_flag[i][j]
  const timing = r.flag() ? { numUnitsInTick: r.u(32), timeScale: r.u(32) } : undefined;
  return {
    ...ptl,
    vpsId,
    baseLayerInternal,
    baseLayerAvailable,
    maxLayers,
    maxSubLayers: maxSubLayersMinus1 + 1,
    temporalIdNesting,
    subLayerOrdering,
    maxLayerId,
    numLayerSets,
    ...(timing === undefined ? {} : { timing }),
  };
}
