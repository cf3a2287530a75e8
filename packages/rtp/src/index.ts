export type { RtpPacket, RtpHeaderExtension } from './packet-types.js';
