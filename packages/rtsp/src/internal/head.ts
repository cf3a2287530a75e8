import { decodeUtf8, decodeUtf8Strict, trimBlanks } from '@rtspkit/bytes';
import { RtspError, RtspErrorCode } from '../errors.js';
import type { RtspLimits } from '../limits.js';
import { RTSP_VERSIONS, type RtspRequest, type RtspResponse } from '../message.js';
import { isToken } from './text.js';

export const CR = 0x0d;
export const LF = 0x0a;
const EMPTY = new Uint8Array(0);

// tchar (RFC 7230 §3.2.6) as a byte table.
const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1;
}
// Bytes a start line may hold: tab, printable ASCII and 0x80-0xff (UTF-8 in reason phrases
// and paths, RFC 7826 §20.1); no other control character (RFC 9112 §4: reason-phrase is
// HTAB, SP, VCHAR and obs-text). A CR is allowed only right before the LF.
const LINE_BYTE = new Uint8Array(256);
for (let i = 0x20; i < 0x7f; i++) LINE_BYTE[i] = 1;
for (let i = 0x80; i < 0x100; i++) LINE_BYTE[i] = 1;
LINE_BYTE[0x09] = 1;

type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly uri: string; readonly version: string }
  | { readonly kind: 'response'; readonly version: string; readonly status: number; readonly reason: string };

