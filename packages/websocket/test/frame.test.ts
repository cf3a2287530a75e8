import { concat, fromAscii, hex } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  Opcode,
  WebSocketError,
  WebSocketFrameReader,
  WebSocketMessageReader,
  WebSocketWriter,
  parseClosePayload,
  serializeClosePayload,
  serializeFrame,
  serializeFrameInto,
} from '../src/index.js';
import { badFrameCases, badMessageCases, decodeOnlyFrameCases, frameCases, messageCases } from './cases.js';

/** Pushes every chunk, then an empty one to collect an error deferred by the last push. */
function readAll<T>(reader: { push(chunk: Uint8Array): T[] }, chunks: readonly Uint8Array[]) {
  const items: T[] = [];
  try {
    for (const c of chunks) items.push(...reader.push(c));
    reader.push(new Uint8Array(0));
  } catch (e) {
    expect(e).toBeInstanceOf(WebSocketError);
    return { items, error: e as WebSocketError };
  }
  return { items, error: undefined };
}

const bytewise = (bytes: Uint8Array) => Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));

describe('frame case table', () => {
  for (const c of [...frameCases, ...decodeOnlyFrameCases]) {
    it(`reads ${c.name}`, () => {
      const copy = c.bytes.slice();
      const frames = new WebSocketFrameReader({ allowedRsv: 7 }).push(c.bytes);
      expect(frames).toHaveLength(1);
      const f = frames[0]!;
      expect(f.fin).toBe(c.frame.fin);
      expect(f.opcode).toBe(c.frame.opcode);
      expect(f.rsv).toBe(c.frame.rsv ?? 0);
      expect(f.mask).toEqual(c.frame.mask);
      expect(f.payload).toEqual(c.frame.payload);
      expect(f.offset).toBe(0);
      expect(c.bytes).toEqual(copy);
    });
  }
  for (const c of frameCases) {
    it(`writes ${c.name}`, () => {
      const payload = c.frame.payload.slice();
      expect(serializeFrame(c.frame)).toEqual(c.bytes);
      const target = new Uint8Array(c.bytes.length + 3);
      expect(serializeFrameInto(c.frame, target, 3)).toBe(c.bytes.length);
      expect(target.subarray(3)).toEqual(c.bytes);
      expect(c.frame.payload).toEqual(payload);
    });
  }
  for (const c of badFrameCases) {
    it(`refuses ${c.name}`, () => {
      const reader = new WebSocketFrameReader({
        ...(c.role ? { role: c.role } : {}),
        ...(c.maxFrameSize ? { maxFrameSize: c.maxFrameSize } : {}),
      });
      const whole = readAll(reader, [c.bytes]);
      const e = whole.error;
      expect([e?.code, e?.offset, e?.closeCode]).toEqual([c.code, c.offset, c.closeCode]);
      expect(whole.items).toHaveLength(c.before ?? 0);
      // A failed reader stays failed.
      expect(() => reader.push(hex`81 00`)).toThrow(e);
      expect(reader.error).toBe(e);
      const options = {
        ...(c.role ? { role: c.role } : {}),
        ...(c.maxFrameSize ? { maxFrameSize: c.maxFrameSize } : {}),
      };
      expect(readAll(new WebSocketFrameReader(options), bytewise(c.bytes))).toEqual(whole);
    });
  }
  it('hands out the frames before a fault, then throws on the next push', () => {
    const reader = new WebSocketFrameReader();
    expect(reader.push(hex`82 01 0a   c2 00`).map((f) => f.payload)).toEqual([hex`0a`]);
    expect(reader.error?.code).toBe('ERR_WS_RESERVED_BITS');
    expectCodecError(() => reader.push(new Uint8Array(0)), {
      code: 'ERR_WS_RESERVED_BITS',
      offset: 3,
      type: WebSocketError,
    });
  });
});

describe('memory', () => {
  // Fuzzer finding: 130 bytes of input held 16 MiB, the announced payload allocated in full
  // as soon as its first byte arrived.
  const announced = hex`82 ff 00 00 00 00 00 ff ff f0 01 02 03 04`; // masked, 16 MiB - 16

  it('holds a payload as its bytes arrive, not as announced', () => {
    const reader = new WebSocketFrameReader({ role: 'server' });
    expect(reader.push(announced)).toEqual([]);
    expect(reader.bufferedBytes).toBe(0);
    expect(reader.push(hex`aa`)).toEqual([]);
    expect(reader.bufferedBytes).toBe(1);
  });

  it('many readers each told of a 16 MiB frame and sent one byte hold little memory', () => {
    const readers = Array.from({ length: 64 }, () => new WebSocketMessageReader({ role: 'server' }));
    const before = process.memoryUsage().arrayBuffers;
    for (const r of readers) r.push(concat(announced, hex`aa`));
    const grown = process.memoryUsage().arrayBuffers - before;
    // Allocating as announced would take 64 × 16 MiB = 1 GiB; growing takes 64 × 64 KiB.
    expect(grown, `array buffers grew by ${grown} bytes`).toBeLessThan(64 * 1024 * 1024);
  });

  it('a payload split across many pushes reads back whole', () => {
    const payload = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
    const frame = serializeFrame({ fin: true, opcode: Opcode.Binary, mask: hex`01 02 03 04`, payload });
    const reader = new WebSocketMessageReader({ role: 'server' });
    const messages = [];
    for (let o = 0; o < frame.length; o += 1000) messages.push(...reader.push(frame.subarray(o, o + 1000)));
    expect(messages).toEqual([{ type: 'binary', data: payload }]);
  });
});

