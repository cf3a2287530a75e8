/**
 * The RFC 3640 fmtp parameters that shape an mpeg4-generic payload, with AAC defaults.
 * Lengths are in bits; 0 (or absent) means the field is not present.
 * @see RFC 3640 §4.1
 */
export type Mpeg4GenericParams = {
  /** Bits of AU-size: 13 for AAC-hbr, 6 for AAC-lbr. */
  readonly sizeLength: number;
  /** Bits of AU-Index (first AU header): 3 for AAC-hbr, 2 for AAC-lbr. */
  readonly indexLength: number;
  /** Bits of AU-Index-delta (next AU headers): 3 for AAC-hbr, 2 for AAC-lbr. */
  readonly indexDeltaLength: number;
  readonly ctsDeltaLength?: number;
  readonly dtsDeltaLength?: number;
  /** RAP-flag present in each AU header. */
  readonly randomAccessIndication?: boolean;
  /** Bits of Stream-state. */
  readonly streamStateIndication?: number;
  /** Bits of auxiliary-data-size; the auxiliary section is skipped. */
  readonly auxiliaryDataSizeLength?: number;
  /** Size of every AU in bytes, when sizes are not signalled per AU. */
  readonly constantSize?: number;
  /** Duration of every AU in RTP clock units (overrides `frameDuration`). */
  readonly constantDuration?: number;
  /** Samples per AU in RTP clock units: 1024 (960 with frameLengthFlag). Default 1024. */
  readonly frameDuration?: number;
};

/** AAC-hbr (RFC 3640 §3.3.6): 13/3/3. */
export const AAC_HBR = { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 } as const;
/** AAC-lbr (RFC 3640 §3.3.5): 6/2/2, AUs of at most 63 bytes, never fragmented. */
export const AAC_LBR = { sizeLength: 6, indexLength: 2, indexDeltaLength: 2 } as const;
