import { RtspError, RtspErrorCode } from '../errors.js';
import { quote } from '../internal/params.js';
import { isToken } from '../internal/text.js';

/**
 * One challenge of a WWW-Authenticate header, or the credentials of an Authorization
 * header: the scheme (`Basic`, `Digest`, as received) and either auth-params (names
 * lowercased, values unquoted, first occurrence wins) or a token68 (`Basic dXNlcjpwYXNz`).
 *
 * @see RFC 7235 §2.1, RFC 7616 §3.3-3.4, RFC 7617 §2
 */
export type AuthHeader = {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
};

const CODE = RtspErrorCode.InvalidAuthHeader;

// Sticky: matched at an index, so a header of many challenges is read in linear time.
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;

/**
 * Parses the challenges of one WWW-Authenticate (or Proxy-Authenticate) value. Several
 * challenges may share one header (`Digest realm="a", nonce="b", Basic realm="a"`); for
 * several headers, parse each (`getHeaderValues(h, 'WWW-Authenticate').flatMap(...)`).
 * Tolerates leading and doubled commas, missing spaces after commas, spaces around `=`,
 * and unquoted values (`stale=FALSE`, nonces with `/`, `+` and `=`), which run to the next
 * comma. Refuses an auth-param after a token68 (`Basic abc, realm=x`): RFC 7235 §2.1 gives
 * a challenge one or the other.
 *
 * @throws RtspError `ERR_RTSP_INVALID_AUTH_HEADER`.
 */
export function parseWwwAuthenticate(value: string): AuthHeader[] {
  const out: Array<{ scheme: string; params: Record<string, string>; token68?: string }> = [];
  let i = 0;
  const skipSpace = () => {
    while (value[i] === ' ' || value[i] === '\t') i++;
  };
  let afterScheme = false;
  while (i < value.length) {
    skipSpace();
    if (value[i] === ',') {
      i++;
      afterScheme = false;
      continue;
    }
    if (i >= value.length) break;
    const current = out[out.length - 1];
    if (afterScheme && current !== undefined && current.scheme.toLowerCase() !== 'digest') {
      afterScheme = false;
      TOKEN68.lastIndex = i;
      const m = TOKEN68.exec(value);
      if (m) {
        let j = i + m[0].length;
        while (value[j] === ' ' || value[j] === '\t') j++;
        if (j === value.length || value[j] === ',') {
          current.token68 = m[0];
          i += m[0].length;
          continue;
        }
      }
    }
    afterScheme = false;
    const start = i;
    while (i < value.length && !' \t=,"'.includes(value[i]!)) i++;
    const name = value.slice(start, i);
    if (name === '') throw new RtspError(CODE, `unexpected ${JSON.stringify(value[i])}`, i);
    skipSpace();
    if (value[i] === '=') {
      if (current === undefined) throw new RtspError(CODE, 'auth-param before any scheme', start);
      // A token68 is the whole of a challenge or of credentials (RFC 7235 §2.1): an
      // auth-param after it belongs nowhere, and no writer could put it back.
      if (current.token68 !== undefined)
        throw new RtspError(CODE, `auth-param ${JSON.stringify(name.slice(0, 32))} after a token68`, start);
      i++;
      skipSpace();
      let v: string;
      if (value[i] === '"') {
        const open = i++;
        v = '';
        for (;;) {
          const c = value[i++];
          if (c === undefined) throw new RtspError(CODE, 'unclosed quote', open);
          if (c === '"') break;
          v += c === '\\' && i < value.length ? value[i++] : c;
        }
      } else {
        const vs = i;
        while (i < value.length && value[i] !== ',') i++;
        v = value.slice(vs, i).trim();
      }
      const key = name.toLowerCase();
      if (!(key in current.params)) current.params[key] = v;
      continue;
    }
    if (!isToken(name)) throw new RtspError(CODE, `invalid auth scheme ${JSON.stringify(name.slice(0, 32))}`, start);
    out.push({ scheme: name, params: {} });
    afterScheme = true;
  }
  return out;
}

/**
 * Parses an Authorization (or Proxy-Authorization) value: one set of credentials.
 *
 * @throws RtspError `ERR_RTSP_INVALID_AUTH_HEADER` when the value holds no credentials or more than one.
 */
export function parseAuthorization(value: string): AuthHeader {
  const all = parseWwwAuthenticate(value);
  if (all.length !== 1) throw new RtspError(CODE, `expected one set of credentials, got ${all.length}`, 0);
  return all[0]!;
}

// Values RFC 7616 §3.3-3.4 writes as tokens; everything else is a quoted-string.
const UNQUOTED = new Set(['algorithm', 'stale', 'nc', 'userhash']);

function serializeOne(h: AuthHeader, challenge: boolean): string {
  if (!isToken(h.scheme))
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid auth scheme ${JSON.stringify(h.scheme)}`);
  const params = Object.entries(h.params).map(([k, v]) => {
    if (!isToken(k)) throw new RtspError(RtspErrorCode.InvalidMessage, `invalid auth-param name ${JSON.stringify(k)}`);
    // qop is a quoted list in a challenge and a bare token in credentials.
    const bare = (UNQUOTED.has(k) || (k === 'qop' && !challenge)) && isToken(v);
    return `${k}=${bare ? v : quote(v)}`;
  });
  if (h.token68 !== undefined) {
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(h.token68))
      throw new RtspError(RtspErrorCode.InvalidMessage, 'invalid token68');
    return `${h.scheme} ${h.token68}`;
  }
  return params.length === 0 ? h.scheme : `${h.scheme} ${params.join(', ')}`;
}

/** Writes one challenge (`Digest realm="…", nonce="…", algorithm=MD5, qop="auth"`). */
export function serializeWwwAuthenticate(challenge: AuthHeader): string {
  return serializeOne(challenge, true);
}

/** Writes credentials (`Digest username="…", …, qop=auth, nc=00000001, …` or `Basic …`). */
export function serializeAuthorization(credentials: AuthHeader): string {
  return serializeOne(credentials, false);
}
