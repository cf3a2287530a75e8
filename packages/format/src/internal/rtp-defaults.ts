/**
 * Largest RTP packet a packetizer makes when no `mtu` is given: 1500 bytes of Ethernet
 * minus IPv6 (40), UDP (8) and room for RTSP interleaving (4) and TLS records.
 */
export const DEFAULT_MTU = 1400;
