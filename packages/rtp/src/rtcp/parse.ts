import { ByteReader } from '@rtspkit/bytes';
import { RtpError, RtpErrorCode, rtpErrorFactory } from '../errors.js';
import {
  type RtcpPacket,
  RtcpPacketType,
  type RtcpReportBlock,
  type RtcpSdesChunk,
  type RtcpSdesItem,
} from './types.js';

/** Options of {@link parseRtcpCompound}. */
export type RtcpParseOptions = {
  /**
   * Accept compounds that break RFC 3550 §6.1 / A.2 in ways real peers do (default false):
   * - a first packet that is not SR or RR: reduced-size RTCP (RFC 5506, Chromium with
   *   `a=rtcp-rsize` sends a lone PLI or NACK) and a lone BYE;
   * - the P bit on a packet that is not the last one.
   * Version, length and content errors are refused in both modes.
   */
  readonly tolerant?: boolean;
};

const utf8 = new TextDecoder();

/**
 * Parses a compound RTCP packet (one UDP datagram or interleaved frame) into its packets.
 *
 * Strict by default, as RFC 3550 A.2 validates: every packet has version 2, the first is SR
 * or RR, only the last may carry padding, and the length fields add up to the datagram.
 * Unknown packet types are kept raw. Views (`extension`, APP `data`, unknown `body`) alias
 * `bytes`, which is never mutated. Throws {@link RtpError}.
 *
 * @see RFC 3550 §6.1, §6.4–6.7, A.2
 */
export function parseRtcpCompound(bytes: Uint8Array, options: RtcpParseOptions = {}): RtcpPacket[] {
  const tolerant = options.tolerant ?? false;
  if (bytes.length === 0) throw new RtpError(RtpErrorCode.Empty, 'empty rtcp datagram', 0);
  const packets: RtcpPacket[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (bytes.length - o < 4) {
      throw new RtpError(RtpErrorCode.BadRtcpLength, `${bytes.length - o} bytes left, too few for an rtcp header`, o);
    }
    const b0 = bytes[o] as number;
    if (b0 >>> 6 !== 2) throw new RtpError(RtpErrorCode.BadVersion, `rtcp version ${b0 >>> 6}, expected 2`, o);
    const packetType = bytes[o + 1] as number;
    const length = ((((bytes[o + 2] as number) << 8) | (bytes[o + 3] as number)) + 1) * 4;
    const end = o + length;
    if (end > bytes.length) {
      throw new RtpError(
        RtpErrorCode.BadRtcpLength,
        `rtcp packet type ${packetType} of ${length} bytes exceeds remaining ${bytes.length - o} bytes`,
        o,
      );
    }
    if (o === 0 && packetType !== RtcpPacketType.SR && packetType !== RtcpPacketType.RR && !tolerant) {
      throw new RtpError(
        RtpErrorCode.RtcpFirstNotReport,
        `compound rtcp starts with packet type ${packetType}, not sr or rr`,
        0,
      );
    }
    let paddingLength = 0;
    if ((b0 & 0x20) !== 0) {
      if (end !== bytes.length && !tolerant) {
        throw new RtpError(
          RtpErrorCode.RtcpPaddingNotLast,
          `padding on rtcp packet type ${packetType} before the last`,
          o,
        );
      }
      paddingLength = bytes[end - 1] as number;
      if (paddingLength === 0 || paddingLength > length - 4) {
        throw new RtpError(
          RtpErrorCode.BadPadding,
          `rtcp padding count ${paddingLength} is not within 1..${length - 4}`,
          end - 1,
        );
      }
    }
    packets.push(parseOne(bytes, o, end - paddingLength, b0 & 0x1f, packetType, paddingLength));
    o = end;
  }
  return packets;
}

