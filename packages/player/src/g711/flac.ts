import { PlayerError, PlayerErrorCode } from '../errors.js';

/**
 * FLAC with VERBATIM subframes only: every sample written as is, so no encoder is needed
 * and the bytes are exactly the PCM plus a few header bytes per frame. It is how the
 * player carries G.711 (decoded to 16-bit PCM) in fragmented MP4, which browsers play
 * through Media Source Extensions, while no browser plays G.711 from MP4.
 *
 * @see RFC 9639 (FLAC) §8.2 STREAMINFO, §9.1 frame header, §9.2.5 verbatim subframe, §9.3 frame footer
 */
export type FlacFormat = {
  /** 1 to 655 350 Hz. */
  readonly sampleRate: number;
  /** 1 to 8, interleaved in the input. */
  readonly channels: number;
};

/** FLAC frames hold at most 65 535 samples per channel (a 16-bit block size − 1). */
export const FLAC_MAX_BLOCK_SIZE = 65535;

/** Frame header sample rate codes that need no extra bytes (RFC 9639 §9.1.2). */
const RATE_CODES: ReadonlyMap<number, number> = new Map([
  [88200, 1],
  [176400, 2],
  [192000, 3],
  [8000, 4],
  [16000, 5],
  [22050, 6],
  [24000, 7],
  [32000, 8],
  [44100, 9],
  [48000, 10],
  [96000, 11],
]);

function checkFormat(f: FlacFormat): void {
  if (!Number.isInteger(f.sampleRate) || f.sampleRate < 1 || f.sampleRate > 655350) {
    throw new PlayerError(PlayerErrorCode.InvalidAudio, `FLAC cannot carry a sample rate of ${f.sampleRate} Hz`);
  }
  if (!Number.isInteger(f.channels) || f.channels < 1 || f.channels > 8) {
    throw new PlayerError(PlayerErrorCode.InvalidAudio, `FLAC cannot carry ${f.channels} channels`);
  }
}

/**
 * The STREAMINFO metadata block, flagged as the last one, as the `dfLa` box and a native
 * FLAC stream hold it after `fLaC`: 16-bit samples, block sizes 16 to 65 535 (frames follow
 * the RTP packets), frame sizes, total samples and MD5 unknown (0).
 *
 * ```
 * last(1)=1 type(7)=0 length(24)=34
 * min block(16) max block(16) min frame(24) max frame(24)
 * sample rate(20) channels−1(3) bits−1(5) total samples(36)  MD5(128)
 * ```
 */
export function flacStreamInfo(format: FlacFormat): Uint8Array {
  checkFormat(format);
  const out = new Uint8Array(4 + 34);
  out.set([0x80, 0, 0, 34]);
  const view = new DataView(out.buffer);
  view.setUint16(4, 16);
  view.setUint16(6, FLAC_MAX_BLOCK_SIZE);
  const sr = format.sampleRate;
  const bps = 16 - 1;
  out[14] = sr >>> 12;
  out[15] = (sr >>> 4) & 0xff;
  out[16] = ((sr & 0x0f) << 4) | ((format.channels - 1) << 1) | (bps >>> 4);
  out[17] = (bps & 0x0f) << 4;
  return out;
}

/** A native FLAC stream head: `fLaC` then the STREAMINFO block (frames follow). */
export function flacStreamHeader(format: FlacFormat): Uint8Array {
  const info = flacStreamInfo(format);
  const out = new Uint8Array(4 + info.length);
  out.set([0x66, 0x4c, 0x61, 0x43]);
  out.set(info, 4);
  return out;
}

/**
 * One FLAC frame of 16-bit samples (interleaved by channel) in VERBATIM subframes, with
 * the variable block size strategy, so each frame may hold as many samples as one RTP
 * packet; `firstSample` is the index of its first sample in the stream (coded in the
 * header in FLAC's UTF-8-like form, up to 36 bits).
 */
