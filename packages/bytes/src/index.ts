export {
  CodecError,
  BytesError,
  BytesErrorCode,
  type BytesErrorCodeValue,
  type ErrorFactory,
  rethrowAs,
} from './errors.js';
export { ByteReader } from './byte-reader.js';
export { ByteWriter } from './byte-writer.js';
export { BitReader } from './bit-reader.js';
export { BitWriter } from './bit-writer.js';
export { hex, fromHex, toHex } from './hex.js';
export { concat, concatList, equals, toAscii, fromAscii } from './concat.js';
export { encodeUtf8, decodeUtf8, decodeUtf8Strict, trimBlanks } from './text.js';
export { toBase64, fromBase64 } from './base64.js';
export {
  splitAnnexB,
  joinAnnexB,
  hasStartCode,
  splitLengthPrefixed,
  joinLengthPrefixed,
  removeEmulationPrevention,
  addEmulationPrevention,
} from './nal-stream.js';
export { ByteSlab } from './slab.js';
export { FragmentAssembler } from './fragments.js';
export { readSampleAspectRatio } from './aspect-ratio.js';
