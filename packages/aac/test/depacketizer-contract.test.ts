import { hex } from '@rtspkit/bytes';
import { rtpFramerCodes } from '@rtspkit/rtp';
import { type DepacketizerContractSubject, describeDepacketizerContract } from '@rtspkit/test-utils';
import {
  AAC_HBR,
  type AacAccessUnit,
  AacErrorCode,
  AacNoticeCode,
  LatmDepacketizer,
  Mpeg4GenericDepacketizer,
} from '../src/index.js';

const documentedCodes = new Set<string>([...Object.values(AacErrorCode), ...Object.values(AacNoticeCode)]);
const bytesOf = (unit: object) => (unit as AacAccessUnit).data;
const filler = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);

/** RFC 3640 AAC-hbr payloads: AU-headers-length 16, AU-size 13 bits, AU-Index 3 bits. */
const mpeg4Generic: DepacketizerContractSubject = {
  name: 'Mpeg4GenericDepacketizer',
  create: () => new Mpeg4GenericDepacketizer({ ...AAC_HBR, maxAccessUnitBytes: 16 }),
  codes: rtpFramerCodes('AAC'),
  documentedCodes,
  whole: hex`00 10 00 10 a1 a2`, // one AU of 2 bytes
  // one AU of 6 bytes in three fragments, each with the whole AU-size (§3.2.3)
  fragments: [hex`00 10 00 30 b1 b2`, hex`00 10 00 30 b3 b4`, hex`00 10 00 30 b5 b6`],
  continuation: hex`00 10 00 30 b5 b6`,
  oversized: [
    Uint8Array.of(0x00, 0x10, 0x00, 0xa0, ...filler(10)),
    Uint8Array.of(0x00, 0x10, 0x00, 0xa0, ...filler(10)),
  ],
  bytesOf,
  wholeBytes: hex`a1 a2`,
  fragmentedBytes: hex`b1 b2 b3 b4 b5 b6`,
  lossDropsNextUnit: false,
};

/** RFC 6416 payloads with cpresent=0 (AAC-LC 48 kHz stereo): one AudioMuxElement per unit. */
const latm: DepacketizerContractSubject = {
  name: 'LatmDepacketizer',
  create: () => new LatmDepacketizer({ cpresent: false, config: hex`40 00 23 20 3f c0`, maxAudioMuxElementBytes: 16 }),
  codes: rtpFramerCodes('AAC'),
  documentedCodes,
  whole: hex`02 a1 a2`,
  fragments: [hex`06 b1 b2`, hex`b3 b4`, hex`b5 b6`],
  continuation: hex`b5 b6`, // a tail: PayloadLengthInfo 0xb5 does not fit
  oversized: [Uint8Array.of(0x14, ...filler(10)), filler(10)],
  bytesOf,
  wholeBytes: hex`a1 a2`,
  fragmentedBytes: hex`b1 b2 b3 b4 b5 b6`,
  lossDropsNextUnit: false,
};

describeDepacketizerContract(mpeg4Generic);
describeDepacketizerContract(latm);
