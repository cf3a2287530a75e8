import { hex } from '../src/index.js';

/** Exp-Golomb codes (H.264 §9.1 table 9-2), MSB-first, padded with a stop bit for tests. */
export const expGolombCases: ReadonlyArray<{ name: string; bits: string; ue: number }> = [
  { name: 'zero', bits: '1', ue: 0 },
  { name: 'one', bits: '010', ue: 1 },
  { name: 'two', bits: '011', ue: 2 },
  { name: 'three', bits: '00100', ue: 3 },
  { name: 'six', bits: '00111', ue: 6 },
  { name: 'seven', bits: '0001000', ue: 7 },
  { name: '2^16-1', bits: `${'0'.repeat(16)}1${'0'.repeat(16)}`, ue: 65535 },
  { name: 'max 32-bit', bits: `${'0'.repeat(31)}1${'1'.repeat(31)}`, ue: 2 ** 32 - 2 },
];

/** Signed exp-Golomb mapping (H.264 table 9-3). */
export const signedCases: ReadonlyArray<{ codeNum: number; se: number }> = [
  { codeNum: 0, se: 0 },
  { codeNum: 1, se: 1 },
  { codeNum: 2, se: -1 },
  { codeNum: 3, se: 2 },
  { codeNum: 4, se: -2 },
  { codeNum: 9, se: 5 },
];

/** Annex-B streams and the NAL units they hold. */
export const annexBCases: ReadonlyArray<{ name: string; stream: Uint8Array; nals: Uint8Array[] }> = [
  {
    name: '4-byte start codes',
    stream: hex`00 00 00 01 67 42 c0 1e   00 00 00 01 68 ce 3c 80`,
    nals: [hex`67 42 c0 1e`, hex`68 ce 3c 80`],
  },
  {
    name: '3-byte start codes',
    stream: hex`00 00 01 65 88 84   00 00 01 41 9a`,
    nals: [hex`65 88 84`, hex`41 9a`],
  },
  {
    name: 'mixed, with trailing_zero_8bits',
    stream: hex`00 00 00 01 09 f0 00 00   00 00 01 06 05 00`,
    nals: [hex`09 f0`, hex`06 05`],
  },
  { name: 'bare nal without start code', stream: hex`65 88 84 00 10`, nals: [hex`65 88 84 00 10`] },
  { name: 'empty', stream: hex``, nals: [] },
];

/** NAL payload (escaped) ⇄ RBSP (H.264 §7.4.1). */
export const emulationCases: ReadonlyArray<{ name: string; nal: Uint8Array; rbsp: Uint8Array }> = [
  { name: 'nothing to remove', nal: hex`67 42 c0 1e`, rbsp: hex`67 42 c0 1e` },
  { name: '00 00 03 00', nal: hex`25 00 00 03 00 80`, rbsp: hex`25 00 00 00 80` },
  { name: '00 00 03 01', nal: hex`00 00 03 01`, rbsp: hex`00 00 01` },
  { name: 'two in a row', nal: hex`00 00 03 00 00 03 02`, rbsp: hex`00 00 00 00 02` },
  { name: '00 00 03 03', nal: hex`00 00 03 03 ff`, rbsp: hex`00 00 03 ff` },
];
