export { H264Error, H264ErrorCode, H264NoticeCode } from './errors.js';
export {
  H264NalUnitType,
  type H264NalHeader,
  parseH264NalHeader,
  h264NalUnitType,
  isH264VclNalUnitType,
  isH264KeyFrame,
} from './nal.js';
export { parseH264Sps, type H264Sps, type H264Timing } from './sps.js';
export { parseH264Pps, type H264Pps } from './pps.js';
export { parseH264SliceHeader, h264FirstMbInSlice, h264SlicePpsId, type H264SliceHeader } from './slice.js';
export { parseAvcC, serializeAvcC, avcCFromParameterSets, type AvcC, type AvcCExtension } from './avcc.js';
export { h264CodecString } from './codec-string.js';
export { groupH264AccessUnits, startsH264AccessUnit } from './access-unit.js';
export { annexBToAvcc, avccToAnnexB } from './annexb.js';
export {
  H264Depacketizer,
  isH264AccessUnit,
  type H264AccessUnit,
  type H264DepacketizerEvent,
  type H264DepacketizerEventCode,
  type H264DepacketizerOutput,
  type H264DepacketizerOptions,
} from './rtp/depacketizer.js';
export { H264Packetizer } from './rtp/packetizer.js';
export { H264DtsExtractor, type H264DtsExtractorOptions } from './dts-extractor.js';
