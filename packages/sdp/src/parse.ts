import { SdpError, SdpErrorCode } from './errors.js';
import { tokens, parseDigits } from './internal/tokens.js';
import { type SdpQuirk, SdpQuirkCode, type SdpQuirkCodeValue } from './quirks.js';
import { serializeSdp } from './serialize.js';
import type { Sdp, SdpAttribute, SdpBandwidth, SdpConnection, SdpMedia, SdpOrigin } from './types.js';

/** Limits that bound the work and memory one untrusted description can cost. */
export type ParseSdpOptions = {
  /** Largest input, in bytes (`Uint8Array`) or characters (`string`). */
  readonly maxBytes?: number;
  /** Most lines, blank ones included. */
  readonly maxLines?: number;
  /** Most `m=` sections. */
  readonly maxMedia?: number;
};

/** Default {@link ParseSdpOptions}. */
export const defaultSdpLimits = {
  // Camera DESCRIBE bodies are 0.3–4 KB; ONVIF back-channel offers with 20 codecs stay under 8 KB.
  maxBytes: 64 * 1024,
  // 64 KiB of 32-byte lines: a description with more lines than this is not a camera's.
  maxLines: 2048,
  // Multi-sensor cameras list up to a dozen sections (video, audio, metadata, back channel each).
  maxMedia: 64,
} as const;

/** What {@link parseSdpWithQuirks} returns: the model and every tolerated deviation. */
export type SdpParseResult = {
  readonly sdp: Sdp;
  readonly quirks: readonly SdpQuirk[];
};

const DEFAULT_ORIGIN: SdpOrigin = {
  username: '-',
  sessionId: '0',
  sessionVersion: '0',
  netType: 'IN',
  addressType: 'IP4',
  address: '0.0.0.0',
};

// RFC 8866 §5 order of session-level and media-level lines.
const SESSION_ORDER: Record<string, number> = {
  v: 0,
  o: 1,
  s: 2,
  i: 3,
  u: 4,
  e: 5,
  p: 6,
  c: 7,
  b: 8,
  t: 9,
  r: 10,
  z: 11,
  k: 12,
  a: 13,
};
const MEDIA_ORDER: Record<string, number> = { m: 0, i: 1, c: 2, b: 3, k: 4, a: 5 };

let decoder: TextDecoder | undefined;

type MutableMedia = {
  type: string;
  port: number;
  portCount?: number;
  protocol: string;
  formats: string[];
  title?: string;
  connections: SdpConnection[];
  bandwidths: SdpBandwidth[];
  encryptionKey?: string;
  attributes: SdpAttribute[];
};

/**
 * Parses a session description (RFC 8866) from text or from the bytes of a DESCRIBE body
 * (decoded as UTF-8). Reads tolerantly — see {@link SdpQuirkCode} for every deviation
 * accepted — and throws {@link SdpError} only for input that cannot be understood: a line
 * not shaped `<letter>=<value>`, an `m=` line without a valid port, a non-numeric `v=`, an
 * empty input, or input beyond the limits. The model shares no memory with the input.
 * What it returns, {@link serializeSdp} writes within `maxBytes`: a description whose
 * canonical form (CRLF lines, the `o=`, `s=` and `t=` it fills in) would not fit is refused
 * too, measured as the input was (bytes of UTF-8 or characters).
 *
 * @see RFC 8866 §5
 */
export function parseSdp(input: string | Uint8Array, options?: ParseSdpOptions): Sdp {
  return parse(input, options, null);
}

/** {@link parseSdp}, also returning the deviations it tolerated, in input order. */
export function parseSdpWithQuirks(input: string | Uint8Array, options?: ParseSdpOptions): SdpParseResult {
  const quirks: SdpQuirk[] = [];
  const sdp = parse(input, options, quirks);
  return { sdp, quirks };
}

/** Same as {@link parseSdp} for a DESCRIBE body (a `Uint8Array`), for call sites that prefer the explicit name. */
export function parseSdpBytes(bytes: Uint8Array, options?: ParseSdpOptions): Sdp {
  return parse(bytes, options, null);
}

