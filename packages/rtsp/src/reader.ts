import { RtspError, RtspErrorCode } from './errors.js';
import { CR, findHeadEnd, headersTooLarge, LF, parseHead, startLineState } from './internal/head.js';
import { type RtspLimits, resolveLimits } from './limits.js';
import type { InterleavedFrame, RtspRequest, RtspResponse } from './message.js';

const EMPTY = new Uint8Array(0);
const DOLLAR = 0x24;

/** What {@link MessageReader.push} returns, in stream order. */
export type RtspStreamItem = RtspRequest | RtspResponse | InterleavedFrame;

/**
 * A run of skipped bytes: `length` bytes from stream offset `offset` that were neither a
 * message nor an interleaved frame. Benign (the reader resynchronised), so it is a plain
 * record, not an error.
 */
export type GarbageRun = { readonly offset: number; readonly length: number };

/** Options of {@link MessageReader}: the limits, and where skipped garbage is reported. */
export type MessageReaderOptions = RtspLimits & {
  /**
   * Called once per run of skipped bytes, when the run ends (the next message, frame or
   * empty line begins, or the reader fails), however the stream was chunked.
   */
  readonly onGarbage: (run: GarbageRun) => void;
};

type PendingHead = {
  readonly message: RtspRequest | RtspResponse;
  readonly headLength: number;
  readonly bodyLength: number;
};

/**
 * Sans-IO reader of the RTSP-over-TCP byte stream (the same stream an HTTP tunnel or a
 * WebSocket carries): push bytes as they arrive, get back every complete request, response
 * and `$`-interleaved frame, in order, whatever the chunking. Both directions: a client
 * gets server-initiated requests (GET_PARAMETER, ANNOUNCE, SET_PARAMETER) as requests.
 *
 * - Bodies are read by Content-Length (none when it is absent).
 * - Empty lines between messages are skipped silently.
 * - Garbage (bytes that are neither a plausible start line nor `$`) is skipped up to the
 *   next `$` or the next line that is a complete request/status line with a supported
 *   version, and reported through `onGarbage` and {@link MessageReader.skippedBytes}.
 *   Only complete invalid lines are skipped, never a prefix of a valid message.
 * - A limit exceeded or a malformed head (after a valid start line) is fatal: an
 *   `RtspError` with the stream offset (counting every byte pushed) and a status hint.
 *   The push that meets it returns the items completed before it, if any, and the error
 *   is thrown by the next push; a push with nothing to return throws it at once. Either
 *   way, every later push throws the same error ({@link MessageReader.error} holds it), so
 *   any chunking of a stream gives the same items followed by the same error.
 * - Each byte is examined a bounded number of times whatever the chunking: waiting for
 *   the rest of a start line or head resumes where the last push stopped.
 *
 * Zero copy: bodies and frame payloads are views aliasing either a pushed chunk or a buffer
 * the reader allocated and never writes again; chunks are never mutated. Copy what you keep
 * if you reuse chunk buffers.
 *
 * @example
 * const reader = new MessageReader();
 * socket.on('data', (chunk) => {
 *   for (const item of reader.push(chunk)) {
 *     if (item.kind === 'frame') onRtp(item.channel, item.payload);
 *     else onMessage(item);
 *   }
 * });
 *
 * @see RFC 2326 §10.12, RFC 7826 §14
 */
export class MessageReader {
  readonly #limits: RtspLimits;
  readonly #onGarbage: ((run: GarbageRun) => void) | undefined;
  #buf: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  /** Stream offset of the first unconsumed byte. */
  #offset = 0;
  #inGarbage = false;
  /** Bytes after the pending start position already scanned for the start line. */
  #lineScanned = 0;
  /** The start line at the pending position was found valid; waiting for the head's end. */
  #lineOk = false;
  /** Bytes after the pending start position already scanned for the head's end. */
  #headScanned = 0;
  #pending: PendingHead | null = null;
  #failed: RtspError | undefined;
  #skipped = 0;
  #runStart = 0;
  #runLength = 0;

  constructor(options: Partial<MessageReaderOptions> = {}) {
    this.#limits = resolveLimits(options);
    this.#onGarbage = options.onGarbage;
  }

  /** Total bytes skipped as garbage so far. */
  get skippedBytes(): number {
    return this.#skipped;
  }

  /** Bytes held while waiting for the rest of a message or frame. */
  get bufferedBytes(): number {
    return this.#end - this.#start;
  }

  /** Stream offset of the next byte to be consumed (bytes pushed minus bytes buffered). */
  get offset(): number {
    return this.#offset;
  }

  /** The fatal error met so far, if any; once set, every `push` throws it. */
  get error(): RtspError | undefined {
    return this.#failed;
  }

