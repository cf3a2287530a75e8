export { SdpError, SdpErrorCode, type SdpErrorCodeValue } from './errors.js';
export { SdpQuirkCode, type SdpQuirk, type SdpQuirkCodeValue } from './quirks.js';
export type { Sdp, SdpAttribute, SdpBandwidth, SdpConnection, SdpMedia, SdpOrigin, SdpTiming } from './types.js';
export {
  parseSdp,
  parseSdpBytes,
  parseSdpWithQuirks,
  defaultSdpLimits,
  type ParseSdpOptions,
  type SdpParseResult,
} from './parse.js';
export { serializeSdp } from './serialize.js';
export {
  attributeValue,
  attributeValues,
  controlOf,
  directionOf,
  framerateOf,
  rangeOf,
  type SdpDirection,
} from './attributes.js';
export {
  parseRtpmap,
  parseFmtp,
  parseFmtpParameters,
  serializeRtpmap,
  serializeFmtp,
  fmtpValue,
  mediaFormats,
  STATIC_PAYLOAD_TYPES,
  type Rtpmap,
  type Fmtp,
  type FmtpParameter,
  type MediaFormat,
} from './rtpmap.js';
export { h264Parameters, type H264Parameters } from './h264.js';
export { h265Parameters, type H265Parameters } from './h265.js';
export {
  mpeg4GenericParameters,
  mp4aLatmParameters,
  type Mpeg4GenericParameters,
  type Mp4aLatmParameters,
} from './aac.js';
export {
  buildSession,
  buildH264Media,
  buildH265Media,
  buildMpeg4GenericMedia,
  buildMp4aLatmMedia,
  type BuildSessionOptions,
  type BuildH264MediaOptions,
  type BuildH265MediaOptions,
  type BuildMpeg4GenericMediaOptions,
  type BuildMp4aLatmMediaOptions,
} from './build.js';
