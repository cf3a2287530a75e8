import { concatList } from '@rtspkit/bytes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ReadFrame,
  WebSocketError,
  WebSocketFrameReader,
  WebSocketMessageReader,
  type WebSocketFrame,
  serializeFrame,
} from '../src/index.js';
import { badMessageCases, frameCases, messageCases } from './cases.js';

const concat = (parts: readonly Uint8Array[]) => (parts.length === 0 ? new Uint8Array(0) : concatList(parts).slice());

/** Messages as plain data, so results of different chunkings compare with toEqual. */
const plainMessages = (messages: readonly unknown[]) =>
  messages.map((m) => {
    const x = m as { data?: unknown };
    return x.data instanceof Uint8Array ? { ...x, data: [...x.data] } : x;
  });

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

const plain = (frames: ReadFrame[]) => frames.map(({ offset, ...f }) => ({ ...f, offset, payload: [...f.payload] }));

const frameArb: fc.Arbitrary<WebSocketFrame> = fc.record({
  fin: fc.boolean(),
  opcode: fc.constantFrom(0, 1, 2),
  mask: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
  payload: fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.constantFrom(0, 125, 126, 127, 65535, 65536).map((n) => new Uint8Array(n).fill(0x5a)),
  ),
});

describe('frame properties', () => {
  it('round trip at every length boundary, masked and unmasked', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const bytes = serializeFrame(frame);
        const [read, ...rest] = new WebSocketFrameReader().push(bytes);
        expect(rest).toHaveLength(0);
        expect(read!.fin).toBe(frame.fin);
        expect(read!.opcode).toBe(frame.opcode);
        expect(read!.mask).toEqual(frame.mask);
        expect(read!.payload).toEqual(frame.payload);
      }),
      { numRuns: 60, examples: frameCases.filter((c) => !c.frame.rsv).map((c): [WebSocketFrame] => [c.frame]) },
    );
  });

  it('any chunking, byte by byte included, equals one push', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 12 }), (frames, cuts) => {
        const stream = new Uint8Array(frames.flatMap((f) => [...serializeFrame(f)]));
        const whole = plain(new WebSocketFrameReader().push(stream));
        const reader = new WebSocketFrameReader();
        const chunked = plain(split(stream, cuts).flatMap((c) => reader.push(c)));
        expect(chunked).toEqual(whole);
        if (stream.length < 2000) {
          const bytewise = new WebSocketFrameReader();
          expect(plain([...stream].flatMap((b) => bytewise.push(Uint8Array.of(b))))).toEqual(whole);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('messages: any chunking equals one push, seeded with the table', () => {
    fc.assert(
      fc.property(fc.constantFrom(...messageCases), fc.array(fc.nat(), { maxLength: 8 }), (c, cuts) => {
        const reader = new WebSocketMessageReader();
        expect(split(c.bytes, cuts).flatMap((chunk) => reader.push(chunk))).toEqual(c.messages);
      }),
    );
  });

  it('any chunking gives the same messages, then the same error, and a failed reader stays failed', () => {
    const piece = fc.oneof(
      frameArb.map((f) => serializeFrame(f)),
      fc.constantFrom(...messageCases.map((c) => c.bytes), ...badMessageCases.map((c) => c.bytes)),
      fc.uint8Array({ maxLength: 12 }),
    );
    const outcome = (chunks: readonly Uint8Array[], role: 'server' | 'client' | 'any') => {
      const reader = new WebSocketMessageReader({ role, maxMessageSize: 70_000 });
      const messages: unknown[] = [];
      try {
        for (const c of chunks) messages.push(...reader.push(c));
        reader.push(new Uint8Array(0));
      } catch (e) {
        expect(e).toBeInstanceOf(WebSocketError);
        expect(() => reader.push(Uint8Array.of(0x82, 0x00))).toThrow(e as Error);
        const { code, offset } = e as WebSocketError;
        return { messages: plainMessages(messages), error: { code, offset } };
      }
      return { messages: plainMessages(messages), error: undefined };
    };
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.constantFrom('server', 'client', 'any') as fc.Arbitrary<'server' | 'client' | 'any'>,
        (pieces, cuts, role) => {
          const stream = concat(pieces);
          const whole = outcome([stream], role);
          expect(outcome(split(stream, cuts), role)).toEqual(whole);
          if (stream.length < 3000) {
            expect(
              outcome(
                Array.from(stream, (_, i) => stream.subarray(i, i + 1)),
                role,
              ),
            ).toEqual(whole);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('arbitrary bytes only ever give WebSocketError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }) as fc.Arbitrary<Uint8Array>,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('server', 'client', 'any') as fc.Arbitrary<'server' | 'client' | 'any'>,
        (bytes, cuts, role) => {
          const reader = new WebSocketMessageReader({ role, maxMessageSize: 1000 });
          try {
            for (const chunk of split(bytes, cuts)) reader.push(chunk);
          } catch (e) {
            expect(e).toBeInstanceOf(WebSocketError);
            expect([1002, 1007, 1009]).toContain((e as WebSocketError).closeCode);
          }
        },
      ),
      { examples: messageCases.map((c): [Uint8Array, number[], 'any'] => [c.bytes, [], 'any']) },
    );
  });
});
