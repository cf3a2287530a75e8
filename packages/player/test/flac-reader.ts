import { crc8, crc16 } from '../src/index.js';

/**
 * Reads back one FLAC frame of VERBATIM 16-bit subframes, checking both CRCs: enough of a
 * FLAC decoder (RFC 9639 §9) to test the encoder byte by byte; FFmpeg decodes the rest.
 */
export function decodeVerbatimFrame(
  frame: Uint8Array,
  sampleRate: number,
): { firstSample: number; channels: number; samples: Int16Array } {
  if (frame[0] !== 0xff || frame[1] !== 0xf9) throw new Error('no variable-block-size sync code');
  const sizeCode = frame[2]! >> 4;
  const rateCode = frame[2]! & 0x0f;
  const channels = (frame[3]! >> 4) + 1;
  if (((frame[3]! >> 1) & 7) !== 4) throw new Error('sample size is not 16 bits');
  let o = 4;
  const lead = frame[o]!;
  let extra = 0;
  while (lead & (0x80 >> extra)) extra++;
  let firstSample = extra === 0 ? lead : lead & (0xff >> (extra + 1));
  if (extra === 1 || extra > 7) throw new Error('bad coded number');
  o++;
  for (let k = 1; k < extra; k++, o++) firstSample = firstSample * 64 + (frame[o]! & 0x3f);
  let blockSize: number;
  if (sizeCode === 6) blockSize = frame[o++]! + 1;
  else if (sizeCode === 7) blockSize = ((frame[o++]! << 8) | frame[o++]!) + 1;
  else throw new Error(`block size code ${sizeCode}`);
  if (rateCode === 12) {
    if (frame[o++]! * 1000 !== sampleRate) throw new Error('sample rate in kHz');
  } else if (rateCode === 13 || rateCode === 14) {
    const v = (frame[o++]! << 8) | frame[o++]!;
    if (v * (rateCode === 14 ? 10 : 1) !== sampleRate) throw new Error('sample rate in Hz');
  }
  if (crc8(frame, 0, o) !== frame[o]) throw new Error('header CRC-8');
  o++;
  const samples = new Int16Array(blockSize * channels);
  for (let ch = 0; ch < channels; ch++) {
    if (frame[o++] !== 0x02) throw new Error('not a VERBATIM subframe');
    for (let i = 0; i < blockSize; i++, o += 2) samples[i * channels + ch] = ((frame[o]! << 24) >> 16) | frame[o + 1]!;
  }
  if (o + 2 !== frame.length || crc16(frame) !== 0) throw new Error('frame CRC-16 or length');
  return { firstSample, channels, samples };
}
