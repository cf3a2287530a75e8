export { AacError, AacErrorCode, AacNoticeCode } from './errors.js';
export { SAMPLING_FREQUENCIES, samplingFrequencyIndexOf } from './sampling.js';
export type { ProgramConfigElement, PceChannelElement, PceCouplingElement } from './program-config.js';
export {
  type AudioSpecificConfig,
  parseAudioSpecificConfig,
  serializeAudioSpecificConfig,
  aacCodecString,
} from './asc.js';
export {
  type AdtsHeader,
  type AdtsFrame,
  type AdtsHeaderInit,
  type SplitAdtsOptions,
  type AdtsFrameInit,
  parseAdtsHeader,
  splitAdts,
  serializeAdtsHeader,
  serializeAdtsFrame,
  adtsCrc,
  ascFromAdtsHeader,
} from './adts.js';
export {
  type StreamMuxConfig,
  type ParseStreamMuxConfigOptions,
  parseStreamMuxConfig,
  serializeStreamMuxConfig,
  streamMuxConfigFromAsc,
} from './stream-mux-config.js';
export {
  type AacAccessUnit,
  type AacDepacketizerEvent,
  type AacDepacketizerEventCode,
  isAacAccessUnit,
} from './rtp/types.js';
export { type Mpeg4GenericParams, AAC_HBR, AAC_LBR } from './rtp/mpeg4-generic-params.js';
export {
  Mpeg4GenericDepacketizer,
  type Mpeg4GenericDepacketizerOptions,
} from './rtp/mpeg4-generic-depacketizer.js';
export { Mpeg4GenericPacketizer, type Mpeg4GenericPacketizerOptions } from './rtp/mpeg4-generic-packetizer.js';
export { LatmDepacketizer, type LatmDepacketizerOptions } from './rtp/latm-depacketizer.js';
export { LatmPacketizer, type LatmPacketizerOptions } from './rtp/latm-packetizer.js';
export { audioProfileLevelId } from './profile-level.js';
