import { hex } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import { rtp } from './helpers.js';

const SPS = hex`67 42 c0 1e`;
const PPS = hex`68 ce 3c 80`;
const SEI = hex`06 05 01 aa 80`;
const IDR = hex`65 88 84 00 10 20 30 40 50 60`;
const P_SLICE = hex`41 9a 02 03`;

export const nals = { SPS, PPS, SEI, IDR, P_SLICE };

type Expected = { timestamp: number; nalUnits: Uint8Array[]; key: boolean };

/**
 * RTP packets → access units (and event codes). `packetize` cases also run the other way:
 * packetizing `accessUnits` with `mtu` gives exactly these packets (strict writer).
 */
export const depacketizeCases: ReadonlyArray<{
  name: string;
  packets: RtpPacket[];
  accessUnits: Expected[];
  events?: string[];
  /** Set when our packetizer writes exactly these packets for the access unit at this MTU. */
  packetizeMtu?: number;
}> = [
  {
    name: 'single nal unit packets (mode 0)',
    packets: [rtp(1, 3000, false, SPS), rtp(2, 3000, false, PPS), rtp(3, 3000, true, IDR)],
    accessUnits: [{ timestamp: 3000, nalUnits: [SPS, PPS, IDR], key: true }],
    packetizeMtu: 12 + 10, // room for the IDR alone, too small for SPS+PPS STAP-A? (1+2+4+2+4=13 > 10)
  },
  {
    name: 'stap-a with sps + pps, then idr',
    packets: [
      rtp(
        10,
        6000,
        false,
        hex`
          78          # STAP-A, NRI 3
          00 04  67 42 c0 1e   # sps
          00 04  68 ce 3c 80   # pps`,
      ),
      rtp(11, 6000, true, IDR),
    ],
    accessUnits: [{ timestamp: 6000, nalUnits: [SPS, PPS, IDR], key: true }],
    packetizeMtu: 12 + 13,
  },
  {
    name: 'stap-a with everything',
    packets: [
      rtp(
        20,
        9000,
        true,
        hex`
          78  00 04 67 42 c0 1e  00 04 68 ce 3c 80  00 05 06 05 01 aa 80
          00 0a 65 88 84 00 10 20 30 40 50 60`,
      ),
    ],
    accessUnits: [{ timestamp: 9000, nalUnits: [SPS, PPS, SEI, IDR], key: true }],
    packetizeMtu: 1500,
  },
  {
    name: 'fu-a in three fragments',
    packets: [
      rtp(30, 12000, false, hex`7c 85  88 84 00 10`), // FU indicator NRI 3 type 28; S, type 5
      rtp(31, 12000, false, hex`7c 05  20 30 40 50`),
      rtp(32, 12000, true, hex`7c 45  60`), // E
    ],
    accessUnits: [{ timestamp: 12000, nalUnits: [IDR], key: true }],
    packetizeMtu: 12 + 6,
  },
  {
    name: 'p slice, no key',
    packets: [rtp(40, 15000, true, P_SLICE)],
    accessUnits: [{ timestamp: 15000, nalUnits: [P_SLICE], key: false }],
    packetizeMtu: 1500,
  },
  {
    name: 'stap-b with don (interleaved mode)',
    packets: [rtp(50, 18000, true, hex`79  00 07  00 04 67 42 c0 1e  00 04 68 ce 3c 80  00 04 41 9a 02 03`)],
    accessUnits: [{ timestamp: 18000, nalUnits: [SPS, PPS, P_SLICE], key: false }],
  },
  {
    name: 'mtap16, units in arrival order, timestamp offsets ignored',
    packets: [
      rtp(
        60,
        21000,
        true,
        hex`
          7a  00 10       # MTAP16, DONB 16
          00 07  00  00 00  67 42 c0 1e   # size 7, DOND 0, TS offset 0, sps
          00 07  01  00 00  68 ce 3c 80   # pps
          00 07  02  0b b8  41 9a 02 03   # TS offset 3000, p slice`,
      ),
    ],
    accessUnits: [{ timestamp: 21000, nalUnits: [SPS, PPS, P_SLICE], key: false }],
  },
  {
    name: 'mtap24',
    packets: [rtp(70, 24000, true, hex`7b 00 01  00 08 00 00 00 00 41 9a 02 03`)],
    accessUnits: [{ timestamp: 24000, nalUnits: [P_SLICE], key: false }],
  },
  {
    name: 'fu-b first fragment, fu-a after',
    packets: [
      rtp(80, 27000, false, hex`7d 85 00 05  88 84 00 10 20`), // FU-B: DON 5
      rtp(81, 27000, true, hex`7c 45  30 40 50 60`),
    ],
    accessUnits: [{ timestamp: 27000, nalUnits: [IDR], key: true }],
  },
  {
    name: 'two access units, sequence wraps at 65535',
    packets: [rtp(65535, 30000, true, P_SLICE), rtp(0, 33000, true, P_SLICE)],
    accessUnits: [
      { timestamp: 30000, nalUnits: [P_SLICE], key: false },
      { timestamp: 33000, nalUnits: [P_SLICE], key: false },
    ],
  },
  {
    name: 'lost fragment drops the access unit',
    packets: [
      rtp(90, 36000, false, hex`7c 85 88 84 00 10`),
      rtp(92, 36000, true, hex`7c 45 60`),
      rtp(93, 39000, true, P_SLICE),
    ],
    accessUnits: [{ timestamp: 39000, nalUnits: [P_SLICE], key: false }],
    events: ['ERR_H264_FRAGMENT_LOST'],
  },
  {
    name: 'joined mid fragment (benign)',
    packets: [rtp(100, 42000, true, hex`7c 45 60`), rtp(101, 45000, true, P_SLICE)],
    accessUnits: [{ timestamp: 45000, nalUnits: [P_SLICE], key: false }],
    events: ['H264_JOINED_MID_ACCESS_UNIT'],
  },
  {
    name: 'joined at a second slice of a picture (benign)',
    packets: [rtp(110, 48000, true, hex`41 40 02`), rtp(111, 51000, true, P_SLICE)],
    accessUnits: [{ timestamp: 51000, nalUnits: [P_SLICE], key: false }],
    events: ['H264_JOINED_MID_ACCESS_UNIT'],
  },
  {
    name: 'truncated stap-a is reported and its access unit dropped',
    packets: [rtp(120, 54000, true, hex`78 00 09 67 42`), rtp(121, 57000, true, P_SLICE)],
    accessUnits: [{ timestamp: 57000, nalUnits: [P_SLICE], key: false }],
    events: ['ERR_H264_MALFORMED_PACKET'],
  },
  {
    name: 'late packet ignored (benign)',
    packets: [rtp(130, 60000, true, P_SLICE), rtp(129, 57000, true, P_SLICE), rtp(131, 63000, true, P_SLICE)],
    accessUnits: [
      { timestamp: 60000, nalUnits: [P_SLICE], key: false },
      { timestamp: 63000, nalUnits: [P_SLICE], key: false },
    ],
    events: ['H264_PACKET_OUT_OF_ORDER'],
  },
];

