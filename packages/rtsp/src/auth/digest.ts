import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Digest algorithms implemented, weakest first. `-sess` variants hash the client nonce
 * into HA1.
 *
 * @see RFC 7616 §3.4.2, RFC 2617 §3.2.2.2
 */
export const DIGEST_ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const;

/** One of {@link DIGEST_ALGORITHMS}. */
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** The canonical algorithm name for `name` (case-insensitive), or undefined when unsupported. */
export function digestAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  if (name === undefined || name === '') return 'MD5';
  const lower = name.toLowerCase();
  return DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === lower);
}

/** Inputs of a Digest response computation. */
export type DigestInput = {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  /** `auth` with `nc` and `cnonce` (RFC 2617/7616); absent for RFC 2069 style. */
  readonly qop?: 'auth';
  /** Nonce count as 8 hex digits (`00000001`). */
  readonly nc?: string;
  readonly cnonce?: string;
};

function hash(algorithm: DigestAlgorithm, text: string): string {
  const bytes = utf8ToBytes(text);
  return bytesToHex(algorithm.startsWith('SHA-256') ? sha256(bytes) : md5(bytes));
}

/**
 * The `response` value of a Digest Authorization header (lowercase hex).
 *
 * ```
 * HA1 = H(username:realm:password)            ; -sess: H(H(username:realm:password):nonce:cnonce)
 * HA2 = H(method:uri)
 * response = H(HA1:nonce:nc:cnonce:qop:HA2)   ; without qop (RFC 2069): H(HA1:nonce:HA2)
 * ```
 *
 * @see RFC 7616 §3.4.1-3.4.3, RFC 2617 §3.2.2, RFC 2069 §2.1.2
 */
export function digestResponse(input: DigestInput): string {
  const { algorithm: a } = input;
  let ha1 = hash(a, `${input.username}:${input.realm}:${input.password}`);
  if (a.endsWith('-sess')) ha1 = hash(a, `${ha1}:${input.nonce}:${input.cnonce ?? ''}`);
  const ha2 = hash(a, `${input.method}:${input.uri}`);
  if (input.qop === 'auth') {
    return hash(a, `${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:auth:${ha2}`);
  }
  return hash(a, `${ha1}:${input.nonce}:${ha2}`);
}

/**
 * Compares two strings in time that depends only on the length of `expected`, so a
 * response check does not leak how many leading characters matched.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  let diff = expected.length ^ actual.length;
  // charCodeAt past the end is NaN, and NaN | 0 is 0.
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (actual.charCodeAt(i) | 0);
  return diff === 0;
}
