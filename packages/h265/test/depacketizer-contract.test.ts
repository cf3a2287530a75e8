import { hex } from '@rtspkit/bytes';
import { rtpFramerCodes } from '@rtspkit/rtp';
import { type DepacketizerContractSubject, describeDepacketizerContract } from '@rtspkit/test-utils';
import { type H265AccessUnit, H265Depacketizer, H265ErrorCode, H265NoticeCode } from '../src/index.js';

const filler = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);

/** H.265 payloads (RFC 7798) for the contract table shared by every codec. */
const subject: DepacketizerContractSubject = {
  name: 'H265Depacketizer',
  create: () => new H265Depacketizer({ maxAccessUnitBytes: 64 }),
  codes: rtpFramerCodes('H265'),
  documentedCodes: new Set([...Object.values(H265ErrorCode), ...Object.values(H265NoticeCode)]),
  whole: hex`02 01 d0 08 77`, // TRAIL_R, first_slice_segment_in_pic_flag 1
  fragments: [hex`62 01 93 af 01 02`, hex`62 01 13 03 04`, hex`62 01 53 05 06`], // FU of an IDR_W_RADL
  continuation: hex`02 01 50 08`, // TRAIL_R, first_slice_segment_in_pic_flag 0
  oversized: [Uint8Array.of(0x02, 0x01, 0xd0, ...filler(37)), Uint8Array.of(0x4e, 0x01, ...filler(38))],
  bytesOf: (unit) => Uint8Array.from((unit as H265AccessUnit).nalUnits.flatMap((n) => [...n])),
  wholeBytes: hex`02 01 d0 08 77`,
  fragmentedBytes: hex`26 01 af 01 02 03 04 05 06`,
  lossDropsNextUnit: true,
};

describeDepacketizerContract(subject);
