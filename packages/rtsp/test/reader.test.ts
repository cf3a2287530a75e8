import { concat, fromAscii, hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { type GarbageRun, MessageReader, RtspError, type RtspStreamItem } from '../src/index.js';
import { crlf, messageCases } from './cases.js';
import { plain } from './helpers.js';

function pushAll(chunks: readonly Uint8Array[], reader = new MessageReader()): RtspStreamItem[] {
  return chunks.flatMap((c) => reader.push(c));
}

/** Pushes every chunk, then an empty one to collect an error deferred by the last push. */
function readAll(chunks: readonly Uint8Array[], reader: MessageReader): { items: RtspStreamItem[]; error: unknown } {
  const items: RtspStreamItem[] = [];
  try {
    for (const c of chunks) items.push(...reader.push(c));
    reader.push(new Uint8Array(0));
  } catch (e) {
    return { items, error: e };
  }
  return { items, error: undefined };
}

function bytewise(stream: Uint8Array, reader = new MessageReader()): RtspStreamItem[] {
  return pushAll(
    Array.from(stream, (_, i) => stream.subarray(i, i + 1)),
    reader,
  );
}

const rtp = hex`
  24 00 00 0c               # '$', channel 0, 12 bytes
  80 60 00 01 00 00 0b b8   # RTP header
  de ad be ef
`;
const rtcp = hex`24 01 00 04   81 c9 00 01`;

describe('MessageReader', () => {
  const messages = messageCases.filter((c) => !c.decodeOnly);
  const stream = concat(...messages.flatMap((c, i) => (i % 2 === 0 ? [c.wire, rtp] : [c.wire, rtcp, crlf('\n')])));
  const expected = messages.flatMap((c, i) => (i % 2 === 0 ? [c.message, 'rtp'] : [c.message, 'rtcp']));

  it('reads messages and interleaved frames in order, in one push', () => {
    const items = new MessageReader().push(stream);
    expect(items.map((i) => (i.kind === 'frame' ? (i.channel === 0 ? 'rtp' : 'rtcp') : i))).toEqual(expected);
    const frame = items[1];
    expect(frame?.kind === 'frame' && frame.payload.buffer).toBe(stream.buffer);
  });

  it('gives the same items byte by byte, and never mutates the input', () => {
    const copy = stream.slice();
    const reader = new MessageReader();
    expect(plain(bytewise(stream, reader))).toEqual(plain(new MessageReader().push(stream)));
    expect(stream).toEqual(copy);
    expect(reader.bufferedBytes).toBe(0);
    expect(reader.offset).toBe(stream.length);
  });

  it('keeps payload views valid after later pushes', () => {
    const reader = new MessageReader();
    const first = reader.push(rtp.subarray(0, 10));
    expect(first).toEqual([]);
    const items = reader.push(concat(rtp.subarray(10), rtp));
    reader.push(concat(rtcp, rtcp.subarray(0, 3)));
    reader.push(rtcp.subarray(3));
    expect(items.map((i) => i.kind === 'frame' && Array.from(i.payload))).toEqual([
      Array.from(rtp.subarray(4)),
      Array.from(rtp.subarray(4)),
    ]);
  });

  it('accepts server-initiated requests between responses and frames (client side)', () => {
    const s = concat(
      rtp,
      crlf('GET_PARAMETER rtsp://cam/ RTSP/1.0\nCSeq: 1\n\n'),
      rtp,
      crlf('RTSP/1.0 200 OK\nCSeq: 10\n\n'),
    );
    expect(new MessageReader().push(s).map((i) => i.kind)).toEqual(['frame', 'request', 'frame', 'response']);
  });

  it('skips garbage to the next start line or $, reports each run once, keeps every valid message', () => {
    const runs: GarbageRun[] = [];
    const reader = new MessageReader({ onGarbage: (run) => runs.push(run) });
    const options = crlf('OPTIONS * RTSP/1.0\nCSeq: 2\n\n');
    const s = concat(
      fromAscii('\x00\x01junk'),
      rtp,
      fromAscii('RTSP/1.0 xyz\r\nmore junk\r\n'),
      options,
      fromAscii('zz'),
      rtcp,
    );
    const items = reader.push(s);
    expect(items.map((i) => i.kind)).toEqual(['frame', 'request', 'frame']);
    const expectedRuns = [
      { offset: 0, length: 6 },
      { offset: 22, length: 25 },
      { offset: 22 + 25 + options.length, length: 2 },
    ];
    expect(runs).toEqual(expectedRuns);
    expect(reader.skippedBytes).toBe(6 + 25 + 2);
    const bytewiseRuns: GarbageRun[] = [];
    expect(plain(bytewise(s, new MessageReader({ onGarbage: (run) => bytewiseRuns.push(run) })))).toEqual(plain(items));
    expect(bytewiseRuns).toEqual(expectedRuns);
  });

  it('does not take a request line inside a garbage line for a message', () => {
    const s = concat(fromAscii('{yzOPTIONS * RTSP/1.0\r\n\r\n'), crlf('OPTIONS * RTSP/1.0\nCSeq: 1\n\n'));
    const one = new MessageReader().push(s);
    expect(one.length).toBe(1);
    const split = pushAll([s.subarray(0, 3), s.subarray(3)]);
    expect(plain(split)).toEqual(plain(one));
  });

  it('reads HTTP heads with no Content-Length as bodiless (tunnel GET response)', () => {
    const s = concat(crlf('HTTP/1.0 200 OK\nContent-Type: application/x-rtsp-tunnelled\n\n'), rtp);
    expect(new MessageReader().push(s).map((i) => i.kind)).toEqual(['response', 'frame']);
  });

  const limitCases: ReadonlyArray<{
    name: string;
    options: object;
    input: Uint8Array;
    code: string;
    status: number;
    offset: number;
  }> = [
    {
      name: 'frame payload',
      options: { maxFramePayloadBytes: 8 },
      input: concat(rtcp, rtp),
      code: 'ERR_RTSP_FRAME_TOO_LARGE',
      status: 413,
      offset: 8,
    },
    {
      name: 'body bytes',
      options: { maxBodyBytes: 10 },
      input: concat(rtp, crlf('ANNOUNCE rtsp://cam/ RTSP/1.0\nContent-Length: 11\n\n')),
      code: 'ERR_RTSP_BODY_TOO_LARGE',
      status: 413,
      offset: 16 + 31,
    },
    {
      name: 'start line',
      options: { maxStartLineBytes: 40 },
      input: concat(rtp, fromAscii(`OPTIONS rtsp://cam/${'a'.repeat(40)} RTSP/1.0\r\n\r\n`)),
      code: 'ERR_RTSP_START_LINE_TOO_LONG',
      status: 414,
      offset: 16 + 40,
    },
    {
      name: 'header bytes',
      options: { maxHeaderBytes: 64, maxStartLineBytes: 32 },
      input: concat(rtp, crlf(`OPTIONS * RTSP/1.0\nX-Long: ${'b'.repeat(64)}\n\n`)),
      code: 'ERR_RTSP_HEADERS_TOO_LARGE',
      status: 431,
      offset: 16 + 64,
    },
    {
      name: 'header count',
      options: { maxHeaderCount: 2 },
      input: concat(rtp, crlf('OPTIONS * RTSP/1.0\nA: 1\nB: 2\nC: 3\n\n')),
      code: 'ERR_RTSP_TOO_MANY_HEADERS',
      status: 431,
      offset: 16 + 32,
    },
  ];

  for (const c of limitCases) {
    it(`fails at the ${c.name} limit with the stream offset, after the same items whatever the chunking, then stays failed`, () => {
      const whole = readAll([c.input], new MessageReader(c.options));
      expect(whole.items.map((i) => i.kind)).toEqual(['frame']);
      const e = whole.error as RtspError;
      expect(e).toBeInstanceOf(RtspError);
      expect([e.code, e.status, e.offset]).toEqual([c.code, c.status, c.offset]);
      const reader = new MessageReader(c.options);
      const bytes = readAll(
        Array.from(c.input, (_, i) => c.input.subarray(i, i + 1)),
        reader,
      );
      expect(plain(bytes.items)).toEqual(plain(whole.items));
      expect(bytes.error).toEqual(e);
      expect(reader.error).toBe(bytes.error);
      expect(() => reader.push(rtp)).toThrow(bytes.error as Error);
    });
  }

  it('a push that completes items before a fatal error returns them; the next push throws', () => {
    const reader = new MessageReader();
    const items = reader.push(concat(rtp, crlf('OPTIONS * RTSP/1.0\nno colon here\n\n')));
    expect(items.map((i) => i.kind)).toEqual(['frame']);
    expect(reader.error?.code).toBe('ERR_RTSP_INVALID_HEADER');
    expect(() => reader.push(new Uint8Array(0))).toThrow(reader.error as Error);
  });

  it('a bodiless response, then a bad header line: one push and byte by byte agree (fuzzer finding)', () => {
    // rtsp-MessageReader.chunking.066e53a0: one push gave the first response, byte by byte none.
    const input = fromAscii('RTSP/1.0 200\n\nRTSP/1.0 200 \nC\n\n');
    const whole = readAll([input], new MessageReader());
    expect(whole.items.map((i) => i.kind === 'response' && i.status)).toEqual([200]);
    expect([(whole.error as RtspError).code, (whole.error as RtspError).offset]).toEqual([
      'ERR_RTSP_INVALID_HEADER',
      28,
    ]);
    const bytes = readAll(
      Array.from(input, (_, i) => input.subarray(i, i + 1)),
      new MessageReader(),
    );
    expect(plain(bytes.items)).toEqual(plain(whole.items));
    expect(bytes.error).toEqual(whole.error);
  });

  it('a malformed head after a valid start line is fatal', () => {
    const reader = new MessageReader();
    expect(() => reader.push(crlf('OPTIONS * RTSP/1.0\nno colon here\n\n'))).toThrow(/invalid header line/);
    expect(() => reader.push(rtp)).toThrow(/invalid header line/);
  });
});
