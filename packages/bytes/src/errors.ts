/**
 * Base class of every rtspkit codec error. Each package exports one subclass
 * (`RtspError`, `H264Error`, …) so callers can tell which layer refused the input.
 *
 * - `code` is stable and machine-readable (`ERR_BYTES_OUT_OF_RANGE`, …).
 * - `offset` is the byte offset in the input where parsing failed, when there is one.
 */
export class CodecError extends Error {
  readonly code: string;
  readonly offset: number | undefined;

  constructor(code: string, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = new.target.name;
    this.code = code;
    this.offset = offset;
  }
}

/** The error `@rtspkit/bytes` throws itself, when no other error factory is given. */
export class BytesError extends CodecError {}

/**
 * Builds the error a reader throws. Codec packages pass their own so that untrusted input
 * only ever produces that package's error class.
 */
export type ErrorFactory = (code: string, message: string, offset: number) => Error;

/** Error codes `@rtspkit/bytes` uses. */
export const BytesErrorCode = {
  /** A read ran past the end of the input. */
  OutOfRange: 'ERR_BYTES_OUT_OF_RANGE',
  /** An exp-Golomb code had more than 31 leading zero bits. */
  ExpGolombOverflow: 'ERR_BYTES_EXP_GOLOMB_OVERFLOW',
  /** A character outside the Base64 alphabet, or padding in the wrong place. */
  InvalidBase64: 'ERR_BYTES_INVALID_BASE64',
  /** A hex string with an odd number of digits or a non-hex character. */
  InvalidHex: 'ERR_BYTES_INVALID_HEX',
  /** A value does not fit the field it is written to. */
  ValueOutOfRange: 'ERR_BYTES_VALUE_OUT_OF_RANGE',
} as const;

export const defaultErrorFactory: ErrorFactory = (code, message, offset) => new BytesError(code, message, offset);
