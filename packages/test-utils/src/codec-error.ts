/**
 * What a test expects of a `CodecError` (the base class in `@rtspkit/bytes` of every
 * package's error: `RtspError`, `H264Error`, …).
 */
export type ExpectedCodecError<E extends Error> = {
  /** The stable error code, e.g. `ERR_H264_TRUNCATED_NAL`. */
  readonly code: string;
  /** The byte offset the error reports; checked only when given (`undefined` means "none"). */
  readonly offset?: number | undefined;
  /** The package's subclass the error must be, e.g. `H264Error`. */
  readonly type?: abstract new (
    ...args: never[]
  ) => E;
};

/** The fields every `CodecError` has. */
export type CodecErrorShape = Error & { readonly code: string; readonly offset: number | undefined };

// test-utils cannot import @rtspkit/bytes (bytes's own tests use test-utils, and the package
// graph must stay acyclic), so a CodecError is recognised by its class chain.
function isCodecError(e: unknown): e is CodecErrorShape {
  if (!(e instanceof Error)) return false;
  for (let proto = Object.getPrototypeOf(e); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'CodecError') return true;
  }
  return false;
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const offset = (e as { offset?: unknown }).offset;
    return `${e.name}${code === undefined ? '' : ` ${String(code)}`}${offset === undefined ? '' : ` at byte ${String(offset)}`}: ${e.message}`;
  }
  return `a non-error value ${String(e)}`;
}

/**
 * Runs `fn`, which must throw a `CodecError` (any subclass, or `expected.type` when given)
 * with `expected.code` and, when given, `expected.offset`. Returns the error for further
 * checks; fails with a message naming what was expected and what happened otherwise.
 *
 * @example
 * expectCodecError(() => parseSps(hex`67`), { code: 'ERR_H264_TRUNCATED', offset: 1, type: H264Error });
 */
export function expectCodecError<E extends Error = CodecErrorShape>(
  fn: () => unknown,
  expected: ExpectedCodecError<E>,
): E & CodecErrorShape {
  const want = `${expected.type?.name ?? 'a CodecError'} ${expected.code}${'offset' in expected ? ` at byte ${String(expected.offset)}` : ''}`;
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if (!isCodecError(e)) throw new Error(`expected ${want}, got ${describe(e)}`, { cause: e });
    if (expected.type !== undefined && !(e instanceof expected.type)) {
      throw new Error(`expected ${want}, got ${describe(e)}`, { cause: e });
    }
    if (e.code !== expected.code || ('offset' in expected && e.offset !== expected.offset)) {
      throw new Error(`expected ${want}, got ${describe(e)}`, { cause: e });
    }
    return e as E & CodecErrorShape;
  }
  if (result instanceof Promise) throw new Error(`expected ${want}, but the function returned a promise`);
  throw new Error(`expected ${want}, but nothing was thrown`);
}

/**
 * Runs `fn`; if it throws, the error must be a `type` (the package's own `CodecError`
 * subclass). For properties over arbitrary input: "bad bytes give only the package's error".
 *
 * @example
 * fc.assert(fc.property(fc.uint8Array(), (bytes) => onlyCodecError(H264Error, () => parseSps(bytes))));
 */
export function onlyCodecError(type: abstract new (...args: never[]) => Error, fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type) || !isCodecError(e)) {
      throw new Error(`expected nothing or a ${type.name}, got ${describe(e)}`, { cause: e });
    }
  }
}
