import type { RtpFramerOptions } from './framer.js';
import type { RtpPacket } from './packet-types.js';

/**
 * Something a depacketizer noticed and handled: a lost, late or malformed packet, a dropped
 * unit, an SSRC change. `code` belongs to the codec package that reports it; codes that start
 * with `ERR_` mean data was lost or refused, the others are benign (normal network life, such
 * as joining a stream mid unit).
 */
export type DepacketizerEvent<Code extends string = string> = {
  readonly code: Code;
  readonly message: string;
  /** Sequence number of the packet that revealed the condition. */
  readonly sequenceNumber: number;
  /** RTP timestamp of the unit (or packet) concerned. */
  readonly timestamp: number;
};

/**
 * One access unit of a NAL unit video codec (H.264, H.265): one coded picture with its
 * parameter sets and SEI, in decode order, NAL units without start codes or length prefixes.
 */
export type VideoAccessUnit = {
  /** RTP timestamp (90 kHz, unsigned 32-bit): the presentation time. */
  readonly timestamp: number;
  readonly nalUnits: readonly Uint8Array[];
  /** True when the access unit is a random access point (H.264 IDR, H.265 IRAP). */
  readonly key: boolean;
};

/** Tells an access unit from an event in a video depacketizer's output. */
export function isVideoAccessUnit<Code extends string>(
  item: VideoAccessUnit | DepacketizerEvent<Code>,
): item is VideoAccessUnit {
  return !('code' in item);
}

/** The limits of a video depacketizer (H.264, H.265), which bound its memory on any input. */
export type VideoDepacketizerLimits = {
  /** Largest access unit kept, in NAL unit bytes. Default 16 MiB: an 8K intra frame at high quality fits. */
  readonly maxAccessUnitBytes?: number;
  /** Most NAL units in one access unit. Default 2048: 8K with one slice per macroblock row (H.264) or 600 slice segments (H.265) plus SEI fits. */
  readonly maxNalUnits?: number;
};

/** The framer options of a video depacketizer: its limits, with their defaults. */
export function videoFramerOptions(limits: VideoDepacketizerLimits): RtpFramerOptions {
  return {
    maxUnitBytes: limits.maxAccessUnitBytes ?? 16 * 1024 * 1024,
    maxUnitParts: limits.maxNalUnits ?? 2048,
  };
}

/**
 * RTP packets of one stream → the units of a payload format (H.264/H.265 access units, AAC
 * access units), in order, with {@link DepacketizerEvent}s next to them.
 *
 * - `push` takes one packet and returns what it completed. It never throws on input:
 *   malformed, lost, late, duplicated and oversized packets come out as events.
 * - `flush` ends the unit in progress, for a sender that never sets the marker bit and has
 *   stopped; it returns the unit if complete.
 * - `reset` forgets all state, as if newly constructed.
 *
 * Units alias the packets' payloads where a payload format allows it (see each codec):
 * keep the packets' buffers alive and unmodified while units are in use.
 */
export type Depacketizer<Unit, Code extends string = string> = {
  push(packet: RtpPacket): Array<Unit | DepacketizerEvent<Code>>;
  flush(): Array<Unit | DepacketizerEvent<Code>>;
  reset(): void;
};

/** True for an event, false for a unit, in a {@link Depacketizer}'s output (units never carry `code`). */
export function isDepacketizerEvent<Unit extends object, Code extends string>(
  item: Unit | DepacketizerEvent<Code>,
): item is DepacketizerEvent<Code> {
  return 'code' in item;
}
