export type { RtpPacket, RtpHeaderExtension } from './packet-types.js';
export { RtpError, RtpErrorCode, type RtpErrorCodeValue } from './errors.js';
export { parseRtpPacket, serializeRtpPacket, serializeRtpPacketInto, rtpPacketSize } from './packet.js';
export {
  parseHeaderExtensionElements,
  serializeHeaderExtensionElements,
  ONE_BYTE_PROFILE,
  TWO_BYTE_PROFILE,
  type HeaderExtensionElement,
  type HeaderExtensionForm,
} from './header-extension.js';
export {
  type RtcpPacket,
  type RtcpSenderReport,
  type RtcpReceiverReport,
  type RtcpReportBlock,
  type RtcpSourceDescription,
  type RtcpSdesChunk,
  type RtcpSdesItem,
  type RtcpGoodbye,
  type RtcpApplication,
  type RtcpUnknown,
  RtcpPacketType,
  SdesItemType,
} from './rtcp/types.js';
export { parseRtcpCompound, type RtcpParseOptions } from './rtcp/parse.js';
export { serializeRtcpCompound } from './rtcp/serialize.js';
export { SequenceUnwrapper, TimestampUnwrapper } from './unwrap.js';
export {
  ReorderBuffer,
  type ReorderBufferOptions,
  type ReorderBufferStats,
} from './reorder-buffer.js';
export { ReceptionStats, type ReceptionStatsOptions } from './reception-stats.js';
export {
  ntpToUnixMs,
  unixMsToNtp,
  ntpToCompact,
  compactNtpToMs,
  msToCompactNtp,
  NTP_UNIX_OFFSET_SECONDS,
} from './ntp.js';
export { WallClock } from './wall-clock.js';
export { RtpSequencer, type RtpSequencerOptions } from './sequencer.js';
export { type RtpPacketizerOptions, rtpPayloadBudget, RTP_HEADER_BYTES } from './packetizer-options.js';
export {
  type Depacketizer,
  type DepacketizerEvent,
  type VideoAccessUnit,
  type VideoDepacketizerLimits,
  isDepacketizerEvent,
  isVideoAccessUnit,
  videoFramerOptions,
} from './depacketizer.js';
export {
  RtpFramer,
  RtpDepacketizer,
  rtpFramerCodes,
  rtpFramerErrorCodes,
  rtpNoticeCodes,
  type RtpFramerCode,
  type RtpFramerCodes,
  type RtpFramerOptions,
  type RtpPayloadReader,
} from './framer.js';
