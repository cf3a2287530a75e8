/**
 * RFC 7798 payload layout constants shared by the depacketizer and the packetizer.
 *
 * Aggregation packet (§4.4.2), without and with DON:
 * ```
 * | PayloadHdr (Type=48) | NALU 1 Size (16) | NALU 1 HDR | NALU 1 Data | NALU 2 Size | ...
 * | PayloadHdr (Type=48) | NALU 1 DONL (16) | NALU 1 Size | NALU 1 ... | NALU 2 DOND (8) | NALU 2 Size | ...
 * ```
 * Fragmentation unit (§4.4.3); DONL only in the first fragment when DON is in use:
 * ```
 * | PayloadHdr (Type=49) | FU header |S|E|FuType(6)| | [DONL (16)] | FU payload ... |
 * ```
 * PACI packet (§4.4.4):
 * ```
 * | PayloadHdr (Type=50) |A| cType(6) | PHSsize(5) |F0|F1|F2|Y| | PHES (PHSsize bytes) | PACI payload ... |
 * ```
 */
export const PAYLOAD_HEADER_SIZE = 2;
/** FU header byte: start bit. */
export const FU_START = 0x80;
/** FU header byte: end bit. */
export const FU_END = 0x40;
/** Bytes of the PACI header fields after the payload header. */
export const PACI_FIELDS_SIZE = 2;
/** Size of a DONL field; DOND fields are 1 byte. */
export const DONL_SIZE = 2;
/** Size of each aggregation unit's NALU size field. */
export const AP_SIZE_FIELD = 2;
