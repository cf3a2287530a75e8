import { encodeUtf8, trimBlanks } from '@rtspkit/bytes';
import { RtspError, RtspErrorCode } from './errors.js';
import { isToken } from './internal/text.js';
import { RTSP_VERSIONS, type RtspHeaders, type RtspRequest, type RtspResponse } from './message.js';

function checkVersion(version: string): void {
  if (!(RTSP_VERSIONS as readonly string[]).includes(version)) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `cannot write version ${JSON.stringify(version)}`);
  }
}

const LINE_BREAK = /[\r\n]/;
/** A control character other than HTAB (RFC 9112 §4: reason-phrase is HTAB, SP, VCHAR, obs-text). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function isContentLength(name: string): boolean {
  return name.length === 14 && name.toLowerCase() === 'content-length';
}

function headerLines(headers: RtspHeaders, body: Uint8Array): string {
  let out = '';
  let stated = false;
  for (const [name, value] of headers) {
    if (!isToken(name))
      throw new RtspError(RtspErrorCode.InvalidMessage, `invalid header name ${JSON.stringify(name)}`);
    if (LINE_BREAK.test(value)) throw new RtspError(RtspErrorCode.InvalidMessage, `line break in header ${name}`);
    if (body.length > 0 && isContentLength(name)) {
      // Kept where it stands when it states the body's length; dropped otherwise.
      if (!/^\d+$/.test(trimBlanks(value)) || Number(trimBlanks(value)) !== body.length) continue;
      stated = true;
    }
    out += `${name}: ${trimBlanks(value)}\r\n`;
  }
  if (body.length > 0 && !stated) out += `Content-Length: ${body.length}\r\n`;
  return `${out}\r\n`;
}

function withBody(head: string, body: Uint8Array): Uint8Array {
  const h = encodeUtf8(head);
  if (body.length === 0) return h;
  const out = new Uint8Array(h.length + body.length);
  out.set(h, 0);
  out.set(body, h.length);
  return out;
}

/**
 * Writes a request in canonical form: CRLF line ends, `Name: value` headers in the given
 * order, values without surrounding blanks. When `body` is non-empty, Content-Length
 * headers that state its length stay where they are, others are dropped, and one is added
 * last if none is left; with an empty body headers are written as given (an HTTP tunnel
 * POST announces a Content-Length it never sends). Whatever `parseRequest` returns is
 * written so that `parseRequest` reads it back equal.
 *
 * @throws RtspError `ERR_RTSP_INVALID_MESSAGE` for a method or header name that is not a
 *   token, a URI with whitespace, CR/LF in a value, or an unsupported version.
 * @see RFC 2326 §6
 */
export function serializeRequest(r: Omit<RtspRequest, 'kind'> | RtspRequest): Uint8Array {
  if (!isToken(r.method))
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid method ${JSON.stringify(r.method)}`);
  if (r.uri === '' || /\s/.test(r.uri))
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid uri ${JSON.stringify(r.uri)}`);
  checkVersion(r.version);
  return withBody(`${r.method} ${r.uri} ${r.version}\r\n${headerLines(r.headers, r.body)}`, r.body);
}

/**
 * Writes a response in canonical form; see {@link serializeRequest}.
 *
 * @throws RtspError `ERR_RTSP_INVALID_MESSAGE` for a status outside 100-999 or a reason
 *   phrase with a line break or another control character.
 * @see RFC 2326 §7
 */
export function serializeResponse(r: Omit<RtspResponse, 'kind'> | RtspResponse): Uint8Array {
  if (!Number.isInteger(r.status) || r.status < 100 || r.status > 999) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid status ${r.status}`);
  }
  if (hasControl(r.reason)) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `control character in reason phrase ${JSON.stringify(r.reason)}`);
  }
  checkVersion(r.version);
  const reason = trimBlanks(r.reason);
  return withBody(
    `${r.version} ${r.status}${reason === '' ? '' : ` ${reason}`}\r\n${headerLines(r.headers, r.body)}`,
    r.body,
  );
}
