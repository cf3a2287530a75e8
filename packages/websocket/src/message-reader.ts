import { concatList } from '@rtspkit/bytes';
import { WebSocketErrorCode, WebSocketError } from './errors.js';
import { parseClosePayload } from './close.js';
import { Opcode } from './frame.js';
import { type ReadFrame, WebSocketFrameReader, type WebSocketFrameReaderOptions } from './frame-reader.js';
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
 * A binary message of one frame aliases the frame payload (see the frame reader for when
 * that aliases the input); fragmented messages are joined into a fresh array.
 *
 * @example
 * const reader = new WebSocketMessageReader({ role: 'server' });
 * for (const m of reader.push(chunk)) if (m.type === 'text') console.log(m.data);
 * @see RFC 6455 §5.4, §5.5, §5.6, §8.1
 */
export class WebSocketMessageReader {
  readonly #frames: WebSocketFrameReader;
  readonly #maxMessageSize: number;
  /** Opcode of the message in progress, 0 when none. */
  #opcode = 0;
  #parts: Uint8Array[] = [];
  #size = 0;
  readonly #utf8 = new Utf8Accumulator();
  #closed = false;

  constructor(options: WebSocketMessageReaderOptions = {}) {
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#frames = new WebSocketFrameReader({
      ...options,
      maxFrameSize: Math.min(options.maxFrameSize ?? this.#maxMessageSize, this.#maxMessageSize),
    });
  }

  /** True once a close frame has been read. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Feeds the next bytes of the stream; returns the messages they complete. */
  push(chunk: Uint8Array): WebSocketMessage[] {
    const out: WebSocketMessage[] = [];
    for (const frame of this.#frames.push(chunk)) this.#frame(frame, out);
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
    if (frame.fin && this.#parts.length === 0) {
      out.push({ type: 'binary', data: payload });
      this.#reset();
      return;
    }
    this.#parts.push(payload);
    if (frame.fin) {
      out.push({ type: 'binary', data: concatList(this.#parts) });
      this.#reset();
    }
  }

  #reset(): void {
    this.#opcode = 0;
    this.#parts = [];
    this.#size = 0;
  }
}

function frameHeaderSize(frame: ReadFrame): number {
  return 2 + (frame.mask ? 4 : 0);
}
