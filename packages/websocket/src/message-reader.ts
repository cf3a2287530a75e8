import { ByteWriter } from '@rtspkit/bytes';
import { WebSocketError, WebSocketErrorCode } from './errors.js';
import { parseClosePayload } from './close.js';
import { Opcode } from './frame.js';
import type { ReadFrame, WebSocketFrameReaderOptions } from './frame-reader.js';
import { FrameParser } from './internal/frame-parser.js';
import { Utf8Accumulator } from './internal/utf8.js';

/**
 * What {@link WebSocketMessageReader} returns: whole data messages (fragments joined,
 * text decoded) and each control frame as it comes.
 */
export type WebSocketMessage =
  | { readonly type: 'text'; readonly data: string }
  | { readonly type: 'binary'; readonly data: Uint8Array }
  | { readonly type: 'ping'; readonly data: Uint8Array }
  | { readonly type: 'pong'; readonly data: Uint8Array }
  | { readonly type: 'close'; readonly code: number | undefined; readonly reason: string };

/** Options of {@link WebSocketMessageReader}: the frame reader's, plus a message limit. */
export type WebSocketMessageReaderOptions = WebSocketFrameReaderOptions & {
  /** Largest message (all fragments) accepted; larger messages fail with close code 1009. */
  readonly maxMessageSize?: number;
};

// 16 MiB, as for frames: a message is at least one frame.
const DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

/**
 * Message-level reader over {@link WebSocketFrameReader}: joins fragments (control
 * frames may arrive between them), validates UTF-8 of text messages across fragment
 * boundaries (failing early, close 1007), checks fragment order and close payloads
 * (1002), enforces `maxMessageSize` (1009) and rejects frames after a close frame.
 *
 * A binary message of one frame is the frame payload (see the frame reader for when that
 * aliases the input); the fragments of a fragmented message are copied as they arrive
 * into one growing array, so none aliases a chunk pushed earlier.
 *
 * A fault is fatal. Frames are checked in stream order, each as soon as it is complete,
 * so any chunking gives the same messages followed by the same error: the push that
 * meets a fault returns the messages completed before it, if any, and the next push
 * throws; a push with nothing to return throws at once. Every later push throws the same
 * error ({@link WebSocketMessageReader.error}).
 *
 * @example
 * const reader = new WebSocketMessageReader({ role: 'server' });
 * for (const m of reader.push(chunk)) if (m.type === 'text') console.log(m.data);
 * @see RFC 6455 §5.4, §5.5, §5.6, §8.1
 */
export class WebSocketMessageReader {
  readonly #frames: FrameParser;
  readonly #maxMessageSize: number;
  /** Opcode of the message in progress, 0 when none. */
  #opcode = 0;
  /** Fragments of a binary message in progress, copied as they come. */
  #parts: ByteWriter | undefined;
  #size = 0;
  readonly #utf8 = new Utf8Accumulator();
  #closed = false;
  #error: WebSocketError | undefined;

  constructor(options: WebSocketMessageReaderOptions = {}) {
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#frames = new FrameParser({
      ...options,
      maxFrameSize: Math.min(options.maxFrameSize ?? this.#maxMessageSize, this.#maxMessageSize),
    });
  }

  /** True once a close frame has been read. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The fatal error met so far, if any; once set, every `push` throws it. */
  get error(): WebSocketError | undefined {
    return this.#error;
  }

  /** Feeds the next bytes of the stream; returns the messages they complete. */
  push(chunk: Uint8Array): WebSocketMessage[] {
    if (this.#error) throw this.#error;
    const out: WebSocketMessage[] = [];
    try {
      this.#frames.run(chunk, (frame) => this.#frame(frame, out));
    } catch (e) {
      this.#error = e as WebSocketError;
      this.#parts = undefined;
      if (out.length === 0) throw e;
    }
    return out;
  }

  #frame(frame: ReadFrame, out: WebSocketMessage[]): void {
    const { opcode, payload, offset } = frame;
    if (this.#closed) {
      throw new WebSocketError(
        WebSocketErrorCode.DataAfterClose,
        `frame 0x${opcode.toString(16)} after close frame`,
        offset,
      );
    }
    switch (opcode) {
      case Opcode.Ping:
        out.push({ type: 'ping', data: payload });
        return;
      case Opcode.Pong:
        out.push({ type: 'pong', data: payload });
        return;
      case Opcode.Close: {
        const { code, reason } = parseClosePayload(payload, offset + frameHeaderSize(frame));
        this.#closed = true;
        out.push({ type: 'close', code, reason });
        return;
      }
    }
    if (opcode === Opcode.Continuation) {
      if (this.#opcode === 0) {
        throw new WebSocketError(
          WebSocketErrorCode.BadFragmentation,
          'continuation frame with no message in progress',
          offset,
        );
      }
    } else if (this.#opcode !== 0) {
      throw new WebSocketError(
        WebSocketErrorCode.BadFragmentation,
        `new data frame 0x${opcode.toString(16)} inside a fragmented message`,
        offset,
      );
    } else {
      this.#opcode = opcode;
    }
    this.#size += payload.length;
    if (this.#size > this.#maxMessageSize) {
      throw new WebSocketError(
        WebSocketErrorCode.MessageTooLarge,
        `message of ${this.#size} bytes exceeds maxMessageSize ${this.#maxMessageSize}`,
        offset,
      );
    }
    if (this.#opcode === Opcode.Text) {
      if (!this.#utf8.push(payload, frame.fin)) {
        throw new WebSocketError(WebSocketErrorCode.InvalidUtf8, 'text message is not valid utf-8', offset);
      }
      if (frame.fin) {
        out.push({ type: 'text', data: this.#utf8.take() });
        this.#reset();
      }
      return;
    }
    if (frame.fin && this.#parts === undefined) {
      out.push({ type: 'binary', data: payload });
      this.#reset();
      return;
    }
    this.#parts ??= new ByteWriter(Math.max(payload.length * 2, 1024));
    this.#parts.bytes(payload);
    if (frame.fin) {
      out.push({ type: 'binary', data: this.#parts.finish() });
      this.#reset();
    }
  }

  #reset(): void {
    this.#opcode = 0;
    this.#parts = undefined;
    this.#size = 0;
  }
}

function frameHeaderSize(frame: ReadFrame): number {
  return 2 + (frame.mask ? 4 : 0);
}
