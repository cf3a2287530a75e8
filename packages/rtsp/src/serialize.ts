import { RtspError, RtspErrorCode } from './errors.js';
import { encodeText, isToken } from './internal/text.js';
import { RTSP_VERSIONS, type RtspHeaders, type RtspRequest, type RtspResponse } from './message.js';

function checkVersion(version: string): void {
  if (!(RTSP_VERSIONS as readonly string[]).includes(version)) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `cannot write version ${JSON.stringify(version)}`);
  }
}

function headerLines(headers: RtspHeaders, body: Uint8Array): string {
  let out = '';
  for (const [name, value] of headers) {
    if (!isToken(name))
      throw new RtspError(RtspErrorCode.InvalidMessage, `invalid header name ${JSON.stringify(name)}`);
    if (/[\r\n]/.test(value)) throw new RtspError(RtspErrorCode.InvalidMessage, `line break in header ${name}`);
    if (body.length > 0 && name.toLowerCase() === 'content-length') continue;
    out += `${name}: ${value.replace(/^[ \t]+|[ \t]+$/g, '')}\r\n`;
  }
  if (body.length > 0) out += `Content-Length: ${body.length}\r\n`;
  return `${out}\r\n`;
}

function withBody(head: string, body: Uint8Array): Uint8Array {
  const h = encodeText(head);
  if (body.length === 0) return h;
  const out = new Uint8Array(h.length + body.length);
  out.set(h, 0);
  out.set(body, h.length);
  return out;
}

/**
 * Writes a request in canonical form: CRLF line ends, `Name: value` headers in the given
 * order. When `body` is non-empty, any Content-Length header is replaced by one (last) with
 * the body's length; with an empty body headers are written as given (an HTTP tunnel POST
 * announces a Content-Length it never sends).
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
 *   phrase with a line break.
 * @see RFC 2326 §7
 */
export function serializeResponse(r: Omit<RtspResponse, 'kind'> | RtspResponse): Uint8Array {
  if (!Number.isInteger(r.status) || r.status < 100 || r.status > 999) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid status ${r.status}`);
  }
  if (/[\r\n]/.test(r.reason)) throw new RtspError(RtspErrorCode.InvalidMessage, 'line break in reason phrase');
  checkVersion(r.version);
  const reason = r.reason.trim();
  return withBody(
    `${r.version} ${r.status}${reason === '' ? '' : ` ${reason}`}\r\n${headerLines(r.headers, r.body)}`,
    r.body,
  );
}
