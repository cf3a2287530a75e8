import { concat, encodeUtf8 } from '@rtspkit/bytes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MessageReader,
  parseRange,
  parseRequest,
  parseResponse,
  parseRtpInfo,
  parseRtspUrl,
  parseSession,
  RtspError,
  type RtspLimits,
  type RtspRequest,
  type RtspResponse,
  serializeRange,
  serializeRequest,
  serializeResponse,
  serializeRtpInfo,
  serializeRtspUrl,
  serializeSession,
} from '../src/index.js';
import { invalidRangeValues, rangeCases, rtpInfoCases, sessionCases } from './header-cases.js';
import { growingHead, messageCases } from './cases.js';
import { plain } from './helpers.js';

/**
 * The rule parsers and serializers keep: whatever `parse` returns, `serialize` writes, and
 * `parse(serialize(v))` equals `v`. Input the parser refuses (with its own error) is fine.
 */
function parsesBack<T, S>(parse: (input: S) => T, serialize: (value: T) => S, input: S): void {
  let value: T;
  try {
    value = parse(input);
  } catch (e) {
    expect(e).toBeInstanceOf(RtspError);
    return;
  }
  expect(parse(serialize(value))).toEqual(value);
}

/** Strings drawn from a grammar's pieces, so that most of them parse. */
function sentences(pieces: readonly string[], maxLength = 12): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength })
    .map((p) => p.join(''));
}

const digits = fc.oneof(
  fc.stringMatching(/^\d{1,30}$/),
  fc.nat(400).map((n) => '9'.repeat(n)),
  fc.constantFrom('1000000000000000000000', '999999999999999999999', '0.0000000001', '12.3456789012'),
);