  /**
   * Consumes `chunk` and returns every item it completed, in stream order (possibly none).
   *
   * @throws RtspError on a limit or a malformed head (see the class notes for when); the
   *   reader then stays failed.
   */
  push(chunk: Uint8Array): RtspStreamItem[] {
    if (this.#failed !== undefined) throw this.#failed;
    const out: RtspStreamItem[] = [];
    if (chunk.length === 0) return out;
    let data: Uint8Array;
    let p: number;
    if (this.#start === this.#end) {
      data = chunk;
      p = 0;
    } else {
      this.#append(chunk);
      data = this.#buf;
      p = this.#start;
    }
    const end = data === chunk ? chunk.length : this.#end;
    let q: number;
    try {
      q = this.#run(data, p, end, this.#offset - p, out);
    } catch (e) {
      if (!(e instanceof RtspError)) throw e;
      this.#failed = e;
      this.#endGarbage();
      // Framing is lost: release what is buffered.
      this.#buf = EMPTY;
      this.#start = this.#end = 0;
      if (out.length === 0) throw e;
      return out;
    }
    this.#offset += q - p;
    if (data === chunk) {
      if (q < end) {
        this.#buf = chunk.slice(q);
        this.#start = 0;
        this.#end = this.#buf.length;
      }
    } else if (q === end) {
      // Drop the buffer rather than rewind: views already returned alias it.
      this.#buf = EMPTY;
      this.#start = this.#end = 0;
    } else {
      this.#start = q;
    }
    return out;
  }

  #append(chunk: Uint8Array): void {
    if (this.#buf.length - this.#end >= chunk.length) {
      this.#buf.set(chunk, this.#end);
      this.#end += chunk.length;
      return;
    }
    const held = this.#end - this.#start;
    const next = new Uint8Array(Math.max(4096, 2 * (held + chunk.length)));
    next.set(this.#buf.subarray(this.#start, this.#end), 0);
    next.set(chunk, held);
    this.#buf = next;
    this.#start = 0;
    this.#end = held + chunk.length;
  }

  #garbage(at: number, length: number): void {
    if (length === 0) return;
    this.#skipped += length;
    if (this.#runLength > 0 && this.#runStart + this.#runLength === at) {
      this.#runLength += length;
      return;
    }
    this.#endGarbage();
    this.#runStart = at;
    this.#runLength = length;
  }

  /** Reports the current run of garbage, if any: the bytes after it are not garbage. */
  #endGarbage(): void {
    if (this.#runLength === 0) return;
    const run: GarbageRun = { offset: this.#runStart, length: this.#runLength };
    this.#runLength = 0;
    this.#onGarbage?.(run);
  }

  /** Consumes complete items from `data[p, end)`; returns the index of the first unconsumed byte. */
  #run(data: Uint8Array, p: number, end: number, base: number, out: RtspStreamItem[]): number {
    const l = this.#limits;
    while (p < end) {
      if (this.#inGarbage) {
        // Candidates are any `$` and any line start.
        let q = p;
        let found = false;
        for (; q < end; q++) {
          const c = data[q] as number;
          if (c === DOLLAR) {
            found = true;
            break;
          }
          if (c === LF) {
            q++;
            found = true;
            break;
          }
        }
        this.#garbage(base + p, q - p);
        p = q;
        this.#inGarbage = !found;
        continue;
      }
      const pending = this.#pending;
      if (pending === null) {
        const c = data[p] as number;
        if (c === CR || c === LF) {
          this.#endGarbage();
          p++;
          continue;
        }
        if (c === DOLLAR) {
          if (end - p < 4) break;
          const channel = data[p + 1] as number;
          const length = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
          if (length > l.maxFramePayloadBytes) {
            throw new RtspError(
              RtspErrorCode.FrameTooLarge,
              `interleaved frame of ${length} bytes exceeds ${l.maxFramePayloadBytes}`,
              base + p,
            );
          }
          if (end - p < 4 + length) break;
          this.#endGarbage();
          out.push({ kind: 'frame', channel, payload: data.subarray(p + 4, p + 4 + length) });
          p += 4 + length;
          continue;
        }
        if (!this.#lineOk) {
          const state = startLineState(data, p, this.#lineScanned, end, l.maxStartLineBytes, base);
          if (state === 'more') {
            this.#lineScanned = end - p;
            break;
          }
          this.#lineScanned = 0;
          if (state === 'no') {
            this.#garbage(base + p, 1);
            p++;
            this.#inGarbage = true;
            continue;
          }
          this.#endGarbage();
          this.#lineOk = true;
        }
        const headEnd = findHeadEnd(data, p, p + Math.max(0, this.#headScanned - 3), end);
        if (headEnd < 0) {
          if (end - p > l.maxHeaderBytes) throw headersTooLarge(p, l, base);
          this.#headScanned = end - p;
          break;
        }
        if (headEnd - p > l.maxHeaderBytes) throw headersTooLarge(p, l, base);
        this.#headScanned = 0;
        this.#lineOk = false;
        const head = parseHead(data, p, headEnd, l, base);
        this.#pending = { message: head.message, headLength: headEnd - p, bodyLength: head.contentLength };
        continue;
      }
      const total = pending.headLength + pending.bodyLength;
      if (end - p < total) break;
      out.push({ ...pending.message, body: data.subarray(p + pending.headLength, p + total) });
      this.#pending = null;
      p += total;
    }
    return p;
  }
}
