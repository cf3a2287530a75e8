import { SdpError, SdpErrorCode } from './errors.js';
import { hasBreak, hasBreakOrSpace } from './internal/tokens.js';
import type { Sdp, SdpAttribute, SdpBandwidth, SdpConnection } from './types.js';

/**
 * Writes a session description in canonical form: CRLF line endings, RFC 8866 §5 line
 * order (`v o s i u e p c b t r z k a`, then per media `m i c b k a`), single spaces between
 * fields. `serializeSdp(parseSdp(x)) === x` for any `x` already in that form. Throws
 * {@link SdpError} `ERR_SDP_INVALID_MODEL` for a value that would break the line structure
 * (CR or LF anywhere; spaces inside a field that is a single token; `c=` inside a
 * connection field; a port outside 0..65535). Leading and trailing whitespace of a value is not preserved by a round trip.
 *
 * @see RFC 8866 §5
 */
export function serializeSdp(sdp: Sdp): string {
  const o = sdp.origin;
  let out = `v=${int(sdp.version, 'version')}\r\n`;
  out += `o=${tok(o.username, 'origin username')} ${tok(o.sessionId, 'origin session id')} ${tok(o.sessionVersion, 'origin session version')} ${tok(o.netType, 'origin net type')} ${tok(o.addressType, 'origin address type')} ${tok(o.address, 'origin address')}\r\n`;
  out += sdp.sessionName === '' ? 's= \r\n' : `s=${text(sdp.sessionName, 'session name')}\r\n`;
  if (sdp.sessionInfo !== undefined) out += `i=${text(sdp.sessionInfo, 'session information')}\r\n`;
  if (sdp.uri !== undefined) out += `u=${text(sdp.uri, 'uri')}\r\n`;
  for (const e of sdp.emails) out += `e=${text(e, 'email')}\r\n`;
  for (const p of sdp.phones) out += `p=${text(p, 'phone')}\r\n`;
  if (sdp.connection !== undefined) out += connection(sdp.connection);
  out += bandwidths(sdp.bandwidths);
  for (const t of sdp.timings) {
    out += `t=${int(t.start, 'start time')} ${int(t.stop, 'stop time')}\r\n`;
    for (const r of t.repeats) out += `r=${text(r, 'repeat')}\r\n`;
  }
  if (sdp.timeZones !== undefined) out += `z=${text(sdp.timeZones, 'time zones')}\r\n`;
  if (sdp.encryptionKey !== undefined) out += `k=${text(sdp.encryptionKey, 'encryption key')}\r\n`;
  out += attributes(sdp.attributes);
  for (const m of sdp.media) {
    const port = int(m.port, 'media port');
    if (m.port > 65535) invalid(`media port ${m.port} exceeds 65535`);
    out += `m=${tok(m.type, 'media type')} ${port}`;
    if (m.portCount !== undefined) {
      if (m.portCount < 1) invalid(`media port count ${m.portCount} is below 1`);
      out += `/${int(m.portCount, 'media port count')}`;
    }
    out += ` ${tok(m.protocol, 'media protocol')}`;
    for (const f of m.formats) out += ` ${tok(f, 'media format')}`;
    out += '\r\n';
    if (m.title !== undefined) out += `i=${text(m.title, 'media title')}\r\n`;
    for (const c of m.connections) out += connection(c);
    out += bandwidths(m.bandwidths);
    if (m.encryptionKey !== undefined) out += `k=${text(m.encryptionKey, 'encryption key')}\r\n`;
    out += attributes(m.attributes);
  }
  return out;
}

function connection(c: SdpConnection): string {
  // The reader drops everything before a repeated `c=` (a camera quirk), so none may be written.
  if (c.netType.includes('c=') || c.addressType.includes('c=') || c.address.includes('c='))
    invalid(`connection ${JSON.stringify(c)} contains "c="`);
  return `c=${tok(c.netType, 'connection net type')} ${tok(c.addressType, 'connection address type')} ${tok(c.address, 'connection address')}\r\n`;
}

function bandwidths(list: readonly SdpBandwidth[]): string {
  let out = '';
  for (const b of list) {
    if (b.type.includes(':')) invalid(`bandwidth type ${JSON.stringify(b.type)} contains ":"`);
    out += `b=${tok(b.type, 'bandwidth type')}:${int(b.value, 'bandwidth')}\r\n`;
  }
  return out;
}

function attributes(list: readonly SdpAttribute[]): string {
  let out = '';
  for (const a of list) {
    if (a.name.includes(':')) invalid(`attribute name ${JSON.stringify(a.name)} contains ":"`);
    out +=
      a.value === undefined
        ? `a=${text(a.name, 'attribute name')}\r\n`
        : `a=${text(a.name, 'attribute name')}:${text(a.value, 'attribute value')}\r\n`;
  }
  return out;
}

function invalid(message: string): never {
  throw new SdpError(SdpErrorCode.InvalidModel, message);
}

function int(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0) invalid(`${what} ${n} is not a non-negative integer`);
  return String(n);
}

function tok(s: string, what: string): string {
  if (s.length === 0 || hasBreakOrSpace(s)) invalid(`${what} ${JSON.stringify(s)} must be one token`);
  return s;
}

function text(s: string, what: string): string {
  if (hasBreak(s)) invalid(`${what} ${JSON.stringify(s)} contains a line break`);
  return s;
}
