import { SdpError, SdpErrorCode } from './errors.js';
import { parseDigits } from './internal/tokens.js';
import type { SdpMedia } from './types.js';

/**
 * `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`.
 * `encodingName` is kept as written (`mpeg4-generic` and `MPEG4-GENERIC` both occur);
 * compare it case-insensitively.
 *
 * @see RFC 8866 §6.6
 */
export type Rtpmap = {
  readonly payloadType: number;
  readonly encodingName: string;
  readonly clockRate: number;
  /** Audio channels (the encoding parameters), when given. */
  readonly channels?: number;
};

/** One `name=value` of an `a=fmtp` line, in order. A parameter without `=` has value `''`. */
export type FmtpParameter = {
  readonly name: string;
  readonly value: string;
};

/** `a=fmtp:<payload type> <parameters>` split into ordered parameters. */
export type Fmtp = {
  readonly payloadType: number;
  readonly parameters: readonly FmtpParameter[];
};

/**
 * One RTP format of a media section, with what `a=rtpmap`, `a=fmtp` and the static payload
 * table say about it.
 */
export type MediaFormat = Rtpmap & {
  readonly parameters: readonly FmtpParameter[];
};

/**
 * Payload types statically assigned by RFC 3551 §6, table 4 (audio) and table 5 (video):
 * used when a section lists them without `a=rtpmap`.
 *
 * @see RFC 3551 §6
 */
export const STATIC_PAYLOAD_TYPES: Readonly<Record<number, Rtpmap>> = Object.freeze({
  0: { payloadType: 0, encodingName: 'PCMU', clockRate: 8000, channels: 1 },
  3: { payloadType: 3, encodingName: 'GSM', clockRate: 8000, channels: 1 },
  4: { payloadType: 4, encodingName: 'G723', clockRate: 8000, channels: 1 },
  5: { payloadType: 5, encodingName: 'DVI4', clockRate: 8000, channels: 1 },
  6: { payloadType: 6, encodingName: 'DVI4', clockRate: 16000, channels: 1 },
  7: { payloadType: 7, encodingName: 'LPC', clockRate: 8000, channels: 1 },
  8: { payloadType: 8, encodingName: 'PCMA', clockRate: 8000, channels: 1 },
  9: { payloadType: 9, encodingName: 'G722', clockRate: 8000, channels: 1 },
  10: { payloadType: 10, encodingName: 'L16', clockRate: 44100, channels: 2 },
  11: { payloadType: 11, encodingName: 'L16', clockRate: 44100, channels: 1 },
  12: { payloadType: 12, encodingName: 'QCELP', clockRate: 8000, channels: 1 },
  13: { payloadType: 13, encodingName: 'CN', clockRate: 8000, channels: 1 },
  // MPA's channel count is "see text" in RFC 3551 (it is in the MPEG audio header).
  14: { payloadType: 14, encodingName: 'MPA', clockRate: 90000 },
  15: { payloadType: 15, encodingName: 'G728', clockRate: 8000, channels: 1 },
  16: { payloadType: 16, encodingName: 'DVI4', clockRate: 11025, channels: 1 },
  17: { payloadType: 17, encodingName: 'DVI4', clockRate: 22050, channels: 1 },
  18: { payloadType: 18, encodingName: 'G729', clockRate: 8000, channels: 1 },
  25: { payloadType: 25, encodingName: 'CelB', clockRate: 90000 },
  26: { payloadType: 26, encodingName: 'JPEG', clockRate: 90000 },
  28: { payloadType: 28, encodingName: 'nv', clockRate: 90000 },
  31: { payloadType: 31, encodingName: 'H261', clockRate: 90000 },
  32: { payloadType: 32, encodingName: 'MPV', clockRate: 90000 },
  33: { payloadType: 33, encodingName: 'MP2T', clockRate: 90000 },
  34: { payloadType: 34, encodingName: 'H263', clockRate: 90000 },
});

/**
 * Parses an `a=rtpmap` value. Throws {@link SdpError} `ERR_SDP_INVALID_RTPMAP` when it is
 * not `<0..127> <name>/<rate>[/<channels>]`. Tolerates extra spaces around the fields.
 *
 * @see RFC 8866 §6.6
 */
export function parseRtpmap(value: string): Rtpmap {
  const r = readRtpmap(value);
  if (r === undefined) {
    throw new SdpError(
      SdpErrorCode.InvalidRtpmap,
      `rtpmap ${JSON.stringify(value)} is not <pt> <name>/<rate>[/<channels>]`,
    );
  }
  return r;
}

function readRtpmap(value: string): Rtpmap | undefined {
  const v = value.trim();
  const space = v.search(/[ \t]/);
  const pt = space < 0 ? -1 : parseDigits(v.slice(0, space));
  const rest =
    space < 0
      ? []
      : v
          .slice(space + 1)
          .trim()
          .split('/');
  const name = rest[0]?.trim() ?? '';
  const rate = rest.length >= 2 ? parseDigits((rest[1] as string).trim()) : -1;
  const channels = rest.length >= 3 ? parseDigits((rest[2] as string).trim()) : 0;
  if (pt < 0 || pt > 127 || name === '' || rate <= 0 || channels < 0 || rest.length > 3) return undefined;
  return rest.length === 3
    ? { payloadType: pt, encodingName: name, clockRate: rate, channels }
    : { payloadType: pt, encodingName: name, clockRate: rate };
}

/**
 * Parses an `a=fmtp` value: the payload type, then `;`-separated `name=value` pairs with
 * surrounding spaces removed and empty entries skipped (`…;Profile=1;` from Hikvision). The
 * value is everything after the first `=`, so base64 padding survives. Returns `undefined`
 * when the value does not start with a payload type number.
 *
 * @see RFC 8866 §6.15
 */
