import { rtpPacket } from '@rtspkit/test-utils';
import type { RtpPacket } from '../src/index.js';

/** `rtpPacket` of test-utils by sequence number `seq` (mod 2^16), timestamp `ts` and SSRC. */
export const packet = (seq: number, ts = 0, ssrc = 1): RtpPacket =>
  rtpPacket({ sequenceNumber: seq, timestamp: ts, ssrc });

export const seqs = (packets: readonly RtpPacket[]) => packets.map((p) => p.sequenceNumber);
