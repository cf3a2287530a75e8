/**
 * One reception report block, in SR and RR packets (RFC 3550 §6.4.1).
 *
 * ```
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * ```
 * @see RFC 3550 §6.4.1
 */
export type RtcpReportBlock = {
  readonly ssrc: number;
  /** Fraction lost since the previous report, as a fixed point number with 8 fraction bits (0..255). */
  readonly fractionLost: number;
  /** Cumulative packets lost, signed 24-bit (negative when duplicates outnumber losses). */
  readonly cumulativeLost: number;
  /** Extended highest sequence number received (cycles << 16 | highest). */
  readonly highestSequence: number;
  /** Interarrival jitter in RTP timestamp units. */
  readonly jitter: number;
  /** Middle 32 bits of the NTP timestamp of the last SR from this source (0 when none). */
  readonly lastSr: number;
  /** Delay since that SR, in units of 1/65536 second (0 when none). */
  readonly delaySinceLastSr: number;
};

/**
 * Sender report, packet type 200 (RFC 3550 §6.4.1).
 *
 * ```
 * |V=2|P|    RC   |   PT=SR=200   |             length            | header
 * |                         SSRC of sender                        |
 * |              NTP timestamp, most significant word             | sender
 * |             NTP timestamp, least significant word             | info
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * |                     report blocks (RC × 24 bytes)             |
 * |                  profile-specific extensions                  |
 * ```
 * @see RFC 3550 §6.4.1
 */
export type RtcpSenderReport = {
  readonly type: 'sr';
  readonly ssrc: number;
  /** 64-bit NTP timestamp (seconds since 1900 in the high 32 bits, fraction in the low 32). */
  readonly ntpTimestamp: bigint;
  readonly rtpTimestamp: number;
  readonly packetCount: number;
  readonly octetCount: number;
  readonly reports: readonly RtcpReportBlock[];
  /** Profile-specific extension after the report blocks, when present (aliases the input). */
  readonly extension?: Uint8Array;
  /** Bytes of padding (P bit), only on the last packet of a compound. */
  readonly paddingLength?: number;
};

/**
 * Receiver report, packet type 201 (RFC 3550 §6.4.2): the SR layout without sender info.
 *
 * @see RFC 3550 §6.4.2
 */
export type RtcpReceiverReport = {
  readonly type: 'rr';
  readonly ssrc: number;
  readonly reports: readonly RtcpReportBlock[];
  readonly extension?: Uint8Array;
  readonly paddingLength?: number;
};

/** Known SDES item types (RFC 3550 §6.5). */
export const SdesItemType = {
  Cname: 1,
  Name: 2,
  Email: 3,
  Phone: 4,
  Loc: 5,
  Tool: 6,
  Note: 7,
  Priv: 8,
} as const;

/** One SDES item: type and UTF-8 text (PRIV items keep their prefix length byte in `text`). */
export type RtcpSdesItem = { readonly type: number; readonly text: string };

/** One SDES chunk: a source and its items. */
export type RtcpSdesChunk = { readonly ssrc: number; readonly items: readonly RtcpSdesItem[] };

/**
 * Source description, packet type 202 (RFC 3550 §6.5).
 *
 * ```
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * |                          SSRC/CSRC_1                          | chunk 1
 * |    type=1     |    length     | text...  (items, then 1..4 null octets to a 32-bit boundary)
 * ```
 * @see RFC 3550 §6.5
 */
export type RtcpSourceDescription = {
  readonly type: 'sdes';
  readonly chunks: readonly RtcpSdesChunk[];
  readonly paddingLength?: number;
};

/**
 * Goodbye, packet type 203 (RFC 3550 §6.6).
 *
 * ```
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * |                           SSRC/CSRC                           | × SC
 * |     length    |               reason for leaving            ... (optional)
 * ```
 * @see RFC 3550 §6.6
 */
export type RtcpGoodbye = {
  readonly type: 'bye';
  readonly ssrcs: readonly number[];
  readonly reason?: string;
  readonly paddingLength?: number;
};

/**
 * Application-defined, packet type 204 (RFC 3550 §6.7).
 *
 * ```
 * |V=2|P| subtype |   PT=APP=204  |             length            |
 * |                           SSRC/CSRC                           |
 * |                          name (ASCII)                         |
 * |                   application-dependent data                ...
 * ```
 * @see RFC 3550 §6.7
 */
export type RtcpApplication = {
  readonly type: 'app';
  /** 5-bit subtype. */
  readonly subtype: number;
  readonly ssrc: number;
  /** Four ASCII characters. */
  readonly name: string;
  /** A multiple of 4 bytes, aliasing the input. */
  readonly data: Uint8Array;
  readonly paddingLength?: number;
};

/**
 * Any other packet type (RTPFB 205, PSFB 206, XR 207, …), preserved raw so it re-serializes
 * byte-identically.
 */
export type RtcpUnknown = {
  readonly type: 'unknown';
  readonly packetType: number;
  /** The 5-bit count/format field of the header. */
  readonly count: number;
  /** Everything after the 4-byte header, without padding (aliases the input). */
  readonly body: Uint8Array;
  readonly paddingLength?: number;
};

/** One packet of a compound RTCP packet. */
export type RtcpPacket =
  | RtcpSenderReport
  | RtcpReceiverReport
  | RtcpSourceDescription
  | RtcpGoodbye
  | RtcpApplication
  | RtcpUnknown;

/** RTCP packet type numbers (RFC 3550 §12.1). */
export const RtcpPacketType = { SR: 200, RR: 201, SDES: 202, BYE: 203, APP: 204 } as const;
