import { RtspError, RtspErrorCode } from '../errors.js';
import { isToken } from '../internal/text.js';

/**
 * Parses a comma-separated token list: Public and Allow (method names), Require,
 * Proxy-Require, Supported and Unsupported (feature tags). Empty elements (leading or
 * doubled commas) are skipped. For headers repeated over several lines, parse each value
 * (`getHeaderValues(...).flatMap(parseTokenList)`).
 *
 * @throws RtspError `ERR_RTSP_INVALID_HEADER_VALUE` for an element that is not a token.
 * @see RFC 2326 §12.28 (Public), §12.32 (Require), RFC 7826 §18.5, §18.51
 */
export function parseTokenList(value: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const raw of value.split(',')) {
    const t = raw.trim();
    if (t !== '' && !isToken(t))
      throw new RtspError(
        RtspErrorCode.InvalidHeaderValue,
        `invalid list element ${JSON.stringify(t.slice(0, 32))}`,
        at,
      );
    if (t !== '') out.push(t);
    at += raw.length + 1;
  }
  return out;
}

/** Writes a token list as `A, B, C`. */
export function serializeTokenList(tokens: readonly string[]): string {
  for (const t of tokens)
    if (!isToken(t)) throw new RtspError(RtspErrorCode.InvalidMessage, `invalid token ${JSON.stringify(t)}`);
  return tokens.join(', ');
}
