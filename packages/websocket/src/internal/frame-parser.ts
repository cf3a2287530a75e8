import { ByteSlab, ByteWriter } from '@rtspkit/bytes';
import { WebSocketError, WebSocketErrorCode } from '../errors.js';
import { isControlOpcode } from '../frame.js';
import type { ReadFrame } from '../frame-reader.js';
import { applyMask } from './mask.js';

/** Frame-level limits and rules, as {@link WebSocketFrameReader} takes them. */
export type FrameParserOptions = {
  readonly role?: 'server' | 'client' | 'any';
  readonly maxFrameSize?: number;
  readonly allowedRsv?: number;
};

// 16 MiB: a 4K key frame fits many times over, a hostile length cannot exhaust memory.
export const DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;
// A payload split across reads grows from this size as its bytes arrive, never to more
// than twice what arrived: an announced length costs nothing until it is sent.
const FIRST_GROWTH = 64 * 1024;

const HEADER = 0;
const PAYLOAD = 1;
const EMPTY = new Uint8Array(0);

// Unmasked copies of payloads up to 8 KiB (RTP packets) are carved from shared slabs, like
// Node's Buffer pool: a new ArrayBuffer per frame costs more than the copy.
const slab = new ByteSlab();

/**
 * The frame state machine shared by the frame and message readers: hands each frame to a
 * sink as soon as it is complete, so a message-level fault is met in stream order, before
 * a frame-level fault further on in the same chunk.
 */
export class FrameParser {
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
  /** A payload arriving over several chunks: small ones in full, large ones growing. */
  #small: Uint8Array | undefined;
  #large: ByteWriter | undefined;
  #filled = 0;

  constructor(options: FrameParserOptions = {}) {
    const role = options.role ?? 'any';
    this.#requireMask = role === 'server' ? true : role === 'client' ? false : undefined;
    this.#maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
    this.#allowedRsv = options.allowedRsv ?? 0;
  }

  /** Bytes of the stream read so far. */
  get position(): number {
    return this.#consumed;
  }

  /** Bytes held for a payload still arriving (what a peer makes this parser hold). */
  get bufferedBytes(): number {
    return this.#filled;
  }

  /** Reads `chunk`, handing each completed frame to `sink`; throws on a frame-level fault. */
  run(chunk: Uint8Array, sink: (frame: ReadFrame) => void): void {
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.#state === HEADER) {
        let src: Uint8Array;
        let at: number;
        const size = end - pos >= 2 ? headerSize(chunk[pos + 1] as number) : 0;
        if (this.#headLength === 0 && size !== 0 && end - pos >= size) {
          src = chunk;
          at = pos;
          this.#frameOffset = this.#consumed + pos;
          pos += size;
        } else {
          if (this.#headLength === 0) this.#frameOffset = this.#consumed + pos;
          while (this.#headLength < 2 && pos < end) this.#head[this.#headLength++] = chunk[pos++] as number;
          if (this.#headLength < 2) break;
          const need = headerSize(this.#head[1] as number);
          while (this.#headLength < need && pos < end) this.#head[this.#headLength++] = chunk[pos++] as number;
          if (this.#headLength < need) break;
          this.#headLength = 0;
          src = this.#head;
          at = 0;
        }
        this.#parseHeader(src, at);
        if (this.#length === 0) sink(this.#frame(EMPTY));
        else this.#state = PAYLOAD;
        continue;
      }
      const need = this.#length - this.#filled;
      if (this.#filled === 0 && end - pos >= need) {
        // The whole payload is in this chunk: a view, or an unmasked copy.
        const view = chunk.subarray(pos, pos + need);
        pos += need;
        this.#state = HEADER;
        sink(this.#frame(this.#mask === undefined ? view : this.#unmaskedCopy(view)));
        continue;
      }
      const take = Math.min(need, end - pos);
      this.#collect(chunk.subarray(pos, pos + take));
      pos += take;
      if (this.#filled === this.#length) {
        const payload = this.#takeCollected();
        if (this.#mask !== undefined) applyMask(payload, this.#mask);
        this.#state = HEADER;
        sink(this.#frame(payload));
      }
    }
    this.#consumed += end;
  }

  #unmaskedCopy(view: Uint8Array): Uint8Array {
    const out = slab.alloc(view.length);
    out.set(view);
    applyMask(out, this.#mask as Uint8Array);
    return out;
  }

  /** Copies part of a payload that spans chunks; memory follows the bytes that arrived. */
  #collect(part: Uint8Array): void {
    if (this.#filled === 0) {
      if (this.#length <= FIRST_GROWTH / 8) this.#small = slab.alloc(this.#length);
      else this.#large = new ByteWriter(Math.min(this.#length, FIRST_GROWTH));
    }
    if (this.#small !== undefined) this.#small.set(part, this.#filled);
    else this.#large?.bytes(part);
    this.#filled += part.length;
  }

  #takeCollected(): Uint8Array {
    const payload = this.#small ?? (this.#large as ByteWriter).finish();
    this.#small = undefined;
    this.#large = undefined;
    this.#filled = 0;
    return payload;
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

  #frame(payload: Uint8Array): ReadFrame {
    return this.#mask === undefined
      ? { fin: this.#fin, rsv: this.#rsv, opcode: this.#opcode, payload, offset: this.#frameOffset }
      : { fin: this.#fin, rsv: this.#rsv, opcode: this.#opcode, mask: this.#mask, payload, offset: this.#frameOffset };
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
