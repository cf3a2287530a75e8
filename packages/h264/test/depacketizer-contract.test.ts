import { hex } from '@rtspkit/bytes';
import { rtpFramerCodes } from '@rtspkit/rtp';
import { type DepacketizerContractSubject, describeDepacketizerContract } from '@rtspkit/test-utils';
import { type H264AccessUnit, H264Depacketizer, H264ErrorCode, H264NoticeCode } from '../src/index.js';

const filler = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);

/** H.264 payloads (RFC 6184) for the contract table shared by every codec. */
const subject: DepacketizerContractSubject = {
  name: 'H264Depacketizer',
  create: () => new H264Depacketizer({ maxAccessUnitBytes: 64 }),
  codes: rtpFramerCodes('H264'),
  documentedCodes: new Set([...Object.values(H264ErrorCode), ...Object.values(H264NoticeCode)]),
  whole: hex`41 9a 02 03`, // P slice, first_mb_in_slice 0
  fragments: [hex`7c 85 88 84`, hex`7c 05 00 10`, hex`7c 45 20 30`], // FU-A of an IDR slice
  continuation: hex`41 1a 02 03`, // P slice with first_mb_in_slice > 0
  oversized: [Uint8Array.of(0x41, 0x9a, ...filler(38)), Uint8Array.of(0x06, ...filler(39))],
  bytesOf: (unit) => Uint8Array.from((unit as H264AccessUnit).nalUnits.flatMap((n) => [...n])),
  wholeBytes: hex`41 9a 02 03`,
  fragmentedBytes: hex`65 88 84 00 10 20 30`,
  lossDropsNextUnit: true,
};

describeDepacketizerContract(subject);