function parse(input: string | Uint8Array, options: ParseSdpOptions | undefined, quirks: SdpQuirk[] | null): Sdp {
  const maxBytes = options?.maxBytes ?? defaultSdpLimits.maxBytes;
  const maxLines = options?.maxLines ?? defaultSdpLimits.maxLines;
  const maxMedia = options?.maxMedia ?? defaultSdpLimits.maxMedia;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) {
    throw new SdpError(SdpErrorCode.TooLarge, `sdp of ${size} bytes exceeds the limit of ${maxBytes}`);
  }
  const text = typeof input === 'string' ? input : (decoder ??= new TextDecoder()).decode(input);

  const quirk = (code: SdpQuirkCodeValue, line: number) => {
    quirks?.push({ code, line });
  };

  let version = -1;
  let origin: SdpOrigin | undefined;
  let sessionName: string | undefined;
  let sessionInfo: string | undefined;
  let uri: string | undefined;
  const emails: string[] = [];
  const phones: string[] = [];
  let connection: SdpConnection | undefined;
  const bandwidths: SdpBandwidth[] = [];
  const timings: { start: number; stop: number; repeats: string[] }[] = [];
  let timeZones: string | undefined;
  let encryptionKey: string | undefined;
  const attributes: SdpAttribute[] = [];
  const media: MutableMedia[] = [];
  let current: MutableMedia | undefined;

  let described = false;
  let order = -1;
  let outOfOrderSeen = false;
  let bareSeen = false;
  let lineNo = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let nextLf = -2;
  let nextCr = -2;

  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    let end: number;
    let next: number;
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      end = nextCr;
      if (nextLf === nextCr + 1) {
        next = nextLf + 1;
      } else {
        next = nextCr + 1;
        if (!bareSeen) {
          bareSeen = true;
          quirk(SdpQuirkCode.BareLineEnding, lineNo + 1);
        }
      }
    } else if (nextLf !== -1) {
      end = nextLf;
      next = nextLf + 1;
      if (!bareSeen) {
        bareSeen = true;
        quirk(SdpQuirkCode.BareLineEnding, lineNo + 1);
      }
    } else {
      end = n;
      next = n;
    }
    lineNo++;
    if (lineNo > maxLines) {
      throw new SdpError(SdpErrorCode.TooManyLines, `sdp has more than ${maxLines} lines`, pos, lineNo);
    }
    const lineStart = pos;
    pos = next;

    let s = lineStart;
    let e = end;
    let c = text.charCodeAt(s);
    while (s < e && (c === 0x20 || c === 0x09)) c = text.charCodeAt(++s);
    c = text.charCodeAt(e - 1);
    while (e > s && (c === 0x20 || c === 0x09)) c = text.charCodeAt(--e - 1);
    if (s === e) {
      if (pos < n) quirk(SdpQuirkCode.EmptyLine, lineNo);
      continue;
    }
    if (s !== lineStart || e !== end) quirk(SdpQuirkCode.Whitespace, lineNo);

    const type = text.charCodeAt(s);
    if (
      e - s < 2 ||
      text.charCodeAt(s + 1) !== 0x3d ||
      !((type >= 0x61 && type <= 0x7a) || (type >= 0x41 && type <= 0x5a))
    ) {
      throw new SdpError(
        SdpErrorCode.MalformedLine,
        `line ${JSON.stringify(text.slice(s, Math.min(e, s + 40)))} is not <type>=<value>`,
        lineStart,
        lineNo,
      );
    }
    described = true;
    const letter = text[s] as string;
    const value = text.slice(s + 2, e);

    if (current !== undefined) {
      const rank = MEDIA_ORDER[letter];
      if (rank !== undefined) {
        if (rank < order && rank > 0 && !outOfOrderSeen) {
          outOfOrderSeen = true;
          quirk(SdpQuirkCode.OutOfOrder, lineNo);
        }
        order = rank;
        switch (letter) {
          case 'm':
            current = startMedia(value, lineStart, lineNo, media, maxMedia, quirk);
            order = 0;
            break;
          case 'a': {
            const attribute = parseAttribute(value);
            current.attributes.push(attribute);
            if (quirks !== null && attribute.name === 'fmtp') checkFmtp(current, attribute, lineNo, quirk);
            break;
          }
          case 'c': {
            const conn = parseConnection(value, lineNo, quirk);
            if (conn) current.connections.push(conn);
            break;
          }
          case 'b': {
            const bw = parseBandwidth(value, lineNo, quirk);
            if (bw) current.bandwidths.push(bw);
            break;
          }
          case 'i':
            if (current.title !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
            current.title = value;
            break;
          default:
            if (current.encryptionKey !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
            current.encryptionKey = value;
        }
        continue;
      }
      if (SESSION_ORDER[letter] !== undefined) quirk(SdpQuirkCode.SessionLineInMedia, lineNo);
    } else {
      const rank = SESSION_ORDER[letter];
      if (rank !== undefined) {
        // t= after r= starts the next time description: not out of order.
        if (rank < order && !(letter === 't' && order === 10) && !outOfOrderSeen) {
          outOfOrderSeen = true;
          quirk(SdpQuirkCode.OutOfOrder, lineNo);
        }
        order = rank;
      }
    }

    switch (letter) {
      case 'a':
        attributes.push(parseAttribute(value));
        break;
      case 'm':
        current = startMedia(value, lineStart, lineNo, media, maxMedia, quirk);
        order = 0;
        break;
      case 'v': {
        const v = parseDigits(value);
        if (v < 0) {
          throw new SdpError(
            SdpErrorCode.InvalidVersion,
            `version ${JSON.stringify(value)} is not a number`,
            lineStart,
            lineNo,
          );
        }
        if (version >= 0) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        version = v;
        break;
      }
      case 'o':
        if (origin !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        origin = parseOrigin(value, lineNo, quirk);
        break;
      case 's':
        if (sessionName !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        sessionName = value;
        break;
      case 'i':
        if (sessionInfo !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        sessionInfo = value;
        break;
      case 'u':
        if (uri !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        uri = value;
        break;
      case 'e':
        emails.push(value);
        break;
      case 'p':
        phones.push(value);
        break;
      case 'c': {
        const conn = parseConnection(value, lineNo, quirk);
        if (conn) {
          if (connection !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
          connection = conn;
        }
        break;
      }
      case 'b': {
        const bw = parseBandwidth(value, lineNo, quirk);
        if (bw) bandwidths.push(bw);
        break;
      }
      case 't':
        timings.push(parseTiming(value, lineNo, quirk));
        break;
      case 'r': {
        const last = timings[timings.length - 1];
        if (last) last.repeats.push(value);
        else quirk(SdpQuirkCode.OrphanRepeat, lineNo);
        break;
      }
      case 'z':
        if (timeZones !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        timeZones = value;
        break;
      case 'k':
        if (encryptionKey !== undefined) quirk(SdpQuirkCode.DuplicateLine, lineNo);
        encryptionKey = value;
        break;
      default:
        quirk(SdpQuirkCode.UnknownLineType, lineNo);
    }
  }

  if (!described) {
    throw new SdpError(SdpErrorCode.Empty, 'sdp holds no description', 0);
  }
  if (quirks) {
    if (version < 0) quirk(SdpQuirkCode.MissingVersion, 0);
    if (origin === undefined) quirk(SdpQuirkCode.MissingOrigin, 0);
    if (sessionName === undefined) quirk(SdpQuirkCode.MissingSessionName, 0);
    if (timings.length === 0) quirk(SdpQuirkCode.MissingTiming, 0);
  }

  const sdp: {
    -readonly [K in keyof Sdp]: Sdp[K];
  } = {
    version: Math.max(version, 0),
    origin: origin ?? DEFAULT_ORIGIN,
    sessionName: sessionName ?? '-',
    emails,
    phones,
    bandwidths,
    timings: timings.length > 0 ? timings : [{ start: 0, stop: 0, repeats: [] }],
    attributes,
    media: media as SdpMedia[],
  };
  if (sessionInfo !== undefined) sdp.sessionInfo = sessionInfo;
  if (uri !== undefined) sdp.uri = uri;
  if (connection !== undefined) sdp.connection = connection;
  if (timeZones !== undefined) sdp.timeZones = timeZones;
  if (encryptionKey !== undefined) sdp.encryptionKey = encryptionKey;
  const canonical = canonicalSize(sdp, typeof input === 'string');
  if (canonical > maxBytes) {
    throw new SdpError(
      SdpErrorCode.TooLarge,
      `sdp of ${size} bytes is ${canonical} written canonically, over the limit of ${maxBytes}`,
    );
  }
  return sdp;
}

let encoder: TextEncoder | undefined;

/** Size of the description as {@link serializeSdp} writes it; 0 when the writer refuses it. */
function canonicalSize(sdp: Sdp, chars: boolean): number {
  let text: string;
  try {
    text = serializeSdp(sdp);
  } catch (e) {
    if (e instanceof SdpError) return 0;
    throw e;
  }
  return chars ? text.length : (encoder ??= new TextEncoder()).encode(text).length;
}

type Quirk = (code: SdpQuirkCodeValue, line: number) => void;

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  return colon < 0 ? { name: value } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}

function startMedia(
  value: string,
  offset: number,
  line: number,
  media: MutableMedia[],
  maxMedia: number,
  quirk: Quirk,
): MutableMedia {
  if (media.length >= maxMedia) {
    throw new SdpError(SdpErrorCode.TooManyMedia, `sdp has more than ${maxMedia} media sections`, offset, line);
  }
  const t = tokens(value);
  if (t.length < 3) {
    throw new SdpError(
      SdpErrorCode.InvalidMedia,
      `media line ${JSON.stringify(value)} needs media, port and protocol`,
      offset,
      line,
    );
  }
  const portText = t[1] as string;
  const slash = portText.indexOf('/');
  const port = parseDigits(slash < 0 ? portText : portText.slice(0, slash));
  const count = slash < 0 ? 1 : parseDigits(portText.slice(slash + 1));
  if (port < 0 || port > 65535 || count < 1) {
    throw new SdpError(
      SdpErrorCode.InvalidMedia,
      `media port ${JSON.stringify(portText)} is not a port number`,
      offset,
      line,
    );
  }
  const m: MutableMedia = {
    type: t[0] as string,
    port,
    protocol: t[2] as string,
    formats: t.slice(3),
    connections: [],
    bandwidths: [],
    attributes: [],
  };
  if (slash >= 0) m.portCount = count;
  if (m.formats.length === 0) quirk(SdpQuirkCode.MediaWithoutFormats, line);
  media.push(m);
  return m;
}

function parseOrigin(value: string, line: number, quirk: Quirk): SdpOrigin {
  const t = tokens(value);
  if (t.length === 6) {
    return {
      username: t[0] as string,
      sessionId: t[1] as string,
      sessionVersion: t[2] as string,
      netType: t[3] as string,
      addressType: t[4] as string,
      address: t[5] as string,
    };
  }
  quirk(SdpQuirkCode.MalformedOrigin, line);
  let k = -1;
  for (let i = 0; i < t.length; i++) if ((t[i] as string).toUpperCase() === 'IN') k = i;
  if (k < 0) {
    return {
      ...DEFAULT_ORIGIN,
      username: t[0] ?? DEFAULT_ORIGIN.username,
      sessionId: t[1] ?? DEFAULT_ORIGIN.sessionId,
      sessionVersion: t[2] ?? DEFAULT_ORIGIN.sessionVersion,
    };
  }
  // Take session id and version from just before `IN` (TP-Link puts an extra number in front).
  const before = t.slice(0, k);
  return {
    username: before.length >= 3 ? (before[0] as string) : (before[0] ?? DEFAULT_ORIGIN.username),
    sessionId: before.length >= 3 ? (before[k - 2] as string) : (before[1] ?? DEFAULT_ORIGIN.sessionId),
    sessionVersion: before.length >= 3 ? (before[k - 1] as string) : DEFAULT_ORIGIN.sessionVersion,
    netType: t[k] as string,
    addressType: t[k + 1] ?? DEFAULT_ORIGIN.addressType,
    address: t[k + 2] ?? DEFAULT_ORIGIN.address,
  };
}

function parseConnection(value: string, line: number, quirk: Quirk): SdpConnection | undefined {
  let v = value;
  const repeated = v.lastIndexOf('c=');
  if (repeated >= 0) {
    quirk(SdpQuirkCode.DuplicatedConnectionPrefix, line);
    v = v.slice(repeated + 2);
  }
  const t = tokens(v);
  if (t.length >= 3) return { netType: t[0] as string, addressType: t[1] as string, address: t[2] as string };
  if (t.length === 2) {
    const address = t[1] as string;
    if (address.includes(':')) {
      quirk(SdpQuirkCode.ConnectionWithoutAddressType, line);
      return { netType: t[0] as string, addressType: 'IP6', address };
    }
    if (address.includes('.')) {
      quirk(SdpQuirkCode.ConnectionWithoutAddressType, line);
      return { netType: t[0] as string, addressType: 'IP4', address };
    }
  }
  quirk(SdpQuirkCode.IncompleteConnection, line);
  return undefined;
}

function parseBandwidth(value: string, line: number, quirk: Quirk): SdpBandwidth | undefined {
  const colon = value.indexOf(':');
  const n = colon > 0 ? parseDigits(value.slice(colon + 1)) : -1;
  if (n < 0) {
    quirk(SdpQuirkCode.MalformedBandwidth, line);
    return undefined;
  }
  return { type: value.slice(0, colon), value: n };
}

function parseTiming(value: string, line: number, quirk: Quirk): { start: number; stop: number; repeats: string[] } {
  const t = tokens(value);
  const start = t.length === 2 ? parseDigits(t[0] as string) : -1;
  const stop = t.length === 2 ? parseDigits(t[1] as string) : -1;
  if (start < 0 || stop < 0) {
    quirk(SdpQuirkCode.MalformedTiming, line);
    return { start: 0, stop: 0, repeats: [] };
  }
  return { start, stop, repeats: [] };
}

function checkFmtp(m: MutableMedia, fmtp: SdpAttribute, line: number, quirk: Quirk): void {
  const value = fmtp.value ?? '';
  const space = value.indexOf(' ');
  const pt = space < 0 ? value : value.slice(0, space);
  if (!m.formats.includes(pt)) quirk(SdpQuirkCode.FmtpForUnlistedFormat, line);
}
