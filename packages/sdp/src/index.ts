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
export { buildSession, type BuildSessionOptions } from './build.js';
