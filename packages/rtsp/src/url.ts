import { RtspError, RtspErrorCode } from './errors.js';
import { decodeUtf8, encodeUtf8 } from '@rtspkit/bytes';
import { getHeader, type RtspHeaders } from './message.js';

/** Schemes rtspkit connects with, and what each one means. */
export const RTSP_SCHEMES = {
  rtsp: { transport: 'tcp', secure: false, defaultPort: 554 },
  rtsps: { transport: 'tcp', secure: true, defaultPort: 322 },
  'rtsp+http': { transport: 'http', secure: false, defaultPort: 80 },
  'rtsps+http': { transport: 'http', secure: true, defaultPort: 443 },
  'rtsp+ws': { transport: 'ws', secure: false, defaultPort: 80 },
  'rtsps+ws': { transport: 'ws', secure: true, defaultPort: 443 },
  ws: { transport: 'ws', secure: false, defaultPort: 80 },
  wss: { transport: 'ws', secure: true, defaultPort: 443 },
} as const;

/** One of the keys of {@link RTSP_SCHEMES}. */
export type RtspScheme = keyof typeof RTSP_SCHEMES;

/**
 * A parsed RTSP (or tunnelled RTSP) URL.
 *
 * - `username`/`password` are percent-decoded (undefined when absent).
 * - `host` is without brackets for IPv6 (`::1`); `port` is the effective port (the
 *   scheme's default when the URL has none).
 * - `path` (with its leading `/`, or empty) and `query` (without `?`, undefined when
 *   absent) are kept as written, still percent-encoded.
 * - `transport` and `secure` say how to connect: TCP (TLS when secure), the QuickTime HTTP
 *   tunnel, or WebSocket.
 *
 * @see RFC 2326 §3.2, RFC 7826 §4.2
 */
export type RtspUrl = {
  readonly scheme: RtspScheme;
  readonly username?: string;
  readonly password?: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly query?: string;
  readonly transport: 'tcp' | 'http' | 'ws';
  readonly secure: boolean;
};

const CODE = RtspErrorCode.InvalidUrl;
const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/;
/**
 * Index of the first C0 control or DEL, or -1: no URL holds them (RFC 3986 §2), and a line
 * break in a Request-URI would end the request line.
 */
function controlAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return i;
  }
  return -1;
}

/** Decodes valid `%XX` sequences as UTF-8; a lone `%` stays as it is (cameras' passwords). */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decodeUtf8(bytes);
  });
}

/** Percent-encodes everything outside RFC 3986 unreserved and sub-delims for userinfo. */
function percentEncodeUserinfo(text: string): string {
  let out = '';
  for (const b of encodeUtf8(text)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~!$&'()*+,;=]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Parses `rtsp://`, `rtsps://`, `rtsp+http://`, `rtsps+http://`, `rtsp+ws://`,
 * `rtsps+ws://`, `ws://` and `wss://` URLs by hand: the WHATWG URL class treats these as
 * non-special schemes (no default ports, and opaque hosts kept in the case typed).
 * Credentials are split at the last `@` (camera passwords contain `@` unescaped) and the
 * first `:`. A fragment is dropped, and blanks around what remains.
 *
 * @throws RtspError `ERR_RTSP_INVALID_URL` for another scheme, an empty host, a bad port,
 *   an unterminated IPv6 literal or a control character.
 */
export function parseRtspUrl(text: string): RtspUrl {
  const hash = text.indexOf('#');
  const body = hash < 0 ? text : text.slice(0, hash);
  const trimmed = body.trim();
  const control = controlAt(trimmed);
  if (control >= 0) {
    const at = body.length - body.trimStart().length + control;
    throw new RtspError(CODE, `control character ${JSON.stringify(trimmed[control])} in url`, at);
  }
  const m = URL_RE.exec(trimmed);
  if (!m) throw new RtspError(CODE, `not an absolute url ${JSON.stringify(text.slice(0, 64))}`, 0);
  const scheme = m[1]!.toLowerCase();
  if (!Object.hasOwn(RTSP_SCHEMES, scheme))
    throw new RtspError(CODE, `unsupported scheme ${JSON.stringify(scheme)}`, 0);
  const info = RTSP_SCHEMES[scheme as RtspScheme];
  let authority = m[2]!;
  const offset = scheme.length + 3;
  let username: string | undefined;
  let password: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    username = percentDecode(colon < 0 ? userinfo : userinfo.slice(0, colon));
    if (colon >= 0) password = percentDecode(userinfo.slice(colon + 1));
  }
  let host: string;
  let portText = '';
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) throw new RtspError(CODE, 'unterminated ipv6 literal', offset);
    host = authority.slice(1, close);
    const rest = authority.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':'))
      throw new RtspError(CODE, `unexpected ${JSON.stringify(rest)} after ipv6 literal`, offset);
    portText = rest.slice(1);
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? '' : authority.slice(colon + 1);
  }
  if (host === '' || /[\s/?#@[\]]/.test(host))
    throw new RtspError(CODE, `invalid host ${JSON.stringify(host)}`, offset);
  let port: number = info.defaultPort;
  if (portText !== '') {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) throw new RtspError(CODE, `invalid port ${JSON.stringify(portText)}`, offset);
  }
  const url: { -readonly [K in keyof RtspUrl]: RtspUrl[K] } = {
    scheme: scheme as RtspScheme,
    host,
    port,
    path: m[3]!,
    transport: info.transport,
    secure: info.secure,
  };
  if (username !== undefined) url.username = username;
  if (password !== undefined) url.password = password;
  if (m[4] !== undefined) url.query = m[4];
  return url;
}

