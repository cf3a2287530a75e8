import { RtspError, RtspErrorCode } from './errors.js';
import { CR, findHeadEnd, headersTooLarge, LF, parseHead, startLineState } from './internal/head.js';
import { type RtspLimits, resolveLimits } from './limits.js';
import type { InterleavedFrame, RtspRequest, RtspResponse } from './message.js';

const EMPTY = new Uint8Array(0);
const DOLLAR = 0x24;

/** What {@link MessageReader.push} returns, in stream order. */
export type RtspStreamItem = RtspRequest | RtspResponse | InterleavedFrame;

/** Options of {@link MessageReader}: the limits, and where skipped garbage is reported. */
export type MessageReaderOptions = RtspLimits & {
  /**
   * Called once per run of skipped bytes (per push) with an `RtspError` coded
   * `ERR_RTSP_GARBAGE` whose `offset` is the stream offset of the first skipped byte.
   * Not thrown: the reader has already resynchronised.
   */
  readonly onGarbage: (error: RtspError) => void;
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
 * - A limit exceeded or a malformed head (after a valid start line) throws `RtspError`
 *   with the stream offset (counting every byte pushed) and a status hint. Framing is lost
 *   then: the reader is not reusable, and every later `push` throws the same error.
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
  readonly #onGarbage: ((error: RtspError) => void) | undefined;
  #buf: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  /** Stream offset of the first unconsumed byte. */
  #offset = 0;
  #inGarbage = false;
  #scanned = 0;
  #pending: PendingHead | null = null;
  #failed: RtspError | undefined;
  #skipped = 0;
  #garbageRun: { start: number; length: number } | null = null;

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

  /**
   * Consumes `chunk` and returns every item it completed, in stream order (possibly none).
   *
   * @throws RtspError on a limit or a malformed head; the reader then stays failed.
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
      if (e instanceof RtspError) this.#failed = e;
      this.#flushGarbage();
      throw e;
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
    this.#flushGarbage();
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
    const run = this.#garbageRun;
    if (run !== null && run.start + run.length === at) run.length += length;
    else {
      this.#flushGarbage();
      this.#garbageRun = { start: at, length };
    }
  }

  #flushGarbage(): void {
    const run = this.#garbageRun;
    if (run === null) return;
    this.#garbageRun = null;
    this.#onGarbage?.(new RtspError(RtspErrorCode.Garbage, `skipped ${run.length} bytes of garbage`, run.start));
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
          this.#flushGarbage();
          out.push({ kind: 'frame', channel, payload: data.subarray(p + 4, p + 4 + length) });
          p += 4 + length;
          continue;
        }
        const state = startLineState(data, p, end, l.maxStartLineBytes, base);
        if (state === 'more') break;
        if (state === 'no') {
          this.#garbage(base + p, 1);
          p++;
          this.#inGarbage = true;
          continue;
        }
        const headEnd = findHeadEnd(data, p, p + Math.max(0, this.#scanned - 3), end);
        if (headEnd < 0) {
          if (end - p > l.maxHeaderBytes) throw headersTooLarge(p, l, base);
          this.#scanned = end - p;
          break;
        }
        if (headEnd - p > l.maxHeaderBytes) throw headersTooLarge(p, l, base);
        this.#scanned = 0;
        const head = parseHead(data, p, headEnd, l, base);
        this.#pending = { message: head.message, headLength: headEnd - p, bodyLength: head.contentLength };
        continue;
      }
      const total = pending.headLength + pending.bodyLength;
      if (end - p < total) break;
      this.#flushGarbage();
      out.push({ ...pending.message, body: data.subarray(p + pending.headLength, p + total) });
      this.#pending = null;
      p += total;
    }
    return p;
  }
}
