import { WebSocketErrorCode, WebSocketError } from './errors.js';
import { type WebSocketFrame, isControlOpcode } from './frame.js';
import { applyMask, maskedCopy } from './internal/mask.js';

/** Options of {@link WebSocketFrameReader}. */
export type WebSocketFrameReaderOptions = {
  /**
   * `'server'`: the reader reads a client's frames, which must be masked; `'client'`: the
   * reader reads a server's frames, which must not be (RFC 6455 §5.1). `'any'` accepts both.
   */
  readonly role?: 'server' | 'client' | 'any';
  /** Largest frame payload accepted; larger frames fail with close code 1009. */
  readonly maxFrameSize?: number;
  /** RSV bits an extension has negotiated (3-bit mask, RSV1 = 4); other bits fail with 1002. */
  readonly allowedRsv?: number;
};

// 16 MiB: a 4K key frame fits many times over, a hostile length cannot exhaust memory.
const DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

/** A frame the reader returns, with its position in the stream. */
export type ReadFrame = WebSocketFrame & {
  /** Offset of the frame's first header byte in the stream pushed so far. */
  readonly offset: number;
};

const HEADER = 0;
const PAYLOAD = 1;

/**
 * Streaming RFC 6455 frame reader (sans-IO): push bytes as they arrive, get the frames
 * completed so far. Any chunking gives the same frames as one push.
 *
 * Frame-level rules are enforced here (reserved bits and opcodes, control frames final and
 * ≤ 125 bytes, masking per role, 64-bit length MSB clear, `maxFrameSize`); message-level
 * rules (fragment order, UTF-8, close payloads) live in {@link WebSocketMessageReader}.
 * Non-minimal length encodings are tolerated on read (some embedded servers always write
 * 16-bit lengths); writers here always use the minimal one.
 *
 * Zero copy: an unmasked payload that arrives within one chunk is a view aliasing that
 * chunk; masked payloads (and payloads split across chunks) are fresh arrays, so the input
 * is never mutated. After an error the reader is dead and rethrows it.
 *
 * @example
 * const reader = new WebSocketFrameReader({ role: 'server' });
 * for (const frame of reader.push(chunk)) console.log(frame.opcode, frame.payload);
 * @see RFC 6455 §5.2
 */
export class WebSocketFrameReader {
  readonly #requireMask: boolean | undefined;
  readonly #maxFrameSize: number;
  readonly #allowedRsv: number;
  #state = HEADER;
  /** Bytes of the stream consumed before the current chunk. */
  #consumed = 0;
  readonly #head = new Uint8Array(14);
  #headLength = 0;
  #frameOffset = 0;
  #fin = false;
  #rsv = 0;
  #opcode = 0;
  #mask: Uint8Array | undefined;
  #length = 0;
  #payload: Uint8Array | undefined;
  #filled = 0;
  #error: WebSocketError | undefined;

  constructor(options: WebSocketFrameReaderOptions = {}) {
    const role = options.role ?? 'any';
    this.#requireMask = role === 'server' ? true : role === 'client' ? false : undefined;
    this.#maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
    this.#allowedRsv = options.allowedRsv ?? 0;
  }

  /** Bytes of the stream read so far. */
  get position(): number {
    return this.#consumed;
  }

