import type { WebSocketError } from './errors.js';
import type { WebSocketFrame } from './frame.js';
import { FrameParser } from './internal/frame-parser.js';

/** Options of {@link WebSocketFrameReader}. */
export type WebSocketFrameReaderOptions = {
  /**
   * `'server'`: the reader reads a client's frames, which must be masked; `'client'`: the
   * reader reads a server's frames, which must not be (RFC 6455 §5.1). `'any'` accepts both.
   */
  readonly role?: 'server' | 'client' | 'any';
  /** Largest frame payload accepted; larger frames fail with close code 1009. Default 16 MiB. */
  readonly maxFrameSize?: number;
  /** RSV bits an extension has negotiated (3-bit mask, RSV1 = 4); other bits fail with 1002. */
  readonly allowedRsv?: number;
};

/** A frame the reader returns, with its position in the stream. */
export type ReadFrame = WebSocketFrame & {
  /** Offset of the frame's first header byte in the stream pushed so far. */
  readonly offset: number;
};

/**
 * Streaming RFC 6455 frame reader (sans-IO): push bytes as they arrive, get the frames
 * completed so far. Any chunking gives the same frames, and the same error, as one push.
 *
 * Frame-level rules are enforced here (reserved bits and opcodes, control frames final and
 * ≤ 125 bytes, masking per role, 64-bit length MSB clear, `maxFrameSize`); message-level
 * rules (fragment order, UTF-8, close payloads) live in {@link WebSocketMessageReader}.
 * Non-minimal length encodings are tolerated on read (some embedded servers always write
 * 16-bit lengths); writers here always use the minimal one.
 *
 * Memory: a payload that spans pushes is held as its bytes arrive (growing from 64 KiB,
 * at most twice what arrived), so an announced length costs nothing until it is sent.
 *
 * Zero copy: an unmasked payload that arrives within one chunk is a view aliasing that
 * chunk. Masked payloads (and payloads split across chunks) are unmasked into arrays the
 * reader owns; those up to 8 KiB share 64 KiB slabs (see `ByteSlab` in `@rtspkit/bytes`:
 * `slice()` what you keep for long). The input is never mutated.
 *
 * A fault is fatal: the push that meets it returns the frames completed before it, if
 * any, and the next push throws; a push with nothing to return throws at once. Every
 * later push throws the same error ({@link WebSocketFrameReader.error}).
 *
 * @example
 * const reader = new WebSocketFrameReader({ role: 'server' });
 * for (const frame of reader.push(chunk)) console.log(frame.opcode, frame.payload);
 * @see RFC 6455 §5.2
 */
export class WebSocketFrameReader {
  readonly #parser: FrameParser;
  #error: WebSocketError | undefined;

  constructor(options: WebSocketFrameReaderOptions = {}) {
    this.#parser = new FrameParser(options);
  }

  /** Bytes of the stream read so far. */
  get position(): number {
    return this.#parser.position;
  }

  /** Bytes held for a payload still arriving. */
  get bufferedBytes(): number {
    return this.#parser.bufferedBytes;
  }

  /** The fatal error met so far, if any; once set, every `push` throws it. */
  get error(): WebSocketError | undefined {
    return this.#error;
  }

  /** Feeds the next bytes of the stream; returns the frames they complete. */
  push(chunk: Uint8Array): ReadFrame[] {
    if (this.#error) throw this.#error;
    const out: ReadFrame[] = [];
    try {
      this.#parser.run(chunk, (frame) => out.push(frame));
    } catch (e) {
      this.#error = e as WebSocketError;
      if (out.length === 0) throw e;
    }
    return out;
  }
}
