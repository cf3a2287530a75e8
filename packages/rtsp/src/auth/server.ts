import { randomBytes as defaultRandomBytes } from '@noble/hashes/utils.js';
import { toHex } from '@rtspkit/bytes';
import { RtspError } from '../errors.js';
import { type AuthHeader, parseAuthorization, serializeWwwAuthenticate } from '../headers/auth.js';
import { getHeader, type RtspHeaders } from '../message.js';
import { parseBasicCredentials } from './basic.js';
import { type DigestAlgorithm, constantTimeEqual, digestAlgorithm, digestResponse } from './digest.js';

/** Options of {@link AuthServer}. */
export type AuthServerOptions = {
  readonly realm: string;
  /**
   * Digest algorithms offered, one challenge each, in this order. MD5 first by default:
   * FFmpeg 5.1 takes the first challenge and fails SHA-256.
   */
  readonly algorithms: readonly DigestAlgorithm[];
  /** Also offer Basic (last). Default false: it sends the password in clear without TLS. */
  readonly basic: boolean;
  /** Offer `qop="auth"`. Default true. */
  readonly qop: boolean;
  /**
   * Accept RFC 2069 responses (no qop, hence no replay protection by `nc`) even when qop
   * was offered. Default true: some cameras and older clients never send qop.
   */
  readonly allowRfc2069: boolean;
  // A minute covers a whole OPTIONS→PLAY exchange; a stale nonce only costs one round trip.
  /** How long a nonce is accepted after it was issued, in ms. Default 60 000. */
  readonly nonceLifetimeMs: number;
  // One live nonce per concurrent handshake; the oldest is dropped first.
  /** Most nonces tracked at once. Default 1024. */
  readonly maxNonces: number;
  /** Source of nonces; injectable for tests. Default: crypto.getRandomValues. */
  readonly randomBytes: (length: number) => Uint8Array;
};

/** The outcome of {@link AuthServer.verify}. */
export type AuthResult =
  | { readonly ok: true; readonly username: string; readonly scheme: 'Basic' | 'Digest' }
  | {
      readonly ok: false;
      /**
       * `missing` (no Authorization), `malformed`, `unsupported` (scheme or algorithm not
       * offered), `realm`, `uri` (credentials for another resource), `unknown-user`,
       * `bad-credentials`, `stale` (valid response to an expired or forgotten nonce:
       * challenge again with `stale=true`), `replay` (nc did not increase).
       */
      readonly reason:
        | 'missing'
        | 'malformed'
        | 'unsupported'
        | 'realm'
        | 'uri'
        | 'unknown-user'
        | 'bad-credentials'
        | 'stale'
        | 'replay';
    };

type NonceState = { readonly issuedAt: number; lastNc: number };

/**
 * Server side of Basic and Digest authentication, sans-IO: time is the `now` argument (ms),
 * randomness is injectable. Nonces are random, tracked with their issue time and the
 * highest `nc` seen in a bounded map, so they expire and cannot be replayed.
 *
 * @example
 * const auth = new AuthServer({ realm: 'rtspkit' });
 * const result = auth.verify(request, (user) => users.get(user), now);
 * if (!result.ok) {
 *   for (const v of auth.challenges(now, result.reason === 'stale')) headers.push(['WWW-Authenticate', v]);
 *   // answer 401 Unauthorized
 * }
 *
 * @see RFC 7616 §3.3, §3.5, §5.4 (replay), RFC 7617, RFC 2326 §D.2
 */
export class AuthServer {
  readonly #o: AuthServerOptions;
  readonly #nonces = new Map<string, NonceState>();