  /** Feeds the next bytes of the stream; returns the frames they complete. */
  push(chunk: Uint8Array): ReadFrame[] {
    if (this.#error) throw this.#error;
    const out: ReadFrame[] = [];
    try {
      this.#run(chunk, out);
    } catch (e) {
      this.#error = e as WebSocketError;
      throw e;
    }
    this.#consumed += chunk.length;
    return out;
  }

  #run(chunk: Uint8Array, out: ReadFrame[]): void {
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.#state === HEADER) {
        let src: Uint8Array;
        let at: number;
        if (this.#headLength === 0 && end - pos >= 2 && end - pos >= headerSize(chunk[pos + 1] as number)) {
          src = chunk;
          at = pos;
          this.#frameOffset = this.#consumed + pos;
          pos += headerSize(chunk[pos + 1] as number);
        } else {
          if (this.#headLength === 0) this.#frameOffset = this.#consumed + pos;
          while (this.#headLength < 2 && pos < end) this.#head[this.#headLength++] = chunk[pos++] as number;
          if (this.#headLength < 2) return;
          const size = headerSize(this.#head[1] as number);
          while (this.#headLength < size && pos < end) this.#head[this.#headLength++] = chunk[pos++] as number;
          if (this.#headLength < size) return;
          this.#headLength = 0;
          src = this.#head;
          at = 0;
        }
        this.#parseHeader(src, at);
        if (this.#length === 0) {
          this.#emit(out, new Uint8Array(0));
        } else {
          this.#state = PAYLOAD;
        }
      } else {
        const need = this.#length - this.#filled;
        if (this.#filled === 0 && end - pos >= need) {
          const view = chunk.subarray(pos, pos + need);
          pos += need;
          this.#emit(out, this.#mask ? maskedCopy(view, this.#mask) : view);
          this.#state = HEADER;
          continue;
        }
        this.#payload ??= new Uint8Array(this.#length);
        const take = Math.min(need, end - pos);
        this.#payload.set(chunk.subarray(pos, pos + take), this.#filled);
        this.#filled += take;
        pos += take;
        if (this.#filled === this.#length) {
          const payload = this.#payload;
          if (this.#mask) applyMask(payload, this.#mask);
          this.#payload = undefined;
          this.#filled = 0;
          this.#emit(out, payload);
          this.#state = HEADER;
        }
      }
    }
  }

  #parseHeader(b: Uint8Array, at: number): void {
    const offset = this.#frameOffset;
    const b0 = b[at] as number;
    const b1 = b[at + 1] as number;
    const fin = (b0 & 0x80) !== 0;
    const rsv = (b0 >>> 4) & 7;
    const opcode = b0 & 0x0f;
    const masked = (b1 & 0x80) !== 0;
    if ((rsv & ~this.#allowedRsv) !== 0) {
      throw new WebSocketError(
        WebSocketErrorCode.ReservedBits,
        `reserved bits ${rsv.toString(2).padStart(3, '0')} set`,
        offset,
      );
    }
    if ((opcode > 2 && opcode < 8) || opcode > 0xa) {
      throw new WebSocketError(WebSocketErrorCode.ReservedOpcode, `reserved opcode 0x${opcode.toString(16)}`, offset);
    }
    if (this.#requireMask !== undefined && masked !== this.#requireMask) {
      throw new WebSocketError(
        WebSocketErrorCode.BadMasking,
        this.#requireMask ? 'client frame is not masked' : 'server frame is masked',
        offset + 1,
      );
    }
    let length = b1 & 0x7f;
    let o = at + 2;
    if (length === 126) {
      length = ((b[o] as number) << 8) | (b[o + 1] as number);
      o += 2;
    } else if (length === 127) {
      const hi = readU32(b, o);
      if (hi >= 0x80000000) {
        throw new WebSocketError(
          WebSocketErrorCode.BadLength,
          '64-bit payload length has its most significant bit set',
          offset + 2,
        );
      }
      // 2^53 and beyond is no JavaScript length, and beyond any maxFrameSize.
      if (hi >= 0x200000) {
        throw new WebSocketError(
          WebSocketErrorCode.FrameTooLarge,
          `64-bit payload length high word 0x${hi.toString(16)} too large`,
          offset + 2,
        );
      }
      const lo = readU32(b, o + 4);
      length = hi * 0x100000000 + lo;
      o += 8;
    }
    if (isControlOpcode(opcode) && (!fin || length > 125)) {
      throw new WebSocketError(
        WebSocketErrorCode.BadControlFrame,
        `control frame 0x${opcode.toString(16)} must be final and at most 125 bytes (fin ${fin}, ${length} bytes)`,
        offset,
      );
    }
    if (length > this.#maxFrameSize) {
      throw new WebSocketError(
        WebSocketErrorCode.FrameTooLarge,
        `frame payload of ${length} bytes exceeds maxFrameSize ${this.#maxFrameSize}`,
        offset + 1,
      );
    }
    this.#fin = fin;
    this.#rsv = rsv;
    this.#opcode = opcode;
    this.#length = length;
    this.#mask = masked ? b.slice(o, o + 4) : undefined;
  }

  #emit(out: ReadFrame[], payload: Uint8Array): void {
    const frame: ReadFrame =
      this.#mask === undefined
        ? { fin: this.#fin, rsv: this.#rsv, opcode: this.#opcode, payload, offset: this.#frameOffset }
        : {
            fin: this.#fin,
            rsv: this.#rsv,
            opcode: this.#opcode,
            mask: this.#mask,
            payload,
            offset: this.#frameOffset,
          };
    out.push(frame);
  }
}

/** Header size implied by the second header byte (length code and MASK bit). */
function headerSize(b1: number): number {
  const code = b1 & 0x7f;
  return (code < 126 ? 2 : code === 126 ? 4 : 10) + ((b1 & 0x80) !== 0 ? 4 : 0);
}

function readU32(b: Uint8Array, o: number): number {
  return (
    (b[o] as number) * 0x1000000 + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number))
  );
}
