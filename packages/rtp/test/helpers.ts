import type { RtpPacket } from '../src/index.js';

const NO_CSRCS: readonly number[] = [];
const EMPTY = new Uint8Array(0);

/** A minimal RTP packet with sequence number `seq` (mod 2^16) and timestamp `ts`. */
export function packet(seq: number, ts = 0, ssrc = 1): RtpPacket {
  return {
    marker: false,
    payloadType: 96,
    sequenceNumber: seq & 0xffff,
    timestamp: ts >>> 0,
    ssrc,
    csrcs: NO_CSRCS,
    payload: EMPTY,
    paddingLength: 0,
  };
}

export const seqs = (packets: readonly RtpPacket[]) => packets.map((p) => p.sequenceNumber);