describe('parse, serialize, parse gives back the same value (or the parser refuses)', () => {
  it('Range', () => {
    const text = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('npt=', 'NPT = ', 'clock=', 'smpte=', 'smpte-25='),
          digits,
          fc.constantFrom('-', ' - '),
          fc.option(digits),
        )
        .map(([u, a, d, b]) => `${u}${a}${d}${b ?? ''}`),
      sentences(['npt', 'clock', 'smpte', '=', '-', '.', ':', 'now', ';time=', '19970123T143720Z', '10', '0', ' ']),
    );
    const examples = [...rangeCases.map((c) => c.value), ...invalidRangeValues].map((v): [string] => [v]);
    fc.assert(
      fc.property(text, (v) => parsesBack(parseRange, serializeRange, v)),
      { examples },
    );
  });

  it('RTP-Info', () => {
    const noise = fc.constantFrom('', '', '"', '\\"', ' ', '\t', ';', ',', '=', '\u00a0');
    const entry = fc
      .tuple(
        fc.constantFrom('url=', 'URL = ', ' url='),
        noise,
        fc.constantFrom('rtsp://cam/a', 'rtsp://cam/a?x=1,2', 'trackID=1', ''),
        noise,
        fc.constantFrom('', ';seq=1', ';seq=', ';seq=65536', ';rtptime=4294967295', ';x=y'),
        noise,
      )
      .map((p) => p.join(''));
    const text = fc.oneof(
      fc.array(entry, { minLength: 1, maxLength: 3 }).map((e) => e.join(',')),
      sentences(['url=', 'rtsp://cam/a', '"', ';seq=', ',', ' ', '1']),
    );
    fc.assert(
      fc.property(text, (v) => parsesBack(parseRtpInfo, serializeRtpInfo, v)),
      { examples: rtpInfoCases.map((c): [string] => [c.value]) },
    );
  });

  it('Session', () => {
    const text = sentences(['abc', ',', ';', 'timeout', '=', '60', '"', ' ', '\t', '0', 'x;y']);
    fc.assert(
      fc.property(text, (v) => parsesBack(parseSession, serializeSession, v)),
      { examples: sessionCases.map((c): [string] => [c.value]) },
    );
  });

  it('RTSP URLs (with credentials)', () => {
    const noise = fc.constantFrom('', '', '', '%', '%40', '%ff', '@', ':', ' ', 'é', '[', ']', '#', '?', '\n', '\t');
    const text = fc
      .tuple(
        fc.constantFrom('rtsp://', 'RTSPS://', 'ws://', 'rtsp+http://', 'http://'),
        fc.constantFrom('', 'user@', 'user:pass@', ':@', 'a@b@'),
        noise,
        fc.constantFrom('cam', '[::1]', '10.0.0.1', 'Cam.Local', ''),
        fc.constantFrom('', ':554', ':0', ':', ':65536', ':80'),
        noise,
        fc.constantFrom('', '/live', '/a b', '/'),
        fc.constantFrom('', '?a=1', '?', '#frag'),
        noise,
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, (v) => parsesBack(parseRtspUrl, (u) => serializeRtspUrl(u, { credentials: true }), v)),
      // rtsp://@1: a fuzzer finding, an empty username written back only with credentials.
      {
        examples: [
          ['rtsp://a:b@[::1]:80/x?y'],
          ['rtsp://@cam'],
          ['rtsp://@1'],
          ['rtsp://u:p%zz@cam/'],
          ['rtsp://4/\n#'],
        ],
      },
    );
  });

  const limits: Partial<RtspLimits> = { maxHeaderBytes: 160, maxStartLineBytes: 80 };
  const blank = fc.constantFrom(' ', ' ', '\t', '  ', '');
  const line = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('OPTIONS', 'GET_PARAMETER', 'GET'),
        blank,
        fc.constantFrom('*', 'rtsp://cam/a', '/a\u00a0b', 'rtsp://cam/é'),
        blank,
        fc.constantFrom('RTSP/1.0', 'HTTP/1.1', 'RTSP/3.0'),
        blank,
      )
      .map(([m, a, u, b, v, c]) => `${m} ${a}${u} ${b}${v}${c}`),
    fc
      .tuple(
        fc.constantFrom('RTSP/1.0', 'RTSP/2.0'),
        blank,
        fc.constantFrom('200', '401', '20'),
        blank,
        fc.constantFrom('OK', '', '\u000bOK', 'Not  Found', 'é', '\u0001'),
      )
      .map(([v, a, s, b, r]) => `${v} ${a}${s} ${b}${r}`),
  );
  const value = fc.oneof(
    fc.constantFrom('1', 'a b', ' padded ', 'a\rb', 'é', '', '\t', 'x\r'),
    fc.string({ maxLength: 8 }).filter((v) => !/[\r\n]/.test(v)),
  );
  const header = fc.oneof(
    fc
      .tuple(fc.constantFrom('CSeq', 'X', 'Session', 'Content-Length'), fc.constantFrom(':', ' :', ': ', ':\t'), value)
      .map((p) => p.join('')),
    value.map((v) => ` ${v}`), // obs-fold
    fc.constantFrom('Content-Length: 2', 'Content-Length: 02', 'Content-Length: 3', 'no colon', 'Content-Length: 0'),
  );
  const message = fc
    .tuple(
      line,
      fc.array(header, { maxLength: 10 }),
      fc.constantFrom('\r\n', '\n'),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 9 },
        // Invalid UTF-8 that would come back as U+FFFD, one to three bytes longer each.
        { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => b.map((x) => x | 0x80)), weight: 1 },
      ),
    )
    .map(([start, headers, eol, raw]) => {
      // A body as long as the first Content-Length says, so that most messages are whole.
      const stated = /^Content-Length *:[ \t]*(\d)/.exec(headers.find((h) => h.startsWith('Content-Length')) ?? '');
      const body = 'x'.repeat(Number(stated?.[1] ?? 0));
      return concat(
        encodeUtf8(start),
        raw ?? new Uint8Array(0),
        encodeUtf8(`${eol}${headers.join(eol)}${headers.length > 0 ? eol : ''}${eol}${body}`),
      );
    });

  it('whole RTSP messages, and the MessageReader reads what the serializer writes', () => {
    const examples = [...messageCases.map((c) => c.wire), growingHead.wire].map((w): [Uint8Array] => [w]);
    fc.assert(
      fc.property(message, (wire) => {
        for (const [parse, serialize] of [
          [parseRequest, serializeRequest],
          [parseResponse, serializeResponse],
        ] as const) {
          let m: RtspRequest | RtspResponse;
          try {
            m = parse(wire, limits);
          } catch (e) {
            expect(e).toBeInstanceOf(RtspError);
            continue;
          }
          const written = (serialize as (x: typeof m) => Uint8Array)(m);
          expect(plain([parse(written, limits)])).toEqual(plain([m]));
          expect(plain(new MessageReader(limits).push(written))).toEqual(plain([m]));
        }
      }),
      { examples, numRuns: 400 },
    );
  });
});
