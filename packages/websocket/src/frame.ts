import { WebSocketErrorCode, WebSocketError } from './errors.js';
import { applyMask } from './internal/mask.js';

/**
 * Frame opcodes (RFC 6455 §5.2, §11.8). 0x3-0x7 and 0xB-0xF are reserved.
 *
 * @see RFC 6455 §5.2
 */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

/**
 * One WebSocket frame.
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * ```
 *
 * `payload` is always the unmasked application data. `mask` is the 4-byte masking key the
 * frame carried (read) or is to carry (write); `undefined` for an unmasked frame.
 *
 * @see RFC 6455 §5.2
 */
export type WebSocketFrame = {
  readonly fin: boolean;
  /** RSV1-RSV3 as a 3-bit number (RSV1 = 4); 0 unless an extension says otherwise. */
  readonly rsv?: number;
  readonly opcode: number;
  readonly mask?: Uint8Array | undefined;
  readonly payload: Uint8Array;
};

const VALID_OPCODES: ReadonlySet<number> = new Set(Object.values(Opcode));

/** True for close, ping and pong (opcodes with the high bit set, RFC 6455 §5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** Size in bytes of a frame header for a payload of `length` bytes (RFC 6455 §5.2). */
export function frameHeaderLength(length: number, masked: boolean): number {
  return (length < 126 ? 2 : length < 0x10000 ? 4 : 10) + (masked ? 4 : 0);
}

/** Total size in bytes of the serialized frame. */
export function serializedFrameLength(frame: WebSocketFrame): number {
  return frameHeaderLength(frame.payload.length, frame.mask !== undefined) + frame.payload.length;
}

/**
 * Writes `frame` into `target` at `offset` and returns the number of bytes written.
 * Lengths are always in their minimal encoding (RFC 6455 §5.2); a masked payload is
 * masked in `target`, never in `frame.payload`. Throws `ERR_WS_INVALID_ARGUMENT` for an
 * invalid opcode, RSV value or mask, a fragmented or oversized control frame, or a
 * `target` too small for the frame.
 *
 * @see RFC 6455 §5.2
 */
export function serializeFrameInto(frame: WebSocketFrame, target: Uint8Array, offset: number): number {
  const { opcode, payload, mask } = frame;
  const rsv = frame.rsv ?? 0;
  const length = payload.length;
  if (!VALID_OPCODES.has(opcode)) {
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `cannot write reserved opcode ${opcode}`);
  }
  if (!Number.isInteger(rsv) || rsv < 0 || rsv > 7) {
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `rsv ${rsv} is not a 3-bit value`);
  }
  if (isControlOpcode(opcode) && (!frame.fin || length > 125)) {
    throw new WebSocketError(
      WebSocketErrorCode.InvalidArgument,
      `control frame must be final and at most 125 bytes (fin ${frame.fin}, ${length} bytes)`,
    );
  }
  if (mask !== undefined && mask.length !== 4) {
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `masking key has ${mask.length} bytes, not 4`);
  }
  const header = frameHeaderLength(length, mask !== undefined);
  if (offset < 0 || offset + header + length > target.length) {
    throw new WebSocketError(
      WebSocketErrorCode.InvalidArgument,
      `frame of ${header + length} bytes does not fit at ${offset} in ${target.length} bytes`,
    );
  }
  let o = offset;
  target[o++] = (frame.fin ? 0x80 : 0) | (rsv << 4) | opcode;
  const maskBit = mask !== undefined ? 0x80 : 0;
  if (length < 126) {
    target[o++] = maskBit | length;
  } else if (length < 0x10000) {
    target[o++] = maskBit | 126;
    target[o++] = length >>> 8;
    target[o++] = length & 0xff;
  } else {
    target[o++] = maskBit | 127;
    const hi = Math.floor(length / 0x100000000);
    const lo = length >>> 0;
    target[o++] = hi >>> 24;
    target[o++] = (hi >>> 16) & 0xff;
    target[o++] = (hi >>> 8) & 0xff;
    target[o++] = hi & 0xff;
    target[o++] = lo >>> 24;
    target[o++] = (lo >>> 16) & 0xff;
    target[o++] = (lo >>> 8) & 0xff;
    target[o++] = lo & 0xff;
  }
  if (mask !== undefined) {
    target.set(mask, o);
    o += 4;
  }
  target.set(payload, o);
  if (mask !== undefined) applyMask(target.subarray(o, o + length), mask);
  return o + length - offset;
}

/**
 * Serializes one frame into a new array.
 *
 * @example
 * serializeFrame({ fin: true, opcode: Opcode.Text, payload: fromAscii('Hello') });
 * // 81 05 48 65 6c 6c 6f
 * @see RFC 6455 §5.2, §5.7
 */
export function serializeFrame(frame: WebSocketFrame): Uint8Array {
  const out = new Uint8Array(serializedFrameLength(frame));
  serializeFrameInto(frame, out, 0);
  return out;
}
