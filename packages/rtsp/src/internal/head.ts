import { RtspError, RtspErrorCode } from '../errors.js';
import type { RtspLimits } from '../limits.js';
import { RTSP_VERSIONS, type RtspRequest, type RtspResponse } from '../message.js';
import { decodeText, isToken } from './text.js';

export const CR = 0x0d;
export const LF = 0x0a;
const EMPTY = new Uint8Array(0);

// tchar (RFC 7230 §3.2.6) as a byte table.
const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1;
}
// Bytes a start line may hold: printable ASCII, tab, CR (only before LF, checked later) and
// 0x80-0xff (UTF-8 in reason phrases and paths, RFC 7826 §20.1).
const LINE_BYTE = new Uint8Array(256);
for (let i = 0x20; i < 0x7f; i++) LINE_BYTE[i] = 1;
for (let i = 0x80; i < 0x100; i++) LINE_BYTE[i] = 1;
LINE_BYTE[0x09] = 1;
LINE_BYTE[CR] = 1;

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]+(\S+)[ \t]+([A-Za-z]+\/\d+\.\d+)[ \t]*$/;
const STATUS_LINE = /^([A-Za-z]+\/\d+\.\d+)[ \t]+(\d{3})(?:[ \t]+(.*?))?[ \t]*$/;

type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly uri: string; readonly version: string }
  | { readonly kind: 'response'; readonly version: string; readonly status: number; readonly reason: string };

/** Parses a decoded start line; null when it is neither a request line nor a status line. */
function matchStartLine(text: string): StartLine | null {
  const s = STATUS_LINE.exec(text);
  if (s) return { kind: 'response', version: s[1]!, status: Number(s[2]), reason: s[3] ?? '' };
  const r = REQUEST_LINE.exec(text);
  if (r) return { kind: 'request', method: r[1]!, uri: r[2]!, version: r[3]! };
  return null;
}

function isVersion(v: string): boolean {
  return (RTSP_VERSIONS as readonly string[]).includes(v);
}

/** Length of the start line content, without the trailing CR. */
function contentEnd(bytes: Uint8Array, start: number, lf: number): number {
  return lf > start && bytes[lf - 1] === CR ? lf - 1 : lf;
}

/**
 * Whether a start line of a message we can read begins at `p`: `'yes'` (a complete line
 * that is a request line or status line with a supported version), `'no'`, or `'more'`
 * (an incomplete line that may still become one). Any `'no'` stays `'no'` however many
 * bytes follow, so the answer never depends on how the stream was chunked. A plausible
 * line longer than `maxStartLineBytes` throws.
 */
export function startLineState(
  bytes: Uint8Array,
  p: number,
  end: number,
  maxStartLineBytes: number,
  base: number,
): 'yes' | 'no' | 'more' {
  if (p >= end) return 'more';
  if (TCHAR[bytes[p] as number] !== 1) return 'no';
  const window = Math.min(end, p + maxStartLineBytes + 2);
  let i = p + 1;
  for (; i < window; i++) {
    const c = bytes[i] as number;
    if (c === LF) break;
    if (LINE_BYTE[c] !== 1) return 'no';
  }
  if (i === window) {
    if (i - p >= maxStartLineBytes + 2) throw startLineTooLong(p + maxStartLineBytes, base, maxStartLineBytes);
    return 'more';
  }
  const stop = contentEnd(bytes, p, i);
  if (stop - p > maxStartLineBytes) throw startLineTooLong(p + maxStartLineBytes, base, maxStartLineBytes);
  for (let j = p; j < stop; j++) if (bytes[j] === CR) return 'no';
  const line = matchStartLine(decodeText(bytes, p, stop));
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
  let i = bytes.indexOf(LF, Math.max(start, scanFrom));
  while (i !== -1 && i < end) {
    const n = bytes[i + 1];
    if (i + 1 >= end) return -1;
    if (n === LF) return i + 2;
    if (n === CR) {
      if (i + 2 >= end) return -1;
      if (bytes[i + 2] === LF) return i + 3;
    }
    i = bytes.indexOf(LF, i + 1);
  }
  return -1;
}

/** A parsed head: the message with an empty body, and the body length Content-Length announces. */
export type Head = { readonly message: RtspRequest | RtspResponse; readonly contentLength: number };

/**
 * Parses the head in `bytes[start, end)` (`end` just past the blank line). Offsets in errors
 * are `base + index`.
 *
 * @see RFC 7230 §3 (message format, obs-fold), RFC 7826 §20.2.2
 */
export function parseHead(bytes: Uint8Array, start: number, end: number, limits: RtspLimits, base: number): Head {
  let pos = start;
  let lf = bytes.indexOf(LF, pos);
  let stop = contentEnd(bytes, pos, lf);
  if (stop - pos > limits.maxStartLineBytes)
    throw startLineTooLong(pos + limits.maxStartLineBytes, base, limits.maxStartLineBytes);
  const startText = decodeText(bytes, pos, stop);
  const line = matchStartLine(startText);
  if (line === null) {
    throw new RtspError(
      RtspErrorCode.InvalidStartLine,
      `invalid start line ${JSON.stringify(startText.slice(0, 64))}`,
      base + pos,
    );
  }
  if (!isVersion(line.version)) {
    throw new RtspError(
      RtspErrorCode.UnsupportedVersion,
      `unsupported version ${JSON.stringify(line.version)}`,
      base + pos,
    );
  }
  const headers: Array<[string, string]> = [];
  let contentLength: number | undefined;
  let contentLengthAt = 0;
  pos = lf + 1;
  while (pos < end) {
    lf = bytes.indexOf(LF, pos);
    stop = contentEnd(bytes, pos, lf);
    if (stop === pos) break; // the blank line
    const text = decodeText(bytes, pos, stop);
    const first = text.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      // obs-fold (RFC 7230 §3.2.4): the line continues the previous value.
      const last = headers[headers.length - 1];
      if (last === undefined)
        throw new RtspError(RtspErrorCode.InvalidHeader, 'continuation line before any header', base + pos);
      const more = trimOws(text);
      if (more !== '') last[1] = last[1] === '' ? more : `${last[1]} ${more}`;
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
      headers.push([name, trimOws(text.slice(colon + 1))]);
      if (name.length === 14 && name.toLowerCase() === 'content-length') contentLengthAt = pos;
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

function trimOws(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Index of the first byte that is not CR or LF at or after `p`. */
export function skipLineBreaks(bytes: Uint8Array, p: number, end: number): number {
  while (p < end && (bytes[p] === CR || bytes[p] === LF)) p++;
  return p;
}
