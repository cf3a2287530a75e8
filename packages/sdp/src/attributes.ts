import type { Sdp, SdpAttribute, SdpMedia } from './types.js';

/**
 * The value of the first attribute named `name` (compared case-insensitively), `''` for a
 * property attribute, `undefined` when absent.
 *
 * @see RFC 8866 §5.13
 */
export function attributeValue(attributes: readonly SdpAttribute[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const a of attributes) if (a.name.toLowerCase() === lower) return a.value ?? '';
  return undefined;
}

/** Every value of the attributes named `name` (case-insensitive), in order. */
export function attributeValues(attributes: readonly SdpAttribute[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const a of attributes) if (a.name.toLowerCase() === lower) out.push(a.value ?? '');
  return out;
}

/**
 * `a=control` of a media section or of the session (`*` for "the request URL itself"), as
 * written; resolve it with `resolveControlUrl(base, control)` of `@rtspkit/rtsp`.
 *
 * @see RFC 2326 §C.1.1, RFC 7826 §22.15
 */
export function controlOf(section: SdpMedia | Sdp): string | undefined {
  return attributeValue(section.attributes, 'control')?.trim();
}

/** The direction attributes of RFC 8866 §6.7. */
export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const DIRECTIONS: readonly SdpDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * The direction of a media section: its own `a=sendonly|recvonly|sendrecv|inactive`, else
 * the session's (when `sdp` is given), else `sendrecv`. Cameras mark their streams
 * `recvonly` (from the client's point of view) and an ONVIF back channel `sendonly`.
 *
 * @see RFC 8866 §6.7, ONVIF Streaming Specification §5.3
 */
export function directionOf(media: SdpMedia, sdp?: Sdp): SdpDirection {
  return findDirection(media.attributes) ?? (sdp ? findDirection(sdp.attributes) : undefined) ?? 'sendrecv';
}

function findDirection(attributes: readonly SdpAttribute[]): SdpDirection | undefined {
  for (const a of attributes) {
    const d = DIRECTIONS.find((x) => x === a.name.toLowerCase());
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * `a=framerate` of a media section as a number (`15.000000` → 15), `undefined` when
 * absent or not a positive number.
 *
 * @see RFC 8866 §6.4
 */
export function framerateOf(media: SdpMedia): number | undefined {
  const v = attributeValue(media.attributes, 'framerate');
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** `a=range` as written (`npt=0-`, `npt=now-`, `clock=20200618T212222Z-20200618T212312Z`). */
export function rangeOf(section: SdpMedia | Sdp): string | undefined {
  return attributeValue(section.attributes, 'range')?.trim();
}