  constructor(options: Partial<AuthServerOptions> & { readonly realm: string }) {
    this.#o = {
      algorithms: ['MD5', 'SHA-256'],
      basic: false,
      qop: true,
      allowRfc2069: true,
      nonceLifetimeMs: 60_000,
      maxNonces: 1024,
      randomBytes: defaultRandomBytes,
      ...options,
    };
  }

  /** Nonces currently tracked. */
  get trackedNonces(): number {
    return this.#nonces.size;
  }

  /**
   * WWW-Authenticate values for a 401 response: one Digest challenge per configured
   * algorithm (sharing a fresh nonce), then Basic when enabled. `stale` marks a retry
   * after an expired nonce, so clients retry without asking the user again.
   */
  challenges(now: number, stale = false): string[] {
    const out: string[] = [];
    if (this.#o.algorithms.length > 0) {
      const nonce = this.#issueNonce(now);
      for (const algorithm of this.#o.algorithms) {
        const params: Record<string, string> = { realm: this.#o.realm, nonce, algorithm };
        if (this.#o.qop) params.qop = 'auth';
        if (stale) params.stale = 'true';
        out.push(serializeWwwAuthenticate({ scheme: 'Digest', params }));
      }
    }
    if (this.#o.basic) out.push(serializeWwwAuthenticate({ scheme: 'Basic', params: { realm: this.#o.realm } }));
    return out;
  }

  #issueNonce(now: number): string {
    for (const [nonce, state] of this.#nonces) {
      if (now - state.issuedAt <= this.#o.nonceLifetimeMs) break;
      this.#nonces.delete(nonce);
    }
    while (this.#nonces.size >= this.#o.maxNonces) {
      const oldest = this.#nonces.keys().next().value;
      if (oldest === undefined) break;
      this.#nonces.delete(oldest);
    }
    const nonce = toHex(this.#o.randomBytes(16));
    this.#nonces.set(nonce, { issuedAt: now, lastNc: 0 });
    return nonce;
  }

  /**
   * Checks the Authorization header of a request. `password(username)` returns the
   * user's password, or undefined for an unknown user. The Digest `uri` may be the
   * Request-URI, its path, or a base URL of it with or without a trailing slash (clients
   * answer SETUP of `…/stream/trackID=1` with `uri="…/stream/"`).
   */
  verify(
    request: { readonly method: string; readonly uri: string; readonly headers: RtspHeaders },
    password: (username: string) => string | undefined,
    now: number,
  ): AuthResult {
    const value = getHeader(request.headers, 'Authorization');
    if (value === undefined) return { ok: false, reason: 'missing' };
    let h: AuthHeader;
    try {
      h = parseAuthorization(value);
    } catch (e) {
      if (e instanceof RtspError) return { ok: false, reason: 'malformed' };
      throw e;
    }
    const scheme = h.scheme.toLowerCase();
    if (scheme === 'basic') return this.#verifyBasic(h, password);
    if (scheme === 'digest') return this.#verifyDigest(h, request, password, now);
    return { ok: false, reason: 'unsupported' };
  }

  #verifyBasic(h: AuthHeader, password: (username: string) => string | undefined): AuthResult {
    if (!this.#o.basic) return { ok: false, reason: 'unsupported' };
    if (h.token68 === undefined) return { ok: false, reason: 'malformed' };
    let creds: { username: string; password: string } | undefined;
    try {
      creds = parseBasicCredentials(h.token68);
    } catch (e) {
      if (e instanceof RtspError) return { ok: false, reason: 'malformed' };
      throw e;
    }
    if (creds === undefined) return { ok: false, reason: 'malformed' };
    const expected = password(creds.username);
    // Compare against something even for unknown users, so timing does not tell them apart.
    const match = constantTimeEqual(expected ?? '\u0000', creds.password);
    if (expected === undefined) return { ok: false, reason: 'unknown-user' };
    return match ? { ok: true, username: creds.username, scheme: 'Basic' } : { ok: false, reason: 'bad-credentials' };
  }

  #verifyDigest(
    h: AuthHeader,
    request: { readonly method: string; readonly uri: string },
    password: (username: string) => string | undefined,
    now: number,
  ): AuthResult {
    const p = h.params;
    const { username, realm, nonce, uri, response } = p;
    if (
      username === undefined ||
      realm === undefined ||
      nonce === undefined ||
      uri === undefined ||
      response === undefined
    ) {
      return { ok: false, reason: 'malformed' };
    }
    const algorithm = digestAlgorithm(p.algorithm);
    if (algorithm === undefined || !this.#o.algorithms.includes(algorithm)) return { ok: false, reason: 'unsupported' };
    if (realm !== this.#o.realm) return { ok: false, reason: 'realm' };
    if (!uriMatches(uri, request.uri)) return { ok: false, reason: 'uri' };
    const qop = p.qop?.toLowerCase();
    let nc = 0;
    if (qop !== undefined) {
      if (qop !== 'auth' || p.nc === undefined || !/^[0-9a-fA-F]{1,8}$/.test(p.nc) || p.cnonce === undefined) {
        return { ok: false, reason: 'malformed' };
      }
      nc = Number.parseInt(p.nc, 16);
    } else if (this.#o.qop && !this.#o.allowRfc2069) {
      return { ok: false, reason: 'malformed' };
    }
    if (algorithm.endsWith('-sess') && p.cnonce === undefined) return { ok: false, reason: 'malformed' };
    const secret = password(username);
    const expected = digestResponse({
      algorithm,
      username,
      realm,
      password: secret ?? '',
      method: request.method,
      uri,
      nonce,
      ...(qop === 'auth' ? { qop: 'auth' as const, nc: p.nc!, cnonce: p.cnonce! } : {}),
      ...(qop === undefined && p.cnonce !== undefined ? { cnonce: p.cnonce } : {}),
    });
    const match = constantTimeEqual(expected, response.toLowerCase());
    if (secret === undefined) return { ok: false, reason: 'unknown-user' };
    if (!match) return { ok: false, reason: 'bad-credentials' };
    const state = this.#nonces.get(nonce);
    if (state === undefined || now - state.issuedAt > this.#o.nonceLifetimeMs || now < state.issuedAt) {
      return { ok: false, reason: 'stale' };
    }
    if (qop !== undefined) {
      if (nc <= state.lastNc) return { ok: false, reason: 'replay' };
      state.lastNc = nc;
    }
    return { ok: true, username, scheme: 'Digest' };
  }
}

/** Path and query of an absolute URL (`rtsp://h:1/a?b` → `/a?b`), or the text itself. */
function pathOf(uri: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(uri);
  let path = uri;
  if (scheme !== null) {
    let i = scheme[0].length;
    while (i < uri.length && uri[i] !== '/' && uri[i] !== '?' && uri[i] !== '#') i++;
    path = uri.slice(i);
  }
  return path === '' ? '/' : path;
}

/** `path` without trailing slashes, in one backward pass (a `/\/+$/` regex is quadratic on a run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

function uriMatches(digestUri: string, requestUri: string): boolean {
  if (digestUri === requestUri || digestUri === '*') return digestUri === requestUri;
  const d = withoutTrailingSlashes(pathOf(digestUri));
  const r = withoutTrailingSlashes(pathOf(requestUri));
  return d === r || r.startsWith(`${d}/`);
}
