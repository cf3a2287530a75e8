import { RtspError, type RtspErrorCodeValue } from '../errors.js';

/** A piece of a header value split on a separator, with its character offset. */
export type Piece = { readonly text: string; readonly at: number };

/**
 * Splits `value` on `sep` outside double quotes (backslash escapes inside quotes), trimming
 * each piece; empty pieces are dropped (leading commas, `a;;b`). An unclosed quote throws
 * `code`.
 */
export function splitOutsideQuotes(value: string, sep: string, code: RtspErrorCodeValue): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      else if (c === undefined) throw new RtspError(code, `unclosed quote in ${JSON.stringify(value.slice(0, 64))}`, i);
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === sep || c === undefined) {
      const raw = value.slice(start, i);
      const text = raw.trim();
      if (text !== '') out.push({ text, at: start + raw.indexOf(text[0]!) });
      start = i + 1;
    }
  }
  return out;
}

/** Removes surrounding double quotes and backslash escapes; other text is returned trimmed. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** A quoted-string (RFC 7230 §3.2.6), escaping `"` and `\`. */
export function quote(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/** Splits `key=value` (value optional) at the first `=`; the key is lowercased. */
export function keyValue(text: string): { key: string; value: string | undefined } {
  const eq = text.indexOf('=');
  if (eq < 0) return { key: text.trim().toLowerCase(), value: undefined };
  return { key: text.slice(0, eq).trim().toLowerCase(), value: text.slice(eq + 1).trim() };
}