const VERSION = /^[A-Za-z]+\/\d+\.\d+$/;
const STATUS = /^\d{3}$/;
const WHITESPACE = /\s/;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Index of the first space or tab at or after `i`, or `end`. */
function nextBlank(text: string, i: number, end: number): number {
  while (i < end && !isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the first character that is not a space or tab at or after `i`, or `end`. */
function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses a decoded start line (CR, LF and other control characters already refused);
 * null when it is neither a request line nor a status line. Fields are split at runs of
 * spaces and tabs in one pass: a regex with blank runs around a lazy group backtracks
 * quadratically on a long line of blanks.
 *
 * - status line: `version SP status [SP reason]`, the reason without surrounding blanks;
 * - request line: `method SP uri SP version`; the method is a token, the uri holds no
 *   whitespace of any kind (what the serializer refuses, the parser refuses).
 *
 * @see RFC 2326 §6.1, §7.1, RFC 9112 §3, §4
 */
function matchStartLine(text: string): StartLine | null {
  let stop = text.length;
  while (stop > 0 && isBlank(text.charCodeAt(stop - 1))) stop--;
  const firstEnd = nextBlank(text, 0, stop);
  const first = text.slice(0, firstEnd);
  const a = skipBlanks(text, firstEnd, stop);
  const aEnd = nextBlank(text, a, stop);
  if (a === firstEnd || a === aEnd) return null;
  if (VERSION.test(first)) {
    const status = text.slice(a, aEnd);
    if (!STATUS.test(status)) return null;
    const reason = text.slice(skipBlanks(text, aEnd, stop), stop);
    return { kind: 'response', version: first, status: Number(status), reason };
  }
  const v = skipBlanks(text, aEnd, stop);
  if (!isToken(first) || v === aEnd || nextBlank(text, v, stop) !== stop) return null;
  const uri = text.slice(a, aEnd);
  const version = text.slice(v, stop);
  if (WHITESPACE.test(uri) || !VERSION.test(version)) return null;
  return { kind: 'request', method: first, uri, version };
}

function isVersion(v: string): boolean {
  return (RTSP_VERSIONS as readonly string[]).includes(v);
}

/** Length of the start line content, without the trailing CR. */
function contentEnd(bytes: Uint8Array, start: number, lf: number): number {
  return lf > start && bytes[lf - 1] === CR ? lf - 1 : lf;
}

/**
 * The start line in `bytes[p, stop)` if its bytes are allowed and it decodes as UTF-8 into
 * a request or status line; else null.
 */
function readStartLine(bytes: Uint8Array, p: number, stop: number): StartLine | null {
  for (let j = p; j < stop; j++) if (LINE_BYTE[bytes[j] as number] !== 1) return null;
  const text = decodeUtf8Strict(bytes.subarray(p, stop));
  return text === undefined ? null : matchStartLine(text);
}

/**
 * Whether a start line of a message we can read begins at `p`: `'yes'` (a complete line
 * that is a request line or status line with a supported version), `'no'`, or `'more'`
 * (an incomplete line that may still become one). Any `'no'` stays `'no'` however many
 * bytes follow, so the answer never depends on how the stream was chunked. A plausible
 * line longer than `maxStartLineBytes` throws.
 *
 * `scanned` bytes after `p` are known to hold no LF and only line bytes (a caller that got
 * `'more'` passes `end - p` next time), so waiting for a long line costs linear time.
 */
export function startLineState(
  bytes: Uint8Array,
  p: number,
  scanned: number,
  end: number,
  maxStartLineBytes: number,
  base: number,
): 'yes' | 'no' | 'more' {
  if (p >= end) return 'more';
  if (TCHAR[bytes[p] as number] !== 1) return 'no';
  const window = Math.min(end, p + maxStartLineBytes + 2);
  // Recheck the last scanned byte: a CR there was allowed only while its successor was unknown.
  let i = Math.max(p + 1, p + scanned - 1);
  for (; i < window; i++) {
    const c = bytes[i] as number;
    if (c === LF) break;
    // A CR may only end the line; anything after it but LF makes this no start line.
    if (LINE_BYTE[c] !== 1 && !(c === CR && (i + 1 >= end || bytes[i + 1] === LF))) return 'no';
  }
  if (i === window) {
    if (i - p >= maxStartLineBytes + 2) throw startLineTooLong(p + maxStartLineBytes, base, maxStartLineBytes);
    return 'more';
  }
  const stop = contentEnd(bytes, p, i);
  if (stop - p > maxStartLineBytes) throw startLineTooLong(p + maxStartLineBytes, base, maxStartLineBytes);
  const line = readStartLine(bytes, p, stop);
  return line !== null && isVersion(line.version) ? 'yes' : 'no';
}

/** The error for a head longer than `maxHeaderBytes`, at the byte where the limit was crossed. */
export function headersTooLarge(start: number, l: RtspLimits, base = 0): RtspError {
  return new RtspError(
    RtspErrorCode.HeadersTooLarge,
    `head longer than ${l.maxHeaderBytes} bytes`,
    base + start + l.maxHeaderBytes,
  );
}

function startLineTooLong(at: number, base: number, max: number): RtspError {
  return new RtspError(RtspErrorCode.StartLineTooLong, `start line longer than ${max} bytes`, base + at);
}

/**
 * Index just past the blank line that ends a head beginning at `start`, or -1 when it has
 * not arrived. Lines end in LF with an optional CR. Scanning starts at `scanFrom` (≥ start)
 * so a caller that waits for more data does not rescan.
 */
export function findHeadEnd(bytes: Uint8Array, start: number, scanFrom: number, end: number): number {
  // Search only up to `end`: past it a reader's buffer holds spare capacity, and scanning
  // that on every push would cost quadratic time.
  const from = Math.max(start, scanFrom);
  const found = bytes.subarray(from, end).indexOf(LF);
  let i = found < 0 ? -1 : from + found;
  while (i !== -1 && i < end) {
    const n = bytes[i + 1];
    if (i + 1 >= end) return -1;
    if (n === LF) return i + 2;
    if (n === CR) {
      if (i + 2 >= end) return -1;
      if (bytes[i + 2] === LF) return i + 3;
    }
    const next = bytes.subarray(i + 1, end).indexOf(LF);
    i = next < 0 ? -1 : i + 1 + next;
  }
  return -1;
}

/** A parsed head: the message with an empty body, and the body length Content-Length announces. */
export type Head = { readonly message: RtspRequest | RtspResponse; readonly contentLength: number };

/** Bytes of `text` in UTF-8. */
function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Two-byte and three-byte sequences; a surrogate pair (two code units) takes four.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return n;
}

/**
 * Parses the head in `bytes[start, end)` (`end` just past the blank line). Offsets in errors
 * are `base + index`.
 *
 * Tolerated: LF-only line ends, obs-fold continuation lines (joined with one space),
 * whitespace before the colon, a bare CR inside a header value (read as a space, as
 * RFC 9112 §2.2 allows). Refused: bytes that are not UTF-8 (RFC 7826 §20.1), control
 * characters in the start line, and a head whose canonical form (what the serializer
 * writes for the parsed message) would exceed `maxHeaderBytes`, so that whatever this
 * returns, `serializeRequest`/`serializeResponse` writes and this reads back equal.
 *
 * @see RFC 7230 §3 (message format, obs-fold), RFC 9112 §2.2, RFC 7826 §20.2.2
 */
export function parseHead(bytes: Uint8Array, start: number, end: number, limits: RtspLimits, base: number): Head {
  let pos = start;
  let lf = bytes.indexOf(LF, pos);
  let stop = contentEnd(bytes, pos, lf);
  if (stop - pos > limits.maxStartLineBytes)
    throw startLineTooLong(pos + limits.maxStartLineBytes, base, limits.maxStartLineBytes);
  const line = readStartLine(bytes, pos, stop);
  if (line === null) {
    const shown = decodeUtf8(bytes.subarray(pos, Math.min(stop, pos + 64)));
    throw new RtspError(RtspErrorCode.InvalidStartLine, `invalid start line ${JSON.stringify(shown)}`, base + pos);
  }
  if (!isVersion(line.version)) {
    throw new RtspError(
      RtspErrorCode.UnsupportedVersion,
      `unsupported version ${JSON.stringify(line.version)}`,
      base + pos,
    );
  }
  // What the serializer writes: the start line with single spaces, CRLF line ends,
  // `Name: value` headers and the blank line.
  let canonical =
    line.kind === 'request'
      ? line.method.length + utf8Length(line.uri) + line.version.length + 4
      : line.version.length + 6 + (line.reason === '' ? 0 : utf8Length(line.reason) + 1);
  const headers: Array<[string, string]> = [];
  let contentLength: number | undefined;
  let contentLengthAt = 0;
  pos = lf + 1;
  while (pos < end) {
    lf = bytes.indexOf(LF, pos);
    stop = contentEnd(bytes, pos, lf);
    if (stop === pos) break; // the blank line
    const decoded = decodeUtf8Strict(bytes.subarray(pos, stop));
    if (decoded === undefined) throw new RtspError(RtspErrorCode.InvalidHeader, 'header line is not utf-8', base + pos);
    // A bare CR is a space (RFC 9112 §2.2); the serializer never writes one.
    const text = decoded.includes('\r') ? decoded.replaceAll('\r', ' ') : decoded;
    const first = text.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      // obs-fold (RFC 7230 §3.2.4): the line continues the previous value.
      const last = headers[headers.length - 1];
      if (last === undefined)
        throw new RtspError(RtspErrorCode.InvalidHeader, 'continuation line before any header', base + pos);
      const more = trimBlanks(text);
      if (more !== '') {
        canonical += utf8Length(more) + (last[1] === '' ? 0 : 1);
        last[1] = last[1] === '' ? more : `${last[1]} ${more}`;
      }
    } else {
      const colon = text.indexOf(':');
      // Some cameras put a space before the colon; the name is trimmed.
      const name = colon < 0 ? '' : text.slice(0, colon).trimEnd();
      if (!isToken(name)) {
        throw new RtspError(
          RtspErrorCode.InvalidHeader,
          `invalid header line ${JSON.stringify(text.slice(0, 64))}`,
          base + pos,
        );
      }
      if (headers.length >= limits.maxHeaderCount) {
        throw new RtspError(RtspErrorCode.TooManyHeaders, `more than ${limits.maxHeaderCount} headers`, base + pos);
      }
      const value = trimBlanks(text.slice(colon + 1));
      headers.push([name, value]);
      canonical += name.length + utf8Length(value) + 4;
      if (name.length === 14 && name.toLowerCase() === 'content-length') contentLengthAt = pos;
    }
    if (canonical + 2 > limits.maxHeaderBytes) {
      throw new RtspError(
        RtspErrorCode.HeadersTooLarge,
        `head written canonically is longer than ${limits.maxHeaderBytes} bytes`,
        base + pos,
      );
    }
    pos = lf + 1;
  }
  for (const [name, value] of headers) {
    if (name.length !== 14 || name.toLowerCase() !== 'content-length') continue;
    if (!/^\d+$/.test(value) || (contentLength !== undefined && Number(value) !== contentLength)) {
      throw new RtspError(
        RtspErrorCode.InvalidContentLength,
        `invalid content-length ${JSON.stringify(value.slice(0, 32))}`,
        base + contentLengthAt,
      );
    }
    contentLength = Number(value);
  }
  if (contentLength !== undefined && contentLength > limits.maxBodyBytes) {
    throw new RtspError(
      RtspErrorCode.BodyTooLarge,
      `content-length ${contentLength} exceeds ${limits.maxBodyBytes}`,
      base + contentLengthAt,
    );
  }
  const message: RtspRequest | RtspResponse =
    line.kind === 'request'
      ? { kind: 'request', method: line.method, uri: line.uri, version: line.version, headers, body: EMPTY }
      : { kind: 'response', version: line.version, status: line.status, reason: line.reason, headers, body: EMPTY };
  return { message, contentLength: contentLength ?? 0 };
}

/** Index of the first byte that is not CR or LF at or after `p`. */
export function skipLineBreaks(bytes: Uint8Array, p: number, end: number): number {
  while (p < end && (bytes[p] === CR || bytes[p] === LF)) p++;
  return p;
}
