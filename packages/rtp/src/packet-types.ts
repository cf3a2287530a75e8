/**
 * RTP header extension as carried on the wire (RFC 3550 §5.3.1): the 16-bit profile-defined
 * value and the extension data (a multiple of 4 bytes, aliasing the packet).
 */
export type RtpHeaderExtension = {
  readonly profile: number;
  readonly data: Uint8Array;
};

/**
 * One RTP packet (RFC 3550 §5.1). `payload` aliases the parsed bytes (zero copy).
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * @see RFC 3550 §5.1
 */
export type RtpPacket = {
  readonly marker: boolean;
  /** 7-bit payload type. */
  readonly payloadType: number;
  /** 16-bit sequence number. */
  readonly sequenceNumber: number;
  /** 32-bit media timestamp, unsigned. */
  readonly timestamp: number;
  /** 32-bit synchronization source, unsigned. */
  readonly ssrc: number;
  /** Contributing sources, unsigned 32-bit each (at most 15). */
  readonly csrcs: readonly number[];
  /** Present when the X bit is set. */
  readonly extension?: RtpHeaderExtension;
  readonly payload: Uint8Array;
  /** Bytes of padding after the payload (P bit; 0 when unset). */
  readonly paddingLength: number;
};
