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
