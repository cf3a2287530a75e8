import { H265ErrorCode } from './errors.js';
import { H265NalUnitType } from './nal.js';
import { rbspReader, ueMax } from './internal/rbsp.js';

/**
 * The head of a picture parameter set: what slice segment headers need to be read, and the
 * parallel-decoding tools hvcC's `parallelismType` describes.
 * @see ITU-T H.265 §7.3.2.3.1
 */
export type H265Pps = {
  readonly ppsId: number;
  readonly spsId: number;
  readonly dependentSliceSegmentsEnabled: boolean;
  readonly outputFlagPresent: boolean;
  readonly numExtraSliceHeaderBits: number;
  readonly tilesEnabled: boolean;
  readonly entropyCodingSyncEnabled: boolean;
};

/**
 * Parses a picture parameter set NAL unit (2-byte header included, emulation prevention
 * bytes still in) up to `entropy_coding_sync_enabled_flag`; the rest is not read.
 * @see ITU-T H.265 §7.3.2.3.1
 */
export function parseH265Pps(nal: Uint8Array): H265Pps {
  const r = rbspReader(nal, H265NalUnitType.Pps, 'pps');
  const code = H265ErrorCode.InvalidPps;
  const ppsId = ueMax(r, 63, 'pps_pic_parameter_set_id', code);
  const spsId = ueMax(r, 15, 'pps_seq_parameter_set_id', code);
  const dependentSliceSegmentsEnabled = r.flag();
  const outputFlagPresent = r.flag();
  const numExtraSliceHeaderBits = r.u(3);
  r.skip(2); // sign_data_hiding_enabled_flag, cabac_init_present_flag
  ueMax(r, 14, 'num_ref_idx_l0_default_active_minus1', code);
  ueMax(r, 14, 'num_ref_idx_l1_default_active_minus1', code);
  r.se(); // init_qp_minus26
  r.skip(2); // constrained_intra_pred_flag, transform_skip_enabled_flag
  if (r.flag()) r.ue(); // cu_qp_delta_enabled_flag → diff_cu_qp_delta_depth
  r.se(); // pps_cb_qp_offset
  r.se(); // pps_cr_qp_offset
  r.skip(4); // slice chroma qp offsets present, weighted_pred, weighted_bipred, transquant_bypass
  const tilesEnabled = r.flag();
  const entropyCodingSyncEnabled = r.flag();
  return {
    ppsId,
    spsId,
    dependentSliceSegmentsEnabled,
    outputFlagPresent,
    numExtraSliceHeaderBits,
    tilesEnabled,
    entropyCodingSyncEnabled,
  };
}