/** Deviations we accept on input (never produce), each named after a sender that does it. */
export const quirkCases: ReadonlyArray<{
  name: string;
  packets: RtpPacket[];
  accessUnits: Expected[];
  flush?: boolean;
}> = [
  {
    // live555's proxy server forwards without marker bits (ngraziano/SharpRTSP#57); the
    // access unit ends when the timestamp changes.
    name: 'live555 proxy: no marker bit, split on timestamp change',
    packets: [rtp(1, 3000, false, SPS), rtp(2, 3000, false, IDR), rtp(3, 6000, false, P_SLICE)],
    accessUnits: [
      { timestamp: 3000, nalUnits: [SPS, IDR], key: true },
      { timestamp: 6000, nalUnits: [P_SLICE], key: false },
    ],
    flush: true,
  },
  {
    // CostarHD cameras (bluenviron/gortsplib#649) and OpenIPC SSC378DE (scottlamb/retina#131)
    // send small NAL units as one FU-A with both S and E set.
    name: 'CostarHD: fu-a with start and end bits set',
    packets: [rtp(1, 3000, true, hex`5c c1 9a 02 03`)],
    accessUnits: [{ timestamp: 3000, nalUnits: [hex`41 9a 02 03`], key: false }],
  },
  {
    // Encoders whose byte stream is handed to the payloader unchanged put Annex-B start
    // codes in single NAL unit packets (uvgRTP#117: SPS+PPS+IDR of small intra frames in
    // one chunk; gortsplib strips them too, bluenviron/gortsplib#608).
    name: 'uvgRTP small intra frame: annex-b stream in a single nal unit packet',
    packets: [rtp(1, 3000, true, hex`00 00 00 01 67 42 c0 1e 00 00 00 01 68 ce 3c 80 00 00 01 65 88 84 00 10`)],
    accessUnits: [{ timestamp: 3000, nalUnits: [SPS, PPS, hex`65 88 84 00 10`], key: true }],
  },
  {
    name: 'annex-b start code after the first nal unit of a single nal unit packet',
    packets: [rtp(1, 3000, true, hex`67 42 c0 1e 00 00 00 01 68 ce 3c 80`)],
    accessUnits: [{ timestamp: 3000, nalUnits: [SPS, PPS], key: false }],
  },
  {
    // V380 cameras send SPS, PPS and IDR as one Annex-B stream inside an FU-A whose
    // header says SPS (scottlamb/retina#99).
    name: 'V380: annex-b stream inside fu-a',
    packets: [
      rtp(1, 3000, false, hex`7c 87  42 c0 1e 00 00 00 01 68 ce 3c 80 00 00 00 01 65 88`),
      rtp(2, 3000, true, hex`7c 47  84 00 10`),
    ],
    accessUnits: [{ timestamp: 3000, nalUnits: [SPS, PPS, hex`65 88 84 00 10`], key: true }],
  },
  {
    // Slices are not scanned for start codes (a conforming one holds none, H.264 §7.4.1, and
    // they carry nearly all the bytes): a broken one reaches the decoder as it was sent.
    name: 'a slice holding 00 00 01 passes unchanged (single nal unit packet)',
    packets: [rtp(1, 3000, true, hex`65 88 00 00 01 84`)],
    accessUnits: [{ timestamp: 3000, nalUnits: [hex`65 88 00 00 01 84`], key: true }],
  },
  {
    name: 'a slice holding 00 00 01 passes unchanged (fu-a)',
    packets: [rtp(1, 3000, false, hex`7c 85  88 00 00`), rtp(2, 3000, true, hex`7c 45  01 84`)],
    accessUnits: [{ timestamp: 3000, nalUnits: [hex`65 88 00 00 01 84`], key: true }],
  },
];
