import { RtspError, RtspErrorCode } from '../errors.js';
import { keyValue, quote, splitOutsideQuotes, unquote } from '../internal/params.js';

/** A pair of ports or interleaved channels: RTP first, RTCP second. */
export type PortRange = readonly [rtp: number, rtcp: number];

/**
 * One transport-spec of a Transport header.
 *
 * Reading is tolerant: parameters in any order, `RTP/AVP/UDP` (written back as `RTP/AVP`),
 * a single port `N` (read as `N-(N+1)`), `mode` in any case and quoted or not (kept
 * lowercase), ssrc with leading spaces, fewer than 8 digits or a `0x` prefix; an ssrc that
 * is not 32-bit hex is dropped, and an empty `source=` is ignored.
 *
 * @see RFC 2326 §12.39, RFC 7826 §18.54
 */
export type Transport = {
  /** `RTP/AVP`, `RTP/SAVP`, … without the lower transport. */
  readonly profile: string;
  readonly lowerTransport: 'UDP' | 'TCP';
  readonly delivery?: 'unicast' | 'multicast';
  readonly destination?: string;
  readonly source?: string;
  readonly interleaved?: PortRange;
  readonly append?: true;
  readonly ttl?: number;
  readonly layers?: number;
  /** Multicast port pair. */
  readonly port?: PortRange;
  readonly clientPort?: PortRange;
  readonly serverPort?: PortRange;
  readonly ssrc?: number;
  /** Lowercase method names: `play`, `record`. Written unquoted (FFmpeg's listener rejects `RECORD`). */
  readonly mode?: string;
  /** Parameters this type does not model, kept in order for forwarding. */
  readonly parameters?: ReadonlyArray<readonly [name: string, value: string | undefined]>;
};

const CODE = RtspErrorCode.InvalidTransport;
const PROFILE = /^([A-Za-z0-9]+\/[A-Za-z0-9]+)(?:\/(TCP|UDP))?$/i;

function range(value: string | undefined, max: number, at: number, what: string): PortRange {
  const m = value === undefined ? null : /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  const first = m ? Number(m[1]) : Number.NaN;
  const second = m?.[2] === undefined ? Math.min(first + 1, max) : Number(m[2]);
  if (!(first <= max && second <= max)) throw new RtspError(CODE, `invalid ${what} ${JSON.stringify(value)}`, at);
  return [first, second];
}

function integer(value: string | undefined, max: number, at: number, what: string): number {
  const n = value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n <= max)) throw new RtspError(CODE, `invalid ${what} ${JSON.stringify(value)}`, at);
  return n;
}

function parseSsrc(value: string): number | undefined {
  // Hikvision and Dahua pad with spaces; some cameras omit leading zeros or add 0x.
  const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(value.trim());
  return m ? Number.parseInt(m[1]!, 16) : undefined;
}

function parseOne(spec: string, base: number): Transport {
  const pieces = splitOutsideQuotes(spec, ';', CODE);
  const profilePiece = pieces.find((p) => PROFILE.test(p.text));
  if (profilePiece === undefined)
    throw new RtspError(CODE, `no transport protocol in ${JSON.stringify(spec.slice(0, 64))}`, base);
  const pm = PROFILE.exec(profilePiece.text)!;
  const t: { -readonly [K in keyof Transport]: Transport[K] } = {
    profile: pm[1]!.toUpperCase(),
    lowerTransport: pm[2]?.toUpperCase() === 'TCP' ? 'TCP' : 'UDP',
  };
  const extra: Array<readonly [string, string | undefined]> = [];
  for (const piece of pieces) {
    if (piece === profilePiece) continue;
    const at = base + piece.at;
    const { key, value: raw } = keyValue(piece.text);
    const value = raw === undefined ? undefined : unquote(raw);
    switch (key) {
      case 'unicast':
      case 'multicast':
        t.delivery = key;
        break;
      case 'destination':
        if (value) t.destination = value;
        break;
      case 'source':
        if (value) t.source = value;
        break;
      case 'interleaved':
        t.interleaved = range(value, 255, at, 'interleaved');
        break;
      case 'append':
        t.append = true;
        break;
      case 'ttl':
        t.ttl = integer(value, 255, at, 'ttl');
        break;
      case 'layers':
        t.layers = integer(value, 255, at, 'layers');
        break;
      case 'port':
        t.port = range(value, 65535, at, 'port');
        break;
      case 'client_port':
        t.clientPort = range(value, 65535, at, 'client_port');
        break;
      case 'server_port':
        t.serverPort = range(value, 65535, at, 'server_port');
        break;
      case 'ssrc': {
        const ssrc = value === undefined ? undefined : parseSsrc(value);
        if (ssrc !== undefined) t.ssrc = ssrc;
        break;
      }
      case 'mode':
        if (!value) throw new RtspError(CODE, 'empty mode', at);
        t.mode = value.toLowerCase();
        break;
      default:
        extra.push([key, raw]);
    }
  }
  if (extra.length > 0) t.parameters = extra;
  return t;
}