/**
 * Writes a URL. Credentials are left out unless `credentials` is true (a Request-URI never
 * carries them); the port is left out when it is the scheme's default.
 */
export function serializeRtspUrl(url: RtspUrl, options: { readonly credentials?: boolean } = {}): string {
  let out = `${url.scheme}://`;
  if (options.credentials && url.username !== undefined) {
    out += percentEncodeUserinfo(url.username);
    if (url.password !== undefined) out += `:${percentEncodeUserinfo(url.password)}`;
    out += '@';
  }
  out += url.host.includes(':') ? `[${url.host}]` : url.host;
  if (url.port !== RTSP_SCHEMES[url.scheme].defaultPort) out += `:${url.port}`;
  out += url.path;
  if (url.query !== undefined) out += `?${url.query}`;
  return out;
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * The base URL for the control URLs of a DESCRIBE response: Content-Base, else
 * Content-Location, else the request URL. A relative Content-Base or Content-Location is
 * resolved against the request URL as RFC 3986 §5.2 resolves references (these are HTTP
 * entity headers); only `a=control` gets the camera-compatible joining of
 * {@link resolveControlUrl}.
 *
 * @see RFC 2326 §C.1.1, RFC 7826 §18.16, RFC 3986 §5.2
 */
export function resolveBaseUrl(headers: RtspHeaders, requestUrl: string): string {
  const base = (getHeader(headers, 'Content-Base') || getHeader(headers, 'Content-Location'))?.trim();
  if (base === undefined || base === '') return requestUrl;
  if (ABSOLUTE.test(base)) return base;
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(requestUrl)?.[0];
  if (origin === undefined) return base;
  if (base.startsWith('/')) return origin + base;
  // Merge (RFC 3986 §5.2.3): the reference replaces the last segment of the request path.
  const path = /^[^?#]*/.exec(requestUrl.slice(origin.length))![0];
  return `${origin}${path.slice(0, path.lastIndexOf('/') + 1) || '/'}${base}`;
}

/**
 * Resolves an SDP `a=control` attribute against the base URL ({@link resolveBaseUrl}), the
 * way FFmpeg, GStreamer's rtspsrc and live555 do, which is what cameras are built against:
 *
 * - empty or `*`: the aggregate control, the base itself (RFC 2326 §C.1.1).
 * - absolute (`scheme://…`): taken as it is, host included (VLC, Hikvision).
 * - anything else is appended to the base, with one `/` inserted only when the base does
 *   not end with `/` and the control does not start with one: `trackID=1` under
 *   `rtsp://cam/live` gives `rtsp://cam/live/trackID=1`; `/track1` under
 *   `rtsp://cam:554/live/main` gives `rtsp://cam:554/live/main/track1` (not the host
 *   root); a base with a query keeps it before the control (`…/live?ch=1` + `track1`
 *   gives `…/live?ch=1/track1`, which Dahua's `…?channel=1&subtype=0/` Content-Base
 *   relies on). RFC 3986 resolution would drop the last path segment of a base without a
 *   trailing slash and is what no client does.
 *
 * Whitespace around the control is ignored. gortsplib differs in two corners (it keeps
 * the base's host for an absolute control, and inserts no `/` before a control starting
 * with `?`); the clients above do not, so neither does this.
 *
 * @see RFC 2326 §C.1.1, RFC 7826 §22.15
 */
export function resolveControlUrl(base: string, control: string): string {
  const c = control.trim();
  if (c === '' || c === '*') return base;
  if (ABSOLUTE.test(c)) return c;
  return base.endsWith('/') || c.startsWith('/') ? base + c : `${base}/${c}`;
}
