import { type DepacketizerEvent, type RtpFramerOptions, isDepacketizerEvent } from '@rtspkit/rtp';
import type { AacErrorCode, AacNoticeCode } from '../errors.js';

/** One AAC access unit (a raw_data_block, no ADTS header) out of a depacketizer. */
export type AacAccessUnit = {
  /** Presentation time in RTP clock units (the sampling rate), 32-bit unsigned. */
  readonly timestamp: number;
  /** The raw AU. A view aliasing the packet when it came whole in one packet; else a copy. */
  readonly data: Uint8Array;
};

/** Codes of the AAC depacketizers' events: {@link AacErrorCode}s (data lost or refused) and benign {@link AacNoticeCode}s. */
export type AacDepacketizerEventCode = AacErrorCode | AacNoticeCode;

/**
 * Something a depacketizer noticed and handled instead of throwing: a lost, late or
 * malformed packet, a dropped unit, an SSRC change, a tolerated quirk.
 */
export type AacDepacketizerEvent = DepacketizerEvent<AacDepacketizerEventCode>;

/** True for an access unit, false for an event, in a depacketizer's output. */
export function isAacAccessUnit(item: AacAccessUnit | AacDepacketizerEvent): item is AacAccessUnit {
  return !isDepacketizerEvent(item);
}

/**
 * The framer options of both AAC depacketizers. Their payloads are self-delimiting (AU
 * headers with sizes, LATM length fields), so a sequence gap costs only the unit in
 * progress. `maxBytes` bounds what one AU (or AudioMuxElement) may collect; 64 KiB by default:
 * AAC allows at most 6144 bits per channel per frame, so that covers 85 channels.
 */
export function aacFramerOptions(maxBytes = 65536): RtpFramerOptions {
  return { maxUnitBytes: maxBytes, maxUnitParts: Number.MAX_SAFE_INTEGER, selfDelimiting: true };
}
