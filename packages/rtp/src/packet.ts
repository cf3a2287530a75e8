import { ByteSlab } from '@rtspkit/bytes';
import { RtpError, RtpErrorCode } from './errors.js';
import type { RtpHeaderExtension, RtpPacket } from './packet-types.js';

/** Fixed RTP header size in bytes (RFC 3550 §5.1). */
const HEADER_SIZE = 12;
/** Shared by every packet without contributing sources, so parsing allocates no array. */
const NO_CSRCS: readonly number[] = Object.freeze([]);
/** Where {@link serializeRtpPacket} takes its arrays: one ArrayBuffer per packet costs more than the packet. */
const slab = new ByteSlab();

/**
 * Parses one RTP packet (RFC 3550 §5.1).
 *
 * Zero copy: `payload` and `extension.data` are views aliasing `bytes`; copy what you keep
 * past the buffer's lifetime. `bytes` is never mutated. The hot path allocates only the
 * result (plus the CSRC array when CC > 0) and creates no `DataView`.
 *
 * Checks: version 2, the CSRC list and header extension fit, and when the P bit is set the
 * last byte is a padding count between 1 and the bytes after the header (RFC 3550 §5.1,
 * A.1). Anything else throws {@link RtpError}.
 *
 * @see RFC 3550 §5.1, §5.3.1
 */
export function parseRtpPacket(bytes: Uint8Array): RtpPacket {
  const length = bytes.length;
  if (length < HEADER_SIZE) {
    throw new RtpError(RtpErrorCode.Truncated, `rtp packet of ${length} bytes is shorter than the 12-byte header`, 0);
  }
  const b0 = bytes[0] as number;
  if (b0 >>> 6 !== 2) throw new RtpError(RtpErrorCode.BadVersion, `rtp version ${b0 >>> 6}, expected 2`, 0);
  const b1 = bytes[1] as number;
  const sequenceNumber = ((bytes[2] as number) << 8) | (bytes[3] as number);
  const timestamp =
    (bytes[4] as number) * 0x1000000 +
    (((bytes[5] as number) << 16) | ((bytes[6] as number) << 8) | (bytes[7] as number));
  const ssrc =
    (bytes[8] as number) * 0x1000000 +
    (((bytes[9] as number) << 16) | ((bytes[10] as number) << 8) | (bytes[11] as number));

  let offset = HEADER_SIZE;
  let csrcs = NO_CSRCS;
  const cc = b0 & 0x0f;
  if (cc !== 0) {
    offset += cc * 4;
    if (offset > length) {
      throw new RtpError(RtpErrorCode.Truncated, `${cc} csrcs need ${offset} bytes but the packet has ${length}`, 12);
    }
    const list = new Array<number>(cc);
    for (let i = 0, o = HEADER_SIZE; i < cc; i++, o += 4) {
      list[i] =
        (bytes[o] as number) * 0x1000000 +
        (((bytes[o + 1] as number) << 16) | ((bytes[o + 2] as number) << 8) | (bytes[o + 3] as number));
    }
    csrcs = list;
  }

  let extension: RtpHeaderExtension | undefined;
  if ((b0 & 0x10) !== 0) {
    if (offset + 4 > length) {
      throw new RtpError(RtpErrorCode.Truncated, 'header extension header does not fit the packet', offset);
    }
    const profile = ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
    const words = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    const start = offset + 4;
    offset = start + words * 4;
    if (offset > length) {
      throw new RtpError(
        RtpErrorCode.Truncated,
        `header extension of ${words * 4} bytes exceeds remaining ${length - start} bytes`,
        start - 4,
      );
    }
    extension = { profile, data: bytes.subarray(start, offset) };
  }

  let end = length;
  let paddingLength = 0;
  if ((b0 & 0x20) !== 0) {
    paddingLength = bytes[length - 1] as number;
    if (paddingLength === 0 || paddingLength > length - offset) {
      throw new RtpError(
        RtpErrorCode.BadPadding,
        `padding count ${paddingLength} is not within 1..${length - offset}`,
        length - 1,
      );
    }
    end = length - paddingLength;
  }

  const marker = (b1 & 0x80) !== 0;
  const payloadType = b1 & 0x7f;
  const payload = bytes.subarray(offset, end);
  return extension === undefined
    ? { marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, payload, paddingLength }
    : { marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension, payload, paddingLength };
}

/**
 * Bytes {@link serializeRtpPacket} writes for `packet`: header, CSRCs, extension, payload
 * and padding.
 *
 * @see RFC 3550 §5.1
 */
export function rtpPacketSize(packet: RtpPacket): number {
  const ext = packet.extension;
  return (
    HEADER_SIZE +
    packet.csrcs.length * 4 +
    (ext === undefined ? 0 : 4 + ext.data.length) +
    packet.payload.length +
    packet.paddingLength
  );
}

