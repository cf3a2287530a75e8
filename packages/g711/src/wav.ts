import { G711Error, G711ErrorCode } from './errors.js';
import type { G711Law } from './g711.js';

/** A G.711 WAV file: its law, format and the coded bytes (one byte per sample per channel). */
export type G711Wav = {
  readonly law: G711Law;
  readonly sampleRate: number;
  readonly channels: number;
  /** The `data` chunk, channels interleaved, whole sample frames only; aliases the input. */
  readonly data: Uint8Array;
};

/** `WAVE_FORMAT_ALAW` and `WAVE_FORMAT_MULAW` (RFC 2361 appendix A), and the extensible wrapper. */
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;

const invalid = (message: string, offset: number) => new G711Error(G711ErrorCode.InvalidWav, message, offset);

/**
 * Reads a RIFF/WAVE file holding G.711 audio (format tag 7 μ-law or 6 A-law, also inside
 * `WAVE_FORMAT_EXTENSIBLE`), 8 bits per sample. Other chunks (`fact`, `LIST`, …) are
 * skipped. Tolerant of writers that stream: a `data` size past the end of the file (or
 * 0xFFFFFFFF) is cut to the bytes present, and the RIFF size is not trusted. Anything else
 * malformed throws `G711Error` `ERR_G711_INVALID_WAV` with the byte offset.
 *
 * ```
 * "RIFF" size32le "WAVE"
 *   "fmt " size32le  formatTag16 channels16 sampleRate32 byteRate32 blockAlign16 bitsPerSample16 [cbSize16 …]
 *   "data" size32le  codes…            (every chunk padded to an even size)
 * ```
 *
 * @see Microsoft Multimedia Programming Interface and Data Specifications 1.0 (1991), RIFF WAVE; RFC 2361
 */
export function parseG711Wav(bytes: Uint8Array): G711Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag4 = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.length < 12) throw invalid(`file of ${bytes.length} bytes is too short for a RIFF header`, 0);
  if (tag4(0) !== 'RIFF') throw invalid('not a RIFF file', 0);
  if (tag4(8) !== 'WAVE') throw invalid('RIFF form is not WAVE', 8);
  let format: { law: G711Law; sampleRate: number; channels: number } | undefined;
  let at = 12;
  while (bytes.length - at >= 8) {
    const id = tag4(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    const available = bytes.length - body;
    if (id === 'fmt ') {
      if (size < 16 || size > available) throw invalid(`fmt chunk of ${size} bytes`, at);
      let formatTag = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE: cbSize, valid bits, channel mask, then a GUID that starts with the tag
      if (formatTag === FORMAT_EXTENSIBLE && size >= 40) formatTag = view.getUint16(body + 24, true);
      const law = formatTag === FORMAT_MULAW ? 'mulaw' : formatTag === FORMAT_ALAW ? 'alaw' : undefined;
      if (!law) {
        throw invalid(`format tag 0x${formatTag.toString(16).padStart(4, '0')} is not G.711 (6 A-law, 7 μ-law)`, body);
      }
      if (bits !== 8) throw invalid(`G.711 with ${bits} bits per sample (8 expected)`, body + 14);
      if (channels === 0 || sampleRate === 0) throw invalid(`${channels} channels at ${sampleRate} Hz`, body + 2);
      format = { law, sampleRate, channels };
    } else if (id === 'data') {
      if (!format) throw invalid('data chunk before the fmt chunk', at);
      const length = Math.min(size, available);
      return { ...format, data: bytes.subarray(body, body + length - (length % format.channels)) };
    } else if (size > available) {
      throw invalid(`${JSON.stringify(id)} chunk of ${size} bytes exceeds the file`, at);
    }
    at = body + size + (size & 1);
  }
  throw invalid(format ? 'no data chunk' : 'no fmt chunk', Math.min(at, bytes.length));
}
