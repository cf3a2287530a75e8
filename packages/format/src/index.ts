export { FormatError, FormatErrorCode, FormatNoticeCode } from './errors.js';
export {
  type Format,
  type FormatCodec,
  type FormatToMediaOptions,
  formatOf,
  formatsOf,
  formatToMedia,
  fmtpOf,
  mediaTypeOf,
} from './format.js';
export {
  type CreatePacketizerOptions,
  type DepacketizerOf,
  type PacketizerOf,
  type TrackOf,
  createDepacketizer,
  createPacketizer,
  codecString,
  fmp4Track,
  withParameterSets,
} from './factories.js';
export { type H264Format, type H264FormatOptions, h264Format } from './h264.js';
export { type H265Format, type H265FormatOptions, h265Format } from './h265.js';
export { type Mpeg4AudioFormat, type Mpeg4AudioFormatOptions, mpeg4AudioFormat } from './mpeg4-audio.js';
export { type Mp4aLatmFormat, type Mp4aLatmFormatOptions, mp4aLatmFormat } from './mp4a-latm.js';
export { type G711Format, type G711FormatOptions, g711Format } from './g711.js';
export type { GenericFormat, FormatReason } from './generic.js';
export {
  PayloadDepacketizer,
  isPayloadUnit,
  type PayloadUnit,
  type PayloadDepacketizerEvent,
  type PayloadDepacketizerEventCode,
  type PayloadDepacketizerOutput,
} from './rtp/payload-depacketizer.js';
export { G711Packetizer, PayloadPacketizer, type PayloadPacketizerOptions } from './rtp/packetizers.js';
