import { ByteWriter } from '@rtspkit/bytes';
import { RtpError, RtpErrorCode } from '../errors.js';
import { type RtcpPacket, RtcpPacketType, type RtcpReportBlock } from './types.js';

const utf8 = new TextEncoder();

/**
 * Serializes RTCP packets into one compound packet. Strict: counts must fit 5 bits, text
 * 255 bytes, report and APP fields their widths, and padding is allowed on the last packet
 * only, written as zeros ending with the count (RFC 3550 §6.4.1). The first-packet rule is
 * left to the caller so reduced-size RTCP (RFC 5506) can be written too. Throws
 * {@link RtpError} `ERR_RTP_INVALID_VALUE`.
 *
 * @see RFC 3550 §6.1, §6.4–6.7
 */
export function serializeRtcpCompound(packets: readonly RtcpPacket[]): Uint8Array {
  const w = new ByteWriter();
  packets.forEach((p, i) => {
    const padding = p.paddingLength ?? 0;
    if (padding !== 0 && i !== packets.length - 1) {
      throw new RtpError(RtpErrorCode.InvalidValue, `padding on rtcp packet ${i} of ${packets.length}, not the last`);
    }
    const start = w.length;
    w.u32(0); // header, patched below
    const { count, packetType } = writeBody(w, p);
    check(padding, 0, 255, 'rtcp padding');
    if ((w.length - start + padding) % 4 !== 0) {
      throw new RtpError(
        RtpErrorCode.InvalidValue,
        `rtcp packet type ${packetType} of ${w.length - start} bytes plus padding ${padding} is not a multiple of 4`,
      );
    }
    if (padding !== 0) w.fill(padding - 1).u8(padding);
    const words = (w.length - start) / 4 - 1;
    check(words, 0, 0xffff, 'rtcp length');
    w.patchU32(start, ((0x80 | (padding !== 0 ? 0x20 : 0) | count) << 24) | (packetType << 16) | words);
  });
  return w.finish().slice();
}

function writeBody(w: ByteWriter, p: RtcpPacket): { count: number; packetType: number } {
  switch (p.type) {
    case 'sr':
      check(p.reports.length, 0, 31, 'report count');
      w.u32(u32(p.ssrc, 'ssrc'));
      if (p.ntpTimestamp < 0n || p.ntpTimestamp > 0xffffffffffffffffn) {
        throw new RtpError(RtpErrorCode.InvalidValue, `ntp timestamp ${p.ntpTimestamp} does not fit 64 bits`);
      }
      w.u64(p.ntpTimestamp);
      w.u32(u32(p.rtpTimestamp, 'rtp timestamp')).u32(u32(p.packetCount, 'packet count'));
      w.u32(u32(p.octetCount, 'octet count'));
      writeReports(w, p.reports);
      writeExtension(w, p.extension);
      return { count: p.reports.length, packetType: RtcpPacketType.SR };
    case 'rr':
      check(p.reports.length, 0, 31, 'report count');
      w.u32(u32(p.ssrc, 'ssrc'));
      writeReports(w, p.reports);
      writeExtension(w, p.extension);
      return { count: p.reports.length, packetType: RtcpPacketType.RR };
    case 'sdes': {
      check(p.chunks.length, 0, 31, 'sdes chunk count');
      for (const chunk of p.chunks) {
        const chunkStart = w.length;
        w.u32(u32(chunk.ssrc, 'ssrc'));
        for (const item of chunk.items) {
          w.u8(check(item.type, 1, 255, 'sdes item type'));
          writeText(w, item.text, 'sdes item');
        }
        // The null item, then null octets to the next 32-bit boundary.
        w.fill(4 - ((w.length - chunkStart) % 4));
      }
      return { count: p.chunks.length, packetType: RtcpPacketType.SDES };
    }
    case 'bye': {
      check(p.ssrcs.length, 0, 31, 'bye source count');
      for (const ssrc of p.ssrcs) w.u32(u32(ssrc, 'ssrc'));
      if (p.reason !== undefined) {
        const reasonStart = w.length;
        writeText(w, p.reason, 'bye reason');
        w.fill((4 - ((w.length - reasonStart) % 4)) % 4);
      }
      return { count: p.ssrcs.length, packetType: RtcpPacketType.BYE };
    }
    case 'app':
      check(p.subtype, 0, 31, 'app subtype');
      if (!/^[\x20-\x7e]{4}$/.test(p.name)) {
        throw new RtpError(RtpErrorCode.InvalidValue, `app name "${p.name}" is not 4 printable ascii characters`);
      }
      w.u32(u32(p.ssrc, 'ssrc')).ascii(p.name).bytes(p.data);
      return { count: p.subtype, packetType: RtcpPacketType.APP };
    case 'unknown':
      check(p.count, 0, 31, 'rtcp count');
      check(p.packetType, 0, 255, 'rtcp packet type');
      w.bytes(p.body);
      return { count: p.count, packetType: p.packetType };
  }
}

function writeReports(w: ByteWriter, reports: readonly RtcpReportBlock[]): void {
  for (const b of reports) {
    w.u32(u32(b.ssrc, 'ssrc'));
    w.u8(check(b.fractionLost, 0, 255, 'fraction lost'));
    w.u24(check(b.cumulativeLost, -0x800000, 0x7fffff, 'cumulative lost') & 0xffffff);
    w.u32(u32(b.highestSequence, 'highest sequence')).u32(u32(b.jitter, 'jitter'));
    w.u32(u32(b.lastSr, 'lsr')).u32(u32(b.delaySinceLastSr, 'dlsr'));
  }
}

function writeExtension(w: ByteWriter, ext: Uint8Array | undefined): void {
  if (ext === undefined) return;
  if (ext.length % 4 !== 0) {
    throw new RtpError(RtpErrorCode.InvalidValue, `report extension of ${ext.length} bytes is not a multiple of 4`);
  }
  w.bytes(ext);
}

function writeText(w: ByteWriter, text: string, what: string): void {
  const bytes = utf8.encode(text);
  check(bytes.length, 0, 255, `${what} length`);
  w.u8(bytes.length).bytes(bytes);
}

function check(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RtpError(RtpErrorCode.InvalidValue, `${what} ${value} is not within ${min}..${max}`);
  }
  return value;
}

function u32(value: number, what: string): number {
  return check(value, 0, 0xffffffff, what);
}
