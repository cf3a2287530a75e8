export { decodeG711, g711Table, type G711Law } from './g711.js';
export { parseG711Wav, type G711Wav } from './wav.js';
export { G711Error, G711ErrorCode } from './errors.js';
