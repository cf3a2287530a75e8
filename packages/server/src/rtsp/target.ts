import type { Mount } from '../mount.js';

/** What a request URL names: a mount (aggregate control) or one of its tracks. */
export type ResolvedTarget = {
  readonly mount: Mount;
  /** The track index for `…/trackID=N`, undefined for the mount itself. */
  readonly track: number | undefined;
  /** The mount's URL as the client wrote it, without a trailing slash. */
  readonly baseUrl: string;
};

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
const TRACK = /^trackID=(\d{1,3})$/;

/**
 * Resolves a Request-URI (`rtsp://host:port/path[/trackID=N]`, any scheme, or an absolute
 * path) against the mounts. Queries are ignored; a trailing slash is not significant.
 *
 * @see RFC 2326 §3.2, §C.1.1 (control URLs relative to Content-Base)
 */
export function resolveTarget(
  uri: string,
  mounts: { get(path: string): Mount | undefined },
): ResolvedTarget | undefined {
  const origin = ABSOLUTE.exec(uri)?.[0] ?? '';
  if (origin === '' && !uri.startsWith('/')) return undefined;
  let path = uri.slice(origin.length).replace(/[?#].*$/, '');
  let raw = uri.slice(0, origin.length + path.length);
  while (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
    raw = raw.slice(0, -1);
  }
  const direct = mounts.get(decode(path));
  if (direct !== undefined) return { mount: direct, track: undefined, baseUrl: raw };
  const slash = path.lastIndexOf('/');
  const m = TRACK.exec(path.slice(slash + 1));
  if (m === null || slash <= 0) return undefined;
  const mount = mounts.get(decode(path.slice(0, slash)));
  if (mount === undefined) return undefined;
  return { mount, track: Number(m[1]), baseUrl: raw.slice(0, raw.length - (path.length - slash)) };
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
