import { RtspError, RtspErrorCode } from '../errors.js';
import { keyValue, splitOutsideQuotes } from '../internal/params.js';

/**
 * A Session header: the session id and, in responses, the timeout in seconds
 * (60 when absent, RFC 2326 §12.37).
 *
 * @see RFC 2326 §12.37, RFC 7826 §18.49
 */
export type Session = { readonly id: string; readonly timeout?: number };

const CODE = RtspErrorCode.InvalidSession;

/**
 * Parses a Session value. Tolerates spaces around `;` and `=` and the padding Hikvision
 * puts before the id; unknown parameters are ignored.
 *
 * @throws RtspError `ERR_RTSP_INVALID_SESSION` (status 454).
 */
export function parseSession(value: string): Session {
  const [first, ...rest] = splitOutsideQuotes(value, ';', CODE);
  if (first === undefined || !/^[\x21-\x7e]+$/.test(first.text) || first.text.includes('"')) {
    throw new RtspError(CODE, `invalid session id ${JSON.stringify(value.slice(0, 64))}`, first?.at ?? 0);
  }
  let timeout: number | undefined;
  for (const p of rest) {
    const { key, value: v } = keyValue(p.text);
    if (key !== 'timeout') continue;
    if (v === undefined || !/^\d{1,9}$/.test(v))
      throw new RtspError(CODE, `invalid session timeout ${JSON.stringify(v)}`, p.at);
    timeout = Number(v);
  }
  return timeout === undefined ? { id: first.text } : { id: first.text, timeout };
}

/** Writes `id` or `id;timeout=N`. */
export function serializeSession(s: Session): string {
  // Exactly what parseSession accepts: visible ASCII without `;` (the parameter separator) or `"`.
  if (!/^[\x21-\x7e]+$/.test(s.id) || /[;"]/.test(s.id))
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid session id ${JSON.stringify(s.id)}`);
  if (s.timeout !== undefined && !(Number.isInteger(s.timeout) && s.timeout >= 0 && s.timeout <= 999_999_999))
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid session timeout ${s.timeout}`);
  return s.timeout === undefined ? s.id : `${s.id};timeout=${s.timeout}`;
}
