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