/**
 * Parses a Transport header value: one or more comma-separated alternatives, in the
 * client's order of preference.
 *
 * @throws RtspError `ERR_RTSP_INVALID_TRANSPORT` (status 461) with the character offset.
 * @see RFC 2326 §12.39
 */
export function parseTransports(value: string): Transport[] {
  const out = splitOutsideQuotes(value, ',', CODE).map((p) => parseOne(p.text, p.at));
  if (out.length === 0) throw new RtspError(CODE, 'empty transport header', 0);
  return out;
}

/** Parses a Transport value that must hold exactly one transport-spec (a SETUP response). */
export function parseTransport(value: string): Transport {
  const all = parseTransports(value);
  if (all.length !== 1) throw new RtspError(CODE, `expected one transport, got ${all.length}`, 0);
  return all[0]!;
}

const pair = (r: PortRange) => `${r[0]}-${r[1]}`;

/**
 * Writes one transport-spec in canonical order: profile, delivery, destination, source,
 * interleaved, append, ttl, layers, port, client_port, server_port, ssrc (8 uppercase hex
 * digits), mode, then unmodelled parameters.
 *
 * @see RFC 2326 §12.39
 */
export function serializeTransport(t: Transport): string {
  const parts = [t.lowerTransport === 'TCP' ? `${t.profile}/TCP` : t.profile];
  if (t.delivery) parts.push(t.delivery);
  if (t.destination !== undefined) parts.push(`destination=${safe(t.destination)}`);
  if (t.source !== undefined) parts.push(`source=${safe(t.source)}`);
  if (t.interleaved) parts.push(`interleaved=${pair(t.interleaved)}`);
  if (t.append) parts.push('append');
  if (t.ttl !== undefined) parts.push(`ttl=${t.ttl}`);
  if (t.layers !== undefined) parts.push(`layers=${t.layers}`);
  if (t.port) parts.push(`port=${pair(t.port)}`);
  if (t.clientPort) parts.push(`client_port=${pair(t.clientPort)}`);
  if (t.serverPort) parts.push(`server_port=${pair(t.serverPort)}`);
  if (t.ssrc !== undefined) parts.push(`ssrc=${(t.ssrc >>> 0).toString(16).toUpperCase().padStart(8, '0')}`);
  if (t.mode !== undefined) parts.push(`mode=${safe(t.mode)}`);
  for (const [k, v] of t.parameters ?? []) parts.push(v === undefined ? k : `${k}=${v}`);
  return parts.join(';');
}

/** Writes several alternatives, comma-separated. */
export function serializeTransports(list: readonly Transport[]): string {
  return list.map(serializeTransport).join(',');
}

/** Token values go bare; anything with separators is quoted (IPv6 destinations). */
function safe(value: string): string {
  return /^[A-Za-z0-9.\-_:]+$/.test(value) && !value.includes(':') ? value : quote(value);
}
