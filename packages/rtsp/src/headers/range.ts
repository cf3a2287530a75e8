import { RtspError, RtspErrorCode } from '../errors.js';

/** A normal play time: seconds from the start, or `now` for live streams. */
export type NptTime = number | 'now';

/**
 * A Range header. Either end may be absent (open range). `npt` times are seconds;
 * `clock` times are ISO 8601 basic UTC strings (`19961108T142300Z`); SMPTE times are kept
 * as written (`10:12:33:20`). `time` is the optional `;time=` wall clock.
 *
 * @see RFC 2326 §3.5-3.7, §12.29; RFC 7826 §4.4, §18.40
 */
export type Range =
  | { readonly unit: 'npt'; readonly start?: NptTime; readonly end?: NptTime; readonly time?: string }
  | { readonly unit: 'clock'; readonly start?: string; readonly end?: string; readonly time?: string }
  | {
      readonly unit: 'smpte' | 'smpte-30-drop' | 'smpte-25';
      readonly start?: string;
      readonly end?: string;
      readonly time?: string;
    };

const CODE = RtspErrorCode.InvalidRange;
const NPT_SEC = /^\d+(?:\.\d*)?$/;
const NPT_HHMMSS = /^(\d+):([0-5]?\d):([0-5]?\d(?:\.\d*)?)$/;
const SMPTE = /^\d{1,2}:\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,2})?)?$/;
const CLOCK = /^\d{8}T\d{6}(?:\.\d+)?Z$/;

// `toFixed` writes exponent notation from 1e21 on; the serializer must be able to write
// whatever the parser returns.
const MAX_NPT = 1e21;

/**
 * NPT seconds, rounded to nanoseconds: what {@link serializeRange} writes and reads back
 * as the same number.
 */
function nptSeconds(seconds: number, text: string, at: number): number {
  if (!(seconds < MAX_NPT)) throw new RtspError(CODE, `npt time ${JSON.stringify(text.slice(0, 32))} out of range`, at);
  return Number(seconds.toFixed(9));
}

function npt(text: string, at: number): NptTime | undefined {
  if (text === '') return undefined;
  if (text.toLowerCase() === 'now') return 'now';
  if (NPT_SEC.test(text)) return nptSeconds(Number(text), text, at);
  const m = NPT_HHMMSS.exec(text);
  if (m) return nptSeconds(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), text, at);
  throw new RtspError(CODE, `invalid npt time ${JSON.stringify(text.slice(0, 32))}`, at);
}

function checked(text: string, re: RegExp, at: number, unit: string): string | undefined {
  if (text === '') return undefined;
  if (!re.test(text)) throw new RtspError(CODE, `invalid ${unit} time ${JSON.stringify(text.slice(0, 32))}`, at);
  return text;
}

/**
 * Parses a Range value. Tolerates spaces around `=` and `-` and a missing start
 * (`npt=-20`). NPT times are rounded to nanoseconds and must be below 1e21 seconds, so
 * that {@link serializeRange} writes back exactly what was read.
 *
 * @throws RtspError `ERR_RTSP_INVALID_RANGE` (status 457).
 */
export function parseRange(value: string): Range {
  const [spec = '', ...params] = value.split(';');
  const eq = spec.indexOf('=');
  if (eq < 0) throw new RtspError(CODE, `invalid range ${JSON.stringify(value.slice(0, 64))}`, 0);
  const unit = spec.slice(0, eq).trim().toLowerCase();
  const body = spec.slice(eq + 1);
  // SMPTE and clock times contain no '-', npt times neither: the first '-' splits.
  const dash = body.indexOf('-');
  if (dash < 0) throw new RtspError(CODE, `range without '-' ${JSON.stringify(value.slice(0, 64))}`, eq + 1);
  const a = body.slice(0, dash).trim();
  const b = body.slice(dash + 1).trim();
  const at = eq + 1;
  let time: string | undefined;
  for (const p of params) {
    const [k = '', v] = p.split('=');
    if (k.trim().toLowerCase() === 'time' && v !== undefined) time = checked(v.trim(), CLOCK, at, 'clock');
  }
  const withTime = <T extends object>(r: T): T => (time === undefined ? r : { ...r, time });
  if (unit === 'npt') {
    const start = npt(a, at);
    const end = npt(b, at + dash + 1);
    if (start === undefined && end === undefined) throw new RtspError(CODE, 'npt range with neither start nor end', at);
    return withTime({ unit, ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) });
  }
  if (unit === 'clock' || unit === 'smpte' || unit === 'smpte-30-drop' || unit === 'smpte-25') {
    const re = unit === 'clock' ? CLOCK : SMPTE;
    const start = checked(a, re, at, unit);
    const end = checked(b, re, at + dash + 1, unit);
    if (start === undefined && end === undefined)
      throw new RtspError(CODE, `${unit} range with neither start nor end`, at);
    return withTime({ unit, ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) });
  }
  throw new RtspError(CODE, `unknown range unit ${JSON.stringify(unit.slice(0, 16))}`, 0);
}

function formatNpt(t: NptTime | undefined): string {
  if (t === undefined) return '';
  if (t === 'now') return 'now';
  if (!(t >= 0 && t < MAX_NPT)) throw new RtspError(RtspErrorCode.InvalidMessage, `invalid npt time ${t}`);
  // Nanoseconds and coarser, never exponent notation.
  const text = t.toFixed(9);
  let end = text.length;
  while (text.charCodeAt(end - 1) === 0x30) end--;
  return text.slice(0, text.charCodeAt(end - 1) === 0x2e ? end - 1 : end);
}

/** Writes a Range value: `npt=10.5-`, `clock=…-…`, `smpte=…-`, with `;time=` when set. */
export function serializeRange(r: Range): string {
  const body = r.unit === 'npt' ? `${formatNpt(r.start)}-${formatNpt(r.end)}` : `${r.start ?? ''}-${r.end ?? ''}`;
  return `${r.unit}=${body}${r.time === undefined ? '' : `;time=${r.time}`}`;
}
