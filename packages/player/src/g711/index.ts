export { decodeG711, g711Table, type G711Law } from './g711.js';
export { parseG711Wav, type G711Wav } from './wav.js';
export {
  crc8,
  crc16,
  encodeFlacFrame,
  FLAC_MAX_BLOCK_SIZE,
  flacStreamHeader,
  flacStreamInfo,
  type FlacFormat,
} from './flac.js';
export { G711FlacTranscoder, type G711FlacOptions } from './transcoder.js';