describe('zero copy', () => {
  it('an unmasked payload within one chunk aliases the input', () => {
    const bytes = hex`82 03 01 02 03`;
    const [f] = new WebSocketFrameReader().push(bytes);
    expect(f!.payload.buffer).toBe(bytes.buffer);
    expect(f!.payload.byteOffset).toBe(2);
  });
  it('a masked payload is a copy and the input is not unmasked in place', () => {
    const bytes = hex`82 83 01 01 01 01 00 00 00`;
    const [f] = new WebSocketFrameReader({ role: 'server' }).push(bytes);
    expect(f!.payload).toEqual(hex`01 01 01`);
    expect(bytes).toEqual(hex`82 83 01 01 01 01 00 00 00`);
  });
});

describe('message case table', () => {
  for (const c of messageCases) {
    it(`reads ${c.name}`, () => {
      expect(new WebSocketMessageReader().push(c.bytes)).toEqual(c.messages);
    });
  }
  for (const c of badMessageCases) {
    it(`refuses ${c.name}, in one push or byte by byte, then stays failed`, () => {
      const options = c.maxMessageSize ? { maxMessageSize: c.maxMessageSize } : {};
      const reader = new WebSocketMessageReader(options);
      const whole = readAll(reader, [c.bytes]);
      const e = whole.error;
      expect([e?.code, e?.offset, e?.closeCode]).toEqual([c.code, c.offset, c.closeCode]);
      expect(whole.items).toHaveLength(c.before ?? 0);
      // Fuzzer finding: after ERR_WS_BAD_FRAGMENTATION or ERR_WS_INVALID_UTF8 the next push was accepted.
      expect(() => reader.push(hex`82 00`)).toThrow(e);
      const chunked = readAll(new WebSocketMessageReader(options), bytewise(c.bytes));
      expect(chunked).toEqual(whole);
    });
  }
  it('reports invalid utf-8 in the first fragment before the last one arrives', () => {
    const reader = new WebSocketMessageReader();
    const e = expectCodecError(() => reader.push(hex`01 02 c3 28`), {
      code: 'ERR_WS_INVALID_UTF8',
      type: WebSocketError,
    });
    expect(e.closeCode).toBe(1007);
  });
  it('joins a fragmented binary message into one array', () => {
    const [m] = new WebSocketMessageReader().push(hex`02 01 0a 00 01 0b 80 01 0c`);
    expect(m).toEqual({ type: 'binary', data: hex`0a 0b 0c` });
  });
});

describe('writer', () => {
  const fixedKey = () => hex`37 fa 21 3d`;
  it('masks client frames with the injected key (RFC 6455 §5.7)', () => {
    const w = new WebSocketWriter({ role: 'client', randomBytes: fixedKey });
    expect(w.text('Hello')).toEqual(hex`81 85 37 fa 21 3d 7f 9f 4d 51 58`);
    expect(w.pong(fromAscii('Hello'))).toEqual(hex`8a 85 37 fa 21 3d 7f 9f 4d 51 58`);
  });
  it('never masks server frames', () => {
    const w = new WebSocketWriter({ role: 'server' });
    expect(w.text('Hello')).toEqual(hex`81 05 48 65 6c 6c 6f`);
    expect(w.ping(fromAscii('Hello'))).toEqual(hex`89 05 48 65 6c 6c 6f`);
    expect(w.binary(hex`01 02`)).toEqual(hex`82 02 01 02`);
    expect(w.close(1000, 'bye')).toEqual(hex`88 05 03 e8 62 79 65`);
    expect(w.close()).toEqual(hex`88 00`);
  });
  it('draws a fresh key per frame by default', () => {
    const w = new WebSocketWriter({ role: 'client' });
    const keys = new Set(Array.from({ length: 8 }, () => Array.from(w.binary(hex`00`).subarray(2, 6)).join(',')));
    expect(keys.size).toBeGreaterThan(1);
  });
  it('refuses invalid frames and close payloads', () => {
    for (const fn of [
      () => serializeFrame({ fin: false, opcode: Opcode.Ping, payload: new Uint8Array(0) }),
      () => serializeFrame({ fin: true, opcode: Opcode.Pong, payload: new Uint8Array(126) }),
      () => serializeFrame({ fin: true, opcode: 3, payload: new Uint8Array(0) }),
      () => serializeFrame({ fin: true, rsv: 8, opcode: 1, payload: new Uint8Array(0) }),
      () => serializeFrame({ fin: true, opcode: 1, mask: hex`01 02`, payload: new Uint8Array(0) }),
      () => serializeFrameInto({ fin: true, opcode: 1, payload: hex`01` }, new Uint8Array(2), 0),
      () => serializeClosePayload(1005),
      () => serializeClosePayload(undefined, 'why'),
      () => serializeClosePayload(1000, 'x'.repeat(124)),
    ]) {
      expectCodecError(fn, { code: 'ERR_WS_INVALID_ARGUMENT', type: WebSocketError });
    }
  });
  it('close payload round trip', () => {
    expect(parseClosePayload(serializeClosePayload(4000, 'é'))).toEqual({ code: 4000, reason: 'é' });
    expect(parseClosePayload(serializeClosePayload())).toEqual({ code: undefined, reason: '' });
  });
});