export function encodeFlacFrame(format: FlacFormat, samples: Int16Array, firstSample: number): Uint8Array {
  checkFormat(format);
  const channels = format.channels;
  const blockSize = samples.length / channels;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > FLAC_MAX_BLOCK_SIZE) {
    throw new PlayerError(
      PlayerErrorCode.InvalidAudio,
      `a FLAC frame holds 1 to ${FLAC_MAX_BLOCK_SIZE} whole samples per channel, not ${samples.length} values for ${channels} channels`,
    );
  }
  if (!Number.isInteger(firstSample) || firstSample < 0 || firstSample >= 2 ** 36) {
    throw new PlayerError(PlayerErrorCode.InvalidAudio, `FLAC sample number ${firstSample} does not fit 36 bits`);
  }
  const out = new Uint8Array(16 + channels * (1 + 2 * blockSize) + 2);
  let o = 0;
  out[o++] = 0xff;
  out[o++] = 0xf9; // sync code 0b11111111111110, reserved 0, blocking strategy 1 (variable)
  const sizeCode = blockSize <= 256 ? 6 : 7; // block size − 1 in 8 or 16 bits at the header's end
  let rateCode = RATE_CODES.get(format.sampleRate);
  let rateBytes = 0;
  if (rateCode === undefined) {
    if (format.sampleRate % 1000 === 0 && format.sampleRate <= 255_000) [rateCode, rateBytes] = [12, 1];
    else if (format.sampleRate <= 65535) [rateCode, rateBytes] = [13, 2];
    else if (format.sampleRate % 10 === 0) [rateCode, rateBytes] = [14, 2];
    else rateCode = 0; // from STREAMINFO
  }
  out[o++] = (sizeCode << 4) | rateCode;
  out[o++] = ((channels - 1) << 4) | (4 << 1); // independent channels, sample size code 4 = 16 bits
  o = writeCodedNumber(out, o, firstSample);
  if (sizeCode === 6) out[o++] = blockSize - 1;
  else {
    out[o++] = (blockSize - 1) >>> 8;
    out[o++] = (blockSize - 1) & 0xff;
  }
  const rateValue =
    rateCode === 12 ? format.sampleRate / 1000 : rateCode === 14 ? format.sampleRate / 10 : format.sampleRate;
  if (rateBytes === 1) out[o++] = rateValue;
  else if (rateBytes === 2) {
    out[o++] = rateValue >>> 8;
    out[o++] = rateValue & 0xff;
  }
  out[o] = crc8(out, 0, o);
  o++;
  for (let ch = 0; ch < channels; ch++) {
    out[o++] = 0x02; // zero bit, type 000001 = VERBATIM, no wasted bits
    for (let i = ch; i < samples.length; i += channels) {
      const v = samples[i]!;
      out[o++] = (v >> 8) & 0xff;
      out[o++] = v & 0xff;
    }
  }
  const crc = crc16(out, 0, o);
  out[o++] = crc >>> 8;
  out[o++] = crc & 0xff;
  return out.subarray(0, o);
}

/** FLAC's coded number: UTF-8's scheme extended to 36 bits (RFC 9639 §9.1.5). */
function writeCodedNumber(out: Uint8Array, at: number, value: number): number {
  if (value < 0x80) {
    out[at] = value;
    return at + 1;
  }
  let continuation = 1;
  while (value >= 2 ** (6 * continuation + (6 - continuation))) continuation++;
  // first byte: continuation+1 leading ones, a zero, then the top bits
  const top = Math.floor(value / 2 ** (6 * continuation));
  out[at] = ((0xff00 >> (continuation + 1)) & 0xff) | top;
  for (let k = continuation - 1, i = 1; k >= 0; k--, i++)
    out[at + i] = 0x80 | (Math.floor(value / 2 ** (6 * k)) & 0x3f);
  return at + 1 + continuation;
}

let crc8Table: Uint8Array | undefined;
let crc16Table: Uint16Array | undefined;

/** CRC-8, polynomial x^8 + x^2 + x + 1 (0x07), initial 0: the frame header's (RFC 9639 §9.1.8). */
export function crc8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crc8Table) {
    crc8Table = new Uint8Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
      crc8Table[n] = c;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) crc = crc8Table[crc ^ bytes[i]!]!;
  return crc;
}

/** CRC-16, polynomial x^16 + x^15 + x^2 + 1 (0x8005), initial 0: the frame footer's (RFC 9639 §9.3). */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crc16Table) {
    crc16Table = new Uint16Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n << 8;
      for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
      crc16Table[n] = c;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ crc16Table[(crc >>> 8) ^ bytes[i]!]!;
  return crc;
}
