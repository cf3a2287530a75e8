import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodecError, onlyCodecError, rtpPacket } from '../src/index.js';

// The shape of @rtspkit/bytes's classes (test-utils cannot import bytes; bytes's own tests
// check the real CodecError subclasses with these helpers).
class CodecError extends Error {
  readonly code: string;
  readonly offset: number | undefined;
  constructor(code: string, message: string, offset?: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.offset = offset;
  }
}
class DemoError extends CodecError {}
class OtherError extends CodecError {}

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the helper accepted what it must refuse');
};

describe('expectCodecError', () => {
  it('returns the error when code, offset and class match', () => {
    const e = expectCodecError(
      () => {
        throw new DemoError('ERR_DEMO_SHORT', 'short', 4);
      },
      { code: 'ERR_DEMO_SHORT', offset: 4, type: DemoError },
    );
    expect(e).toBeInstanceOf(DemoError);
    expect(e.message).toBe('short');
  });
  it('checks the offset only when given, and `offset: undefined` means none', () => {
    const thrower = () => {
      throw new DemoError('ERR_DEMO_SHORT', 'short', 4);
    };
    expect(expectCodecError(thrower, { code: 'ERR_DEMO_SHORT' }).offset).toBe(4);
    expect(message(() => expectCodecError(thrower, { code: 'ERR_DEMO_SHORT', offset: undefined }))).toBe(
      'expected a CodecError ERR_DEMO_SHORT at byte undefined, got DemoError ERR_DEMO_SHORT at byte 4: short',
    );
  });
  const refusals: Array<{
    name: string;
    fn: () => unknown;
    expected: Parameters<typeof expectCodecError>[1];
    says: string;
  }> = [
    {
      name: 'nothing thrown',
      fn: () => 1,
      expected: { code: 'ERR_DEMO_SHORT' },
      says: 'expected a CodecError ERR_DEMO_SHORT, but nothing was thrown',
    },
    {
      name: 'a promise returned',
      fn: () => Promise.resolve(),
      expected: { code: 'ERR_DEMO_SHORT' },
      says: 'expected a CodecError ERR_DEMO_SHORT, but the function returned a promise',
    },
    {
      name: 'a TypeError',
      fn: () => (undefined as unknown as { x: number }).x,
      expected: { code: 'ERR_DEMO_SHORT' },
      says: 'expected a CodecError ERR_DEMO_SHORT, got TypeError',
    },
    {
      name: 'another code',
      fn: () => {
        throw new DemoError('ERR_DEMO_LONG', 'long');
      },
      expected: { code: 'ERR_DEMO_SHORT' },
      says: 'expected a CodecError ERR_DEMO_SHORT, got DemoError ERR_DEMO_LONG: long',
    },
    {
      name: 'another offset',
      fn: () => {
        throw new DemoError('ERR_DEMO_SHORT', 'short', 3);
      },
      expected: { code: 'ERR_DEMO_SHORT', offset: 4 },
      says: 'expected a CodecError ERR_DEMO_SHORT at byte 4, got DemoError ERR_DEMO_SHORT at byte 3: short',
    },
    {
      name: "another package's class",
      fn: () => {
        throw new OtherError('ERR_DEMO_SHORT', 'short');
      },
      expected: { code: 'ERR_DEMO_SHORT', type: DemoError },
      says: 'expected DemoError ERR_DEMO_SHORT, got OtherError ERR_DEMO_SHORT: short',
    },
    {
      name: 'an Error with a code that is no CodecError',
      fn: () => {
        throw Object.assign(new Error('plain'), { code: 'ERR_DEMO_SHORT' });
      },
      expected: { code: 'ERR_DEMO_SHORT' },
      says: 'expected a CodecError ERR_DEMO_SHORT, got Error ERR_DEMO_SHORT: plain',
    },
  ];
  for (const r of refusals) {
    it(`fails on ${r.name}, saying what was expected`, () => {
      expect(message(() => expectCodecError(r.fn, r.expected))).toContain(r.says);
    });
  }
});

describe('onlyCodecError', () => {
  it('accepts no throw and the given class, refuses anything else', () => {
    onlyCodecError(DemoError, () => 1);
    onlyCodecError(DemoError, () => {
      throw new DemoError('ERR_DEMO_SHORT', 'short');
    });
    expect(
      message(() =>
        onlyCodecError(DemoError, () => {
          throw new OtherError('ERR_OTHER', 'other', 1);
        }),
      ),
    ).toBe('expected nothing or a DemoError, got OtherError ERR_OTHER at byte 1: other');
    expect(message(() => onlyCodecError(DemoError, () => JSON.parse('{')))).toMatch(
      /^expected nothing or a DemoError, got SyntaxError: /,
    );
  });
});

describe('rtpPacket', () => {
  it('fills every field the test leaves out', () => {
    expect(rtpPacket()).toEqual({
      marker: false,
      payloadType: 96,
      sequenceNumber: 0,
      timestamp: 0,
      ssrc: 0x11223344,
      csrcs: [],
      payload: new Uint8Array(0),
      paddingLength: 0,
    });
    const extension = { profile: 0xbede, data: new Uint8Array(4) };
    expect(rtpPacket({ marker: true, extension, payload: Uint8Array.of(1) })).toMatchObject({
      marker: true,
      extension,
      payload: Uint8Array.of(1),
    });
    expect('extension' in rtpPacket()).toBe(false);
  });
  it('wraps sequence numbers and timestamps to their field widths (RFC 3550 §5.1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.nat(), (n, ts) => {
        const p = rtpPacket({ sequenceNumber: n, timestamp: ts * 7919 });
        expect(p.sequenceNumber).toBe(((n % 65536) + 65536) % 65536);
        expect(p.timestamp).toBe((ts * 7919) % 2 ** 32);
      }),
    );
  });
});