/**
 * Serializes `packet` into a new array of {@link rtpPacketSize} bytes.
 *
 * Packets up to 8 KiB share a 64 KiB `ArrayBuffer` with others, as Node's pooled `Buffer`s
 * do (see `ByteSlab` in @rtspkit/bytes): send the array itself (sockets and WebSockets
 * honour `byteOffset`), never its bare `.buffer`; `slice()` a packet kept for long. Use
 * {@link serializeRtpPacketInto} to write into a buffer of your own.
 *
 * Padding is written as zero bytes ending with the count (RFC 3550 §5.1). Throws
 * {@link RtpError} `ERR_RTP_INVALID_VALUE` when a field does not fit.
 *
 * @see RFC 3550 §5.1
 */
export function serializeRtpPacket(packet: RtpPacket): Uint8Array {
  const out = slab.alloc(rtpPacketSize(packet));
  serializeRtpPacketInto(packet, out, 0);
  return out;
}

/**
 * Writes `packet` into `target` at `offset` and returns the number of bytes written, for
 * senders that reuse one buffer (or an interleaved frame) per packet. Throws
 * {@link RtpError} `ERR_RTP_INVALID_VALUE` when a field does not fit or `target` is too short.
 *
 * @see RFC 3550 §5.1
 */
export function serializeRtpPacketInto(packet: RtpPacket, target: Uint8Array, offset: number): number {
  const { payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension, payload, paddingLength } = packet;
  const cc = csrcs.length;
  const size =
    HEADER_SIZE + cc * 4 + (extension === undefined ? 0 : 4 + extension.data.length) + payload.length + paddingLength;
  validate(packet, cc);
  if (offset < 0 || offset + size > target.length) {
    throw new RtpError(
      RtpErrorCode.InvalidValue,
      `rtp packet of ${size} bytes does not fit the target at offset ${offset} (length ${target.length})`,
    );
  }
  let o = offset;
  target[o] = 0x80 | (paddingLength !== 0 ? 0x20 : 0) | (extension !== undefined ? 0x10 : 0) | cc;
  target[o + 1] = (packet.marker ? 0x80 : 0) | payloadType;
  target[o + 2] = sequenceNumber >>> 8;
  target[o + 3] = sequenceNumber;
  target[o + 4] = timestamp >>> 24;
  target[o + 5] = timestamp >>> 16;
  target[o + 6] = timestamp >>> 8;
  target[o + 7] = timestamp;
  target[o + 8] = ssrc >>> 24;
  target[o + 9] = ssrc >>> 16;
  target[o + 10] = ssrc >>> 8;
  target[o + 11] = ssrc;
  o += HEADER_SIZE;
  for (let i = 0; i < cc; i++, o += 4) {
    const c = csrcs[i] as number;
    target[o] = c >>> 24;
    target[o + 1] = c >>> 16;
    target[o + 2] = c >>> 8;
    target[o + 3] = c;
  }
  if (extension !== undefined) {
    const { profile, data } = extension;
    const words = data.length >>> 2;
    target[o] = profile >>> 8;
    target[o + 1] = profile;
    target[o + 2] = words >>> 8;
    target[o + 3] = words;
    target.set(data, o + 4);
    o += 4 + data.length;
  }
  target.set(payload, o);
  o += payload.length;
  if (paddingLength !== 0) {
    target.fill(0, o, o + paddingLength - 1);
    o += paddingLength;
    target[o - 1] = paddingLength;
  }
  return o - offset;
}

function validate(packet: RtpPacket, cc: number): void {
  const { payloadType, sequenceNumber, timestamp, ssrc, extension, paddingLength } = packet;
  // One combined range test keeps the common (valid) case to a single branch.
  if (
    (payloadType & 0x7f) !== payloadType ||
    (sequenceNumber & 0xffff) !== sequenceNumber ||
    timestamp >>> 0 !== timestamp ||
    ssrc >>> 0 !== ssrc ||
    (paddingLength & 0xff) !== paddingLength ||
    cc > 15
  ) {
    throw new RtpError(
      RtpErrorCode.InvalidValue,
      `rtp header field out of range (pt ${payloadType}, seq ${sequenceNumber}, ts ${timestamp}, ssrc ${ssrc}, padding ${paddingLength}, ${cc} csrcs)`,
    );
  }
  if (cc !== 0) {
    for (const c of packet.csrcs) {
      if (c >>> 0 !== c) throw new RtpError(RtpErrorCode.InvalidValue, `csrc ${c} is not an unsigned 32-bit value`);
    }
  }
  if (extension !== undefined) {
    const n = extension.data.length;
    if ((extension.profile & 0xffff) !== extension.profile || (n & 3) !== 0 || n > 0xffff * 4) {
      throw new RtpError(
        RtpErrorCode.InvalidValue,
        `header extension profile ${extension.profile} with ${n} data bytes (needs 16 bits and a multiple of 4 up to 262140)`,
      );
    }
  }
}
