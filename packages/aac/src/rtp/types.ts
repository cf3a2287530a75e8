import type { AacErrorCode } from '../errors.js';

/** One AAC access unit (a raw_data_block, no ADTS header) out of a depacketizer. */
export type AacAccessUnit = {
  /** Presentation time in RTP clock units (the sampling rate), 32-bit unsigned. */
  readonly timestamp: number;
  /** The raw AU. A view aliasing the packet when it came whole in one packet; else a copy. */
  readonly data: Uint8Array;
};

/**
 * A benign condition a depacketizer reports instead of throwing (the unit concerned is
 * dropped, or was repaired as the code says).
 */
export type AacDepacketizerEvent = {
  readonly event: AacErrorCode;
  readonly message: string;
  /** Sequence number of the packet that revealed the condition. */
  readonly sequenceNumber: number;
};

/** True for an access unit, false for an event, in a depacketizer's output. */
export function isAacAccessUnit(item: AacAccessUnit | AacDepacketizerEvent): item is AacAccessUnit {
  return 'data' in item;
}
