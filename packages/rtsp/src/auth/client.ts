import { randomBytes as defaultRandomBytes } from '@noble/hashes/utils.js';
import { toHex } from '@rtspkit/bytes';
import { type AuthHeader, parseWwwAuthenticate, serializeAuthorization } from '../headers/auth.js';
import { getHeaderValues, type RtspHeaders } from '../message.js';
import { basicCredentials } from './basic.js';
import { type DigestAlgorithm, digestAlgorithm, digestResponse } from './digest.js';

/** Options of {@link AuthClient}. */
export type AuthClientOptions = {
  /** Source of client nonces; injectable for tests. Default: crypto.getRandomValues. */
  readonly randomBytes: (length: number) => Uint8Array;
  /** Send Basic credentials when it is the only scheme offered. Default true. */
  readonly allowBasic: boolean;
};

type Chosen =
  | { readonly scheme: 'basic'; readonly realm: string }
  | {
      readonly scheme: 'digest';
      readonly algorithm: DigestAlgorithm;
      readonly realm: string;
      readonly nonce: string;
      readonly opaque: string | undefined;
      readonly qop: boolean;
      readonly algorithmParam: string | undefined;
    };

const STRENGTH: Record<DigestAlgorithm, number> = { MD5: 1, 'MD5-sess': 2, 'SHA-256': 3, 'SHA-256-sess': 4 };

/**
 * Picks the strongest challenge this package can answer: Digest SHA-256(-sess) over Digest
 * MD5(-sess) over Basic. Digest challenges whose `qop` offers only `auth-int`, or with an
 * unknown algorithm, are skipped. Returns undefined when none fits.
 *
 * @see RFC 7616 §3.7 (choose the strongest), RFC 7235 §4.1
 */
export function selectChallenge(challenges: readonly AuthHeader[]): AuthHeader | undefined {
  let best: AuthHeader | undefined;
  let bestScore = 0;
  for (const c of challenges) {
    const scheme = c.scheme.toLowerCase();
    let score = 0;
    if (scheme === 'basic') score = 0.5;
    else if (scheme === 'digest' && c.params.nonce !== undefined) {
      const a = digestAlgorithm(c.params.algorithm);
      const qop = c.params.qop;
      const qopOk = qop === undefined || qop.split(',').some((q) => q.trim().toLowerCase() === 'auth');
      if (a !== undefined && qopOk) score = STRENGTH[a];
    }
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Client side of Basic and Digest authentication, sans-IO: feed it each 401 response,
 * ask it for the Authorization value of each request.
 *
 * - Chooses the strongest offered challenge ({@link selectChallenge}).
 * - Digest with `qop=auth`: a fresh cnonce per request and `nc` counting up per nonce;
 *   without qop, RFC 2069 style.
 * - A second 401 for the same nonce means the credentials were refused, unless it says
 *   `stale=true` (the nonce expired): then the new nonce is used and `nc` restarts.
 *
 * @example
 * const auth = new AuthClient({ username: 'admin', password: 'secret' });
 * // on a 401:
 * if (!auth.handleUnauthorized(response.headers)) throw new Error('wrong credentials');
 * // on every request:
 * const value = auth.authorization('DESCRIBE', 'rtsp://cam/stream');
 * if (value) headers.push(['Authorization', value]);
 *
 * @see RFC 7616 §3.4, RFC 7617, RFC 2326 §D.2
 */
export class AuthClient {
  readonly #username: string;
  readonly #password: string;
  readonly #options: AuthClientOptions;
  #chosen: Chosen | undefined;
  #nc = 0;
  #sentFor: string | undefined;

  constructor(
    credentials: { readonly username: string; readonly password: string },
    options: Partial<AuthClientOptions> = {},
  ) {
    this.#username = credentials.username;
    this.#password = credentials.password;
    this.#options = { randomBytes: defaultRandomBytes, allowBasic: true, ...options };
  }

  /** The scheme and algorithm in use, for logs: `Digest SHA-256`, `Basic`, or undefined. */
  get scheme(): string | undefined {
    const c = this.#chosen;
    if (c === undefined) return undefined;
    return c.scheme === 'basic' ? 'Basic' : `Digest ${c.algorithm}`;
  }

  /**
   * Takes the WWW-Authenticate headers of a 401 response. Returns true when a retry with
   * {@link authorization} may succeed; false when no challenge is supported or the same
   * challenge already refused these credentials.
   *
   * @throws RtspError `ERR_RTSP_INVALID_AUTH_HEADER` for an unparseable header.
   */
  handleUnauthorized(headers: RtspHeaders): boolean {
    const all = getHeaderValues(headers, 'WWW-Authenticate').flatMap(parseWwwAuthenticate);
    const candidates = this.#options.allowBasic ? all : all.filter((c) => c.scheme.toLowerCase() !== 'basic');
    const c = selectChallenge(candidates);
    if (c === undefined) return false;
    const realm = c.params.realm ?? '';
    let chosen: Chosen;
    if (c.scheme.toLowerCase() === 'basic') chosen = { scheme: 'basic', realm };
    else {
      chosen = {
        scheme: 'digest',
        algorithm: digestAlgorithm(c.params.algorithm)!,
        realm,
        nonce: c.params.nonce!,
        opaque: c.params.opaque,
        qop: c.params.qop !== undefined,
        algorithmParam: c.params.algorithm,
      };
    }
    const key = chosen.scheme === 'basic' ? `basic ${realm}` : `digest ${realm} ${chosen.nonce}`;
    const stale = c.params.stale?.toLowerCase() === 'true';
    // The same challenge again after we answered it: the credentials are wrong.
    if (this.#sentFor === key && !stale) return false;
    this.#chosen = chosen;
    if (chosen.scheme === 'digest') this.#nc = 0;
    this.#sentFor = undefined;
    return true;
  }

  /**
   * The Authorization value for a request, or undefined before any challenge (send the
   * request without credentials first). `uri` is the Request-URI as sent.
   */
  authorization(method: string, uri: string): string | undefined {
    const c = this.#chosen;
    if (c === undefined) return undefined;
    if (c.scheme === 'basic') {
      this.#sentFor = `basic ${c.realm}`;
      return serializeAuthorization({
        scheme: 'Basic',
        params: {},
        token68: basicCredentials(this.#username, this.#password),
      });
    }
    this.#sentFor = `digest ${c.realm} ${c.nonce}`;
    const params: Record<string, string> = { username: this.#username, realm: c.realm, nonce: c.nonce, uri };
    const input = {
      algorithm: c.algorithm,
      username: this.#username,
      realm: c.realm,
      password: this.#password,
      method,
      uri,
      nonce: c.nonce,
    };
    let response: string;
    if (c.qop || c.algorithm.endsWith('-sess')) {
      this.#nc = (this.#nc + 1) >>> 0;
      const nc = this.#nc.toString(16).padStart(8, '0');
      const cnonce = toHex(this.#options.randomBytes(16));
      response = digestResponse(c.qop ? { ...input, qop: 'auth', nc, cnonce } : { ...input, cnonce });
      params.response = response;
      if (c.algorithmParam !== undefined) params.algorithm = c.algorithm;
      if (c.qop) {
        params.qop = 'auth';
        params.nc = nc;
      }
      params.cnonce = cnonce;
    } else {
      response = digestResponse(input);
      params.response = response;
      if (c.algorithmParam !== undefined) params.algorithm = c.algorithm;
    }
    if (c.opaque !== undefined) params.opaque = c.opaque;
    return serializeAuthorization({ scheme: 'Digest', params });
  }
}
