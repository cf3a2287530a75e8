import type { Mutator } from './mutate.js';

/** The error a package documents: its class and its `ErrorCode` table. */
export type ErrorSpec = {
  readonly name: string;
  readonly type: abstract new (...args: never[]) => Error;
  readonly codes: Readonly<Record<string, string>>;
};

/** What a stream target returns when opened: a reader fed with pushes. */
export type Reader = {
  push(chunk: Uint8Array): readonly unknown[];
  /** Called once after the last push (flush, end of stream); optional. */
  end?(): readonly unknown[];
};

type Common = {
  /** `package/function`, e.g. `aac/splitAdts`. */
  readonly name: string;
  readonly errors: ErrorSpec;
  /** Seed inputs, from the package's case tables and fixtures. */
  seeds(): Uint8Array[];
  readonly mutators: readonly Mutator[];
  /** Set while the target's findings wait on a fix elsewhere: the short run skips it. */
  readonly pending?: string;
  /** A check on the value beyond finite numbers: a problem, or undefined. */
  check?(value: unknown, input: Uint8Array): string | undefined;
  /** Output bytes may exceed the input by this factor (default 4). */
  readonly growth?: number;
};

/** A stateless parser: `parse(bytes)`, and when there is a serializer, a round trip. */
export type ParseTarget = Common & {
  readonly kind: 'parse';
  parse(input: Uint8Array): unknown;
  /** Serializes a parsed value; throwing the package's error means "refused". */
  serialize?(value: never): unknown;
  /** Parses what `serialize` wrote (default: `parse` for bytes). */
  reparse?(serialized: never): unknown;
};

/**
 * A stateful reader. `bytes`: the input is a byte stream that any chunking must read the
 * same, errors included, and a reader that threw stays dead. `packets`: the input is a
 * window of datagrams (the `.rtp` record layout), pushed one by one.
 */
export type StreamTarget = Common & {
  readonly kind: 'stream';
  readonly feed: 'bytes' | 'packets';
  /** A fresh reader; with `config`, record 0 of the window configures it (fmtp text). */
  open(config: Uint8Array): Reader;
  readonly config?: boolean;
  /** True when `push` promises never to throw (depacketizers). */
  readonly neverThrows?: boolean;
};

export type Target = ParseTarget | StreamTarget;
