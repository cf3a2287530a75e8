import { H264ErrorCode } from './errors.js';
import { checkRange, rbspReader } from './internal/rbsp.js';
import { H264NalUnitType } from './nal.js';

/**
 * The leading fields of a picture parameter set: enough to find its SPS and to read slice
 * headers up to the picture order count.
 * @see ITU-T H.264 §7.3.2.2
 */
export type H264Pps = {
  readonly picParameterSetId: number;
  readonly seqParameterSetId: number;
  /** CABAC when true, CAVLC when false. */
  readonly entropyCodingMode: boolean;
  /** `bottom_field_pic_order_in_frame_present_flag`: slice headers carry a bottom-field POC delta. */
  readonly bottomFieldPicOrderInFramePresent: boolean;
};

/**
 * Parses the leading fields of a PPS NAL unit (header included, escaped). Throws
 * {@link H264Error} on bad input.
 * @see ITU-T H.264 §7.3.2.2
 */
export function parseH264Pps(nal: Uint8Array): H264Pps {
  const r = rbspReader(nal, H264NalUnitType.Pps, 'pps');
  const bad = H264ErrorCode.InvalidPps;
  const picParameterSetId = checkRange(r.ue(), 0, 255, bad, 'pic_parameter_set_id', r.byteOffset);
  const seqParameterSetId = checkRange(r.ue(), 0, 31, bad, 'seq_parameter_set_id', r.byteOffset);
  const entropyCodingMode = r.flag();
  const bottomFieldPicOrderInFramePresent = r.flag();
  return { picParameterSetId, seqParameterSetId, entropyCodingMode, bottomFieldPicOrderInFramePresent };
}
