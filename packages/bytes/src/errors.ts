/**
 * Base class of every rtspkit codec error. Each package exports one subclass
 * (`RtspError`, `H264Error`, …) so callers can tell which layer refused the input.
 *
 * - `code` is stable and machine-readable (`ERR_BYTES_OUT_OF_RANGE`, …).
 * - `offset` is the byte offset in the input where parsing failed, when there is one. It is
 *   never repeated in `message`, so a message can be shown or wrapped as it is.
 * - `cause` is the dependency's error this one translates, when there is one (see
 *   {@link rethrowAs}).
 */
export class CodecError extends Error {
  readonly code: string;
  readonly offset: number | undefined;

  constructor(code: string, message: string, offset?: number, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.offset = offset;
  }
}

/** The error `@rtspkit/bytes` throws itself, when no other error factory is given. */
export class BytesError extends CodecError {}

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

/** One of the {@link BytesErrorCode} values. */
export type BytesErrorCodeValue = (typeof BytesErrorCode)[keyof typeof BytesErrorCode];

/**
 * Builds the error a reader throws. Codec packages pass their own, which maps each
 * `ERR_BYTES_*` code to one of the package's codes, so that untrusted input only ever
 * produces that package's error class with a code from its documented list.
 */
export type ErrorFactory = (code: BytesErrorCodeValue, message: string, offset: number) => Error;

export const defaultErrorFactory: ErrorFactory = (code, message, offset) => new BytesError(code, message, offset);

/**
 * The one way an rtspkit package hands on a dependency's failure: runs `run`, and if it
 * throws a {@link CodecError}, throws `translate(error)` instead (the package's own class,
 * with one of its own codes, the same `offset`, and the original as `cause`). Anything
 * that is not a `CodecError` (a bug) passes through untouched.
 *
 * @example
 * const head = rethrowAs(
 *   () => parseHttpHead(bytes),
 *   (e) => new HttpTunnelError(HttpTunnelErrorCode.BadHead, e.message, e.offset, { cause: e }),
 * );
 */
export function rethrowAs<T>(run: () => T, translate: (error: CodecError) => Error): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CodecError) throw translate(e);
    throw e;
  }
}