function parseOne(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  packetType: number,
  paddingLength: number,
): RtcpPacket {
  const r = new ByteReader(bytes.subarray(0, end), start + 4, rtpErrorFactory);
  const padding = paddingLength === 0 ? {} : { paddingLength };
  switch (packetType) {
    case RtcpPacketType.SR: {
      const ssrc = r.u32();
      const ntpTimestamp = r.u64();
      const rtpTimestamp = r.u32();
      const packetCount = r.u32();
      const octetCount = r.u32();
      const reports = readReports(r, count);
      const ext = r.rest();
      return {
        type: 'sr',
        ssrc,
        ntpTimestamp,
        rtpTimestamp,
        packetCount,
        octetCount,
        reports,
        ...(ext.length > 0 ? { extension: ext } : {}),
        ...padding,
      };
    }
    case RtcpPacketType.RR: {
      const ssrc = r.u32();
      const reports = readReports(r, count);
      const ext = r.rest();
      return { type: 'rr', ssrc, reports, ...(ext.length > 0 ? { extension: ext } : {}), ...padding };
    }
    case RtcpPacketType.SDES: {
      const chunks: RtcpSdesChunk[] = [];
      for (let i = 0; i < count; i++) chunks.push(readChunk(r, start));
      expectEnd(r, 'sdes');
      return { type: 'sdes', chunks, ...padding };
    }
    case RtcpPacketType.BYE: {
      const ssrcs: number[] = [];
      for (let i = 0; i < count; i++) ssrcs.push(r.u32());
      if (r.remaining === 0) return { type: 'bye', ssrcs, ...padding };
      const reason = utf8.decode(r.bytesView(r.u8()));
      skipToWord(r, start, 'bye reason');
      expectEnd(r, 'bye');
      return { type: 'bye', ssrcs, reason, ...padding };
    }
    case RtcpPacketType.APP: {
      const ssrc = r.u32();
      const nameBytes = r.bytesView(4);
      const name = String.fromCharCode(...nameBytes);
      return { type: 'app', subtype: count, ssrc, name, data: r.rest(), ...padding };
    }
    default:
      return { type: 'unknown', packetType, count, body: r.rest(), ...padding };
  }
}

function readReports(r: ByteReader, count: number): RtcpReportBlock[] {
  r.need(count * 24, `${count} report blocks`);
  const reports: RtcpReportBlock[] = [];
  for (let i = 0; i < count; i++) {
    const ssrc = r.u32();
    const fractionLost = r.u8();
    const lost = r.u24();
    reports.push({
      ssrc,
      fractionLost,
      // 24-bit two's complement
      cumulativeLost: lost & 0x800000 ? lost - 0x1000000 : lost,
      highestSequence: r.u32(),
      jitter: r.u32(),
      lastSr: r.u32(),
      delaySinceLastSr: r.u32(),
    });
  }
  return reports;
}

function readChunk(r: ByteReader, packetStart: number): RtcpSdesChunk {
  const ssrc = r.u32();
  const items: RtcpSdesItem[] = [];
  for (;;) {
    if (r.remaining === 0) {
      throw new RtpError(RtpErrorCode.BadRtcp, `sdes chunk of ssrc ${ssrc} has no terminating null item`, r.offset);
    }
    const type = r.u8();
    if (type === 0) break;
    const text = utf8.decode(r.bytesView(r.u8()));
    items.push({ type, text });
  }
  skipToWord(r, packetStart, 'sdes chunk');
  return { ssrc, items };
}

/** Skips the null octets up to the next 32-bit boundary of the packet. */
function skipToWord(r: ByteReader, packetStart: number, what: string): void {
  while ((r.offset - packetStart) % 4 !== 0) {
    const at = r.offset;
    if (r.u8() !== 0) throw new RtpError(RtpErrorCode.BadRtcp, `non-zero octet in ${what} padding`, at);
  }
}

function expectEnd(r: ByteReader, what: string): void {
  if (r.remaining !== 0) {
    throw new RtpError(RtpErrorCode.BadRtcp, `${r.remaining} unexpected bytes after ${what} content`, r.offset);
  }
}
