import { concat, fromAscii } from '@rtspkit/bytes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MessageReader,
  parseMessageHead,
  parseRequest,
  parseResponse,
  RtspError,
  type RtspRequest,
  type RtspResponse,
  type RtspStreamItem,
  serializeRequest,
  serializeResponse,
} from '../src/index.js';
import { messageCases } from './cases.js';
import { plain } from './helpers.js';

const token = fc.stringMatching(/^[A-Za-z0-9_\-.!#$%&'*+^`|~]{1,12}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7eé]{0,30}[\x21-\x7e])?$/).map((v) => v);
const headerName = token.filter((n) => n.toLowerCase() !== 'content-length');
const headers = fc.array(fc.tuple(headerName, fc.oneof(headerValue, fc.constant(''))), { maxLength: 6 });
const body = fc.uint8Array({ maxLength: 40 });
const version = fc.constantFrom('RTSP/1.0', 'RTSP/2.0', 'HTTP/1.0', 'HTTP/1.1');

const request: fc.Arbitrary<RtspRequest> = fc.record({
  kind: fc.constant('request' as const),
  method: token.filter((m) => !m.startsWith('$')),
  uri: fc.stringMatching(/^[\x21-\x7e]{1,30}$/),
  version,
  headers,
  body,
});
const response: fc.Arbitrary<RtspResponse> = fc.record({
  kind: fc.constant('response' as const),
  version,
  status: fc.integer({ min: 100, max: 999 }),
  reason: fc.oneof(fc.constant(''), headerValue),
  headers,
  body,
});

/**
 * What parsing a serialized message gives back: Content-Length headers that state the
 * body's length stay where they are, others go, and one is appended when none is left.
 */
function expectedBack<M extends RtspRequest | RtspResponse>(m: M): M {
  if (m.body.length === 0) return m;
  const kept = m.headers.filter(([n, v]) => n.toLowerCase() !== 'content-length' || Number(v) === m.body.length);
  if (kept.some(([n]) => n.toLowerCase() === 'content-length')) return { ...m, headers: kept };
  return { ...m, headers: [...kept, ['Content-Length', String(m.body.length)]] };
}

const frame = fc
  .record({ channel: fc.nat(255), payload: fc.uint8Array({ maxLength: 40 }) })
  .map(({ channel, payload }) =>
    concat(new Uint8Array([0x24, channel, payload.length >> 8, payload.length & 0xff]), payload),
  );
const serialized = fc.oneof(
  request.map(serializeRequest),
  response.map(serializeResponse),
  frame,
  fc.constantFrom(...messageCases.map((c) => c.wire)),
  fc.constant(fromAscii('\r\n')),
);

function splitAt(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(stream.subarray(last, p));
    last = p;
  }
  out.push(stream.subarray(last));
  return out;
}

/**
 * Feeds chunks, then an empty push that throws an error the last push deferred; returns
 * the items, the error's code and offset, and the bytes skipped.
 */
function feed(chunks: readonly Uint8Array[]): { items: RtspStreamItem[]; error: string | undefined; skipped: number } {
  const reader = new MessageReader();
  const items: RtspStreamItem[] = [];
  try {
    for (const c of chunks) items.push(...reader.push(c));
    reader.push(new Uint8Array(0));
  } catch (e) {
    if (!(e instanceof RtspError)) throw e;
    return { items, error: `${e.code}@${e.offset}`, skipped: reader.skippedBytes };
  }
  return { items, error: undefined, skipped: reader.skippedBytes };
}

describe('properties', () => {
  it('request round trip', () => {
    const examples = messageCases.flatMap((c) =>
      c.message.kind === 'request' && !c.decodeOnly ? [[c.message] as [RtspRequest]] : [],
    );
    fc.assert(
      fc.property(request, (m) => {
        expect(parseRequest(serializeRequest(m))).toEqual(expectedBack(m));
      }),
      { examples },
    );
  });

  it('response round trip', () => {
    const examples = messageCases.flatMap((c) =>
      c.message.kind === 'response' && !c.decodeOnly ? [[c.message] as [RtspResponse]] : [],
    );
    fc.assert(
      fc.property(response, (m) => {
        expect(parseResponse(serializeResponse(m))).toEqual(expectedBack(m));
      }),
      { examples },
    );
  });

  it('MessageReader: random chunking and byte by byte give the same items as one push', () => {
    fc.assert(
      fc.property(fc.array(serialized, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, cuts) => {
        const stream = concat(...parts);
        const whole = feed([stream]);
        expect(whole.error).toBeUndefined();
        expect(whole.skipped).toBe(0);
        expect(plain(feed(splitAt(stream, cuts)).items)).toEqual(plain(whole.items));
        expect(plain(feed(Array.from(stream, (_, i) => stream.subarray(i, i + 1))).items)).toEqual(plain(whole.items));
        expect(whole.items.length).toBe(parts.filter((p) => !(p.length === 2 && p[0] === 13 && p[1] === 10)).length);
      }),
    );
  });

  it('MessageReader: arbitrary bytes give only RtspError, the same under any chunking', () => {
    const noisy = fc.array(
      fc.oneof(serialized, fc.uint8Array({ maxLength: 30 }), fc.constantFrom(fromAscii('$'), fromAscii('\n'))),
      {
        maxLength: 8,
      },
    );
    fc.assert(
      fc.property(noisy, fc.array(fc.nat(), { maxLength: 10 }), (parts, cuts) => {
        const stream = concat(...parts);
        const whole = feed([stream]);
        const chunked = feed(splitAt(stream, cuts));
        const bytewise = feed(Array.from(stream, (_, i) => stream.subarray(i, i + 1)));
        // The same items, then the same error (or none), whatever the chunking.
        expect(chunked.error).toBe(whole.error);
        expect(bytewise.error).toBe(whole.error);
        expect(plain(chunked.items)).toEqual(plain(whole.items));
        expect(plain(bytewise.items)).toEqual(plain(whole.items));
        if (whole.error === undefined) expect(bytewise.skipped).toBe(whole.skipped);
      }),
    );
  });

  it('whole-message parsers: arbitrary bytes give only RtspError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          serialized.map((s) => s.subarray(0, s.length - 1)),
        ),
        (bytes) => {
          for (const f of [parseRequest, parseResponse, parseMessageHead]) {
            try {
              f(bytes);
            } catch (e) {
              expect(e).toBeInstanceOf(RtspError);
            }
          }
        },
      ),
    );
  });
});
