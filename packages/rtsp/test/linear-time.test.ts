import { fromAscii } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { AuthServer, MessageReader, parseRequest, parseWwwAuthenticate, serializeRequest } from '../src/index.js';

/**
 * How much longer `run` takes on an input 16 times larger: about 16 when the work is
 * linear, about 256 when it is quadratic (the fuzzer findings below took seconds at the
 * larger size). The best of several runs at each size keeps a busy machine's pauses out,
 * the smaller size is large enough (a few milliseconds) for timer and collector noise not
 * to dominate, and the bound (100) sits well between linear and quadratic; a second attempt
 * absorbs a one-off stall. Not a deadline: only the ratio is checked.
 */
function growth(make: (n: number) => () => void, n: number): number {
  const best = (size: number) => {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const run = make(size);
      const start = performance.now();
      run();
      min = Math.min(min, performance.now() - start);
    }
    return Math.max(min, 0.05);
  };
  best(n); // warm the JIT
  const ratio = () => best(16 * n) / best(n);
  const first = ratio();
  return first < LINEAR ? first : Math.min(first, ratio());
}

// Linear work measures 16 to ~50 here (caches and the collector favour the small input);
// quadratic work measures 256 and more.
const LINEAR = 100;
const big = { maxHeaderBytes: 1 << 22, maxStartLineBytes: 1 << 21 };

function bytewise(bytes: Uint8Array, reader: MessageReader, step = 1): void {
  for (let i = 0; i < bytes.length; i += step) reader.push(bytes.subarray(i, i + step));
}

describe('time linear in input size (16x input, well under 256x the time)', () => {
  it('header value with a long run of inner blanks (trimOws regex)', () => {
    const g = growth((n) => {
      const wire = fromAscii(`OPTIONS * RTSP/1.0\r\nX: a${' '.repeat(n)}b\r\n\r\n`);
      return () => parseRequest(wire, big);
    }, 4000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('serializing a header value with a long run of inner blanks (headerLines regex)', () => {
    const g = growth((n) => {
      const m = {
        method: 'OPTIONS',
        uri: '*',
        version: 'RTSP/1.0',
        headers: [['X', `a${' '.repeat(n)}b`] as const],
        body: new Uint8Array(0),
      };
      return () => serializeRequest(m);
    }, 4000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('Digest uri full of slashes (uriMatches)', () => {
    const auth = new AuthServer({ realm: 'r' });
    const g = growth((n) => {
      const value = `Digest username="u", realm="r", nonce="n", uri="${'/'.repeat(n)}x", response="00"`;
      const request = { method: 'DESCRIBE', uri: 'rtsp://cam/live', headers: [['Authorization', value] as const] };
      return () => auth.verify(request, () => 'secret', 0);
    }, 2000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('many challenges in one WWW-Authenticate value', () => {
    const g = growth((n) => {
      const value = 'Basic, '.repeat(n);
      return () => parseWwwAuthenticate(value);
    }, 2000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('MessageReader: a head pushed one byte at a time', () => {
    const g = growth((n) => {
      const wire = fromAscii(`OPTIONS * RTSP/1.0\r\n${'X-Pad: 0123456789\r\n'.repeat(n / 20)}\r\n`);
      return () => bytewise(wire, new MessageReader({ ...big, maxHeaderCount: 1 << 20 }));
    }, 3000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('MessageReader: a long start line pushed one byte at a time', () => {
    const g = growth((n) => {
      const wire = fromAscii(`OPTIONS rtsp://cam/${'a'.repeat(n)} RTSP/1.0\r\n\r\n`);
      return () => bytewise(wire, new MessageReader(big));
    }, 3000);
    expect(g).toBeLessThan(LINEAR);
  });

  it('MessageReader: garbage in 3-byte pushes, reported', () => {
    const g = growth((n) => {
      const junk = new Uint8Array(n).fill(0x00);
      return () => bytewise(junk, new MessageReader({ onGarbage: () => {} }), 3);
    }, 9000);
    expect(g).toBeLessThan(LINEAR);
  });
});