export function parseFmtp(value: string): Fmtp | undefined {
  const v = value.trimStart();
  let i = 0;
  while (i < v.length && v.charCodeAt(i) >= 0x30 && v.charCodeAt(i) <= 0x39) i++;
  const pt = parseDigits(v.slice(0, i));
  if (pt < 0 || pt > 127 || (i < v.length && v[i] !== ' ' && v[i] !== '\t')) return undefined;
  return { payloadType: pt, parameters: parseFmtpParameters(v.slice(i)) };
}

/** Splits `name=value;name=value` into ordered parameters (see {@link parseFmtp}). */
export function parseFmtpParameters(text: string): FmtpParameter[] {
  const out: FmtpParameter[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (name === '') continue;
    out.push({ name, value: eq < 0 ? '' : part.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * Writes an `a=rtpmap` value: `<pt> <name>/<rate>[/<channels>]`. Throws {@link SdpError}
 * `ERR_SDP_INVALID_MODEL` for a payload type outside 0..127, a rate or channel count that is
 * not a positive integer, or a name that is empty or holds `/` or whitespace.
 *
 * @see RFC 8866 §6.6
 */
export function serializeRtpmap(rtpmap: Rtpmap): string {
  const { payloadType, encodingName, clockRate, channels } = rtpmap;
  const positive = (n: number) => Number.isInteger(n) && n > 0;
  if (
    !Number.isInteger(payloadType) ||
    payloadType < 0 ||
    payloadType > 127 ||
    !positive(clockRate) ||
    (channels !== undefined && !positive(channels)) ||
    encodingName === '' ||
    /[\s/]/.test(encodingName)
  ) {
    throw new SdpError(SdpErrorCode.InvalidModel, `rtpmap ${JSON.stringify(rtpmap)} cannot be written`);
  }
  return `${payloadType} ${encodingName}/${clockRate}${channels === undefined ? '' : `/${channels}`}`;
}

/**
 * Writes an `a=fmtp` value: `<pt> name=value;name=value` (a parameter with an empty value
 * as its name alone), what {@link parseFmtp} reads back unchanged. Throws {@link SdpError}
 * `ERR_SDP_INVALID_MODEL` for a payload type outside 0..127, a name that is empty or holds
 * `=`, and a name or value that holds `;`, a line break or surrounding whitespace.
 *
 * @see RFC 8866 §6.15
 */
export function serializeFmtp(fmtp: Fmtp): string {
  const { payloadType, parameters } = fmtp;
  if (!Number.isInteger(payloadType) || payloadType < 0 || payloadType > 127) {
    throw new SdpError(SdpErrorCode.InvalidModel, `fmtp payload type ${payloadType} is not 0..127`);
  }
  const parts = parameters.map(({ name, value }) => {
    if (
      name === '' ||
      /[=;\r\n]/.test(name) ||
      name.trim() !== name ||
      /[;\r\n]/.test(value) ||
      value.trim() !== value
    ) {
      throw new SdpError(
        SdpErrorCode.InvalidModel,
        `fmtp parameter ${JSON.stringify(`${name}=${value}`)} cannot be written`,
      );
    }
    return value === '' ? name : `${name}=${value}`;
  });
  return parts.length === 0 ? String(payloadType) : `${payloadType} ${parts.join(';')}`;
}

/** The value of the fmtp parameter `name`, compared case-insensitively (`SizeLength` = `sizelength`). */
export function fmtpValue(parameters: readonly FmtpParameter[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const p of parameters) if (p.name.toLowerCase() === lower) return p.value;
  return undefined;
}

/**
 * The RTP formats of a media section, in `m=` order: each listed payload type with its
 * `a=rtpmap` (or the RFC 3551 static entry) and its `a=fmtp` parameters. A dynamic
 * payload type without `a=rtpmap`, and a format token that is not a number 0..127 (TP-Link's
 * `smart/0/25000`), are left out. An unparseable `a=rtpmap` is ignored. When a section has
 * one format and one `a=fmtp` naming another payload type (Hikvision V5.03: `fmtp:97` under
 * `m=audio … 104`), that fmtp is used for the format.
 *
 * @see RFC 8866 §5.14, §6.6, §6.15; RFC 3551 §6
 */
export function mediaFormats(media: SdpMedia): MediaFormat[] {
  const rtpmaps = new Map<number, Rtpmap>();
  const fmtps = new Map<number, readonly FmtpParameter[]>();
  for (const a of media.attributes) {
    if (a.value === undefined) continue;
    const name = a.name.toLowerCase();
    if (name === 'rtpmap') {
      // An unreadable rtpmap counts as absent: the static table, or nothing, applies.
      const r = readRtpmap(a.value);
      if (r !== undefined && !rtpmaps.has(r.payloadType)) rtpmaps.set(r.payloadType, r);
    } else if (name === 'fmtp') {
      const f = parseFmtp(a.value);
      if (f && !fmtps.has(f.payloadType)) fmtps.set(f.payloadType, f.parameters);
    }
  }
  const out: MediaFormat[] = [];
  for (const token of media.formats) {
    const pt = parseDigits(token);
    if (pt < 0 || pt > 127) continue;
    const map = rtpmaps.get(pt) ?? STATIC_PAYLOAD_TYPES[pt];
    if (map === undefined) continue;
    let parameters = fmtps.get(pt);
    if (parameters === undefined && media.formats.length === 1 && fmtps.size === 1) {
      parameters = fmtps.values().next().value;
    }
    out.push({ ...map, payloadType: pt, parameters: parameters ?? [] });
  }
  return out;
}
