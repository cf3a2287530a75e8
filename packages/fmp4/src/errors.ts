import { CodecError, type ErrorFactory } from '@rtspkit/bytes';

/** Stable codes of {@link Fmp4Error}. */
export const Fmp4ErrorCode = {
  /** A box header reads a size smaller than the header itself. */
  BoxTooSmall: 'ERR_FMP4_BOX_TOO_SMALL',
  /** A box claims more bytes than its parent (or the input) holds. */
  BoxOverrun: 'ERR_FMP4_BOX_OVERRUN',
  /** A box body ended before one of its fields. */
  Truncated: 'ERR_FMP4_TRUNCATED',
  /** Boxes nested deeper than `maxDepth`. */
  TooDeep: 'ERR_FMP4_TOO_DEEP',
  /** A track description the writer cannot encode (duplicate id, bad timescale, size…). */
  InvalidTrack: 'ERR_FMP4_INVALID_TRACK',
  /** `push` named a track id the muxer was not given. */
  UnknownTrack: 'ERR_FMP4_UNKNOWN_TRACK',
  /** A sample with a non-finite or negative timestamp, or too large to write. */
  InvalidSample: 'ERR_FMP4_INVALID_SAMPLE',
  /** `push` after `finish()` on a recorder. */
  Finished: 'ERR_FMP4_FINISHED',
  /** Benign: video samples before the first key frame were dropped (not decodable). */
  DroppedBeforeKeyFrame: 'ERR_FMP4_DROPPED_BEFORE_KEY_FRAME',
  /** Benign: a timestamp went backwards or jumped; the track continued after its previous sample. */
  Discontinuity: 'ERR_FMP4_DISCONTINUITY',
  /** Benign: a fragment was cut early because it reached `maxFragmentSamples`. */
  FragmentForced: 'ERR_FMP4_FRAGMENT_FORCED',
} as const;

/** One of {@link Fmp4ErrorCode}. */
export type Fmp4ErrorCode = (typeof Fmp4ErrorCode)[keyof typeof Fmp4ErrorCode];

/**
 * The only error `@rtspkit/fmp4` throws: malformed boxes handed to `inspectBoxes`, and
 * track or sample descriptions the muxer cannot write. `offset` is the byte offset in the
 * inspected input, when there is one. Benign conditions reported through `onWarning` are
 * instances of this class too.
 *
 * @see ISO/IEC 14496-12 §4.2 (box structure)
 */
export class Fmp4Error extends CodecError {}

/** Error factory handed to `ByteReader`: its out-of-range failures become `ERR_FMP4_TRUNCATED`. */
export const fmp4ErrorFactory: ErrorFactory = (_code, message, offset) =>
  new Fmp4Error(Fmp4ErrorCode.Truncated, message, offset);
