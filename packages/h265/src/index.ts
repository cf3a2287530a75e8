export { H265Error, H265ErrorCode, H265NoticeCode, h265ErrorFactory } from './errors.js';
export {
  H265NalUnitType,
  type H265NalHeader,
  parseH265NalHeader,
  serializeH265NalHeader,
  validateH265NalHeader,
  h265NalUnitType,
  isH265VclNalUnitType,
  isH265IrapNalUnitType,
} from './nal.js';
export type { H265ProfileTierLevel, H265SubLayerProfileLevel } from './internal/profile-tier-level.js';
export type { H265Timing } from './internal/vui.js';
export { parseH265Vps, type H265Vps } from './vps.js';
export { parseH265Sps, type H265Sps, type H265SubLayerOrdering } from './sps.js';
export {
  parseHvcC,
  serializeHvcC,
  hvcCFromParameterSets,
  type HvcC,
  type HvcCArray,
  type HvcCOptions,
} from './hvcc.js';
export { h265CodecString } from './codec-string.js';
export { groupH265AccessUnits, startsH265AccessUnit, isH265KeyFrame } from './access-unit.js';
export { annexBToHvcc, hvccToAnnexB } from './annexb.js';
export {
  H265Depacketizer,
  isH265AccessUnit,
  type H265AccessUnit,
  type H265DepacketizerEvent,
  type H265DepacketizerEventCode,
  type H265DepacketizerOutput,
  type H265DepacketizerOptions,
} from './rtp/depacketizer.js';
export { H265Packetizer } from './rtp/packetizer.js';
export { parseH265Pps, type H265Pps } from './pps.js';
export {
  parseH265SliceHeader,
  h265SlicePpsId,
  isH265FirstSliceSegment,
  type H265SliceHeader,
} from './slice.js';
export { H265DtsExtractor, type H265DtsExtractorOptions } from './dts-extractor.js';
