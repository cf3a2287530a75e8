import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { getHeader, type HttpRequestHead } from '@rtspkit/rtsp';
import type { HttpReply } from './site.js';

/**
 * The browser player a server shows at `/`: the page of `@rtspkit/player/demo.html` and the
 * bundle of `@rtspkit/player/bundle`. The server does not depend on the player package
 * (the player's tests run against this server); whoever builds the server reads the two
 * files and passes them in (`rtspkit serve` does).
 */
export type PlayerPageOptions = {
  /** The player's ES module bundle, served at `/player.js`. */
  readonly script: string | Uint8Array;
  /**
   * The page served at `/`; it imports `./player.js`. The mount list (URLs and FFmpeg and
   * GStreamer commands) replaces {@link MOUNTS_MARKER}, or goes before `</body>` without one.
   */
  readonly page: string;
};

/** Where the player's page wants the mount list. */
export const MOUNTS_MARKER = '<!-- rtspkit:mounts -->';

/** The path of the player's bundle. */
export const PLAYER_SCRIPT_PATH = '/player.js';

/** The player's files, prepared once: the bundle plain and gzipped, each with its entity tag. */
export type PlayerAssets = {
  readonly page: string;
  readonly script: Uint8Array;
  readonly scriptGzip: Uint8Array;
  /** Strong entity tags (RFC 9110 §8.8.3): one per representation, so gzip has its own. */
  readonly etag: string;
  readonly etagGzip: string;
};

/** Prepares {@link PlayerPageOptions} for serving: compresses and hashes the bundle once. */
export function playerAssets(options: PlayerPageOptions): PlayerAssets {
  const script = typeof options.script === 'string' ? new TextEncoder().encode(options.script) : options.script;
  const hash = createHash('sha256').update(script).digest('base64url').slice(0, 22);
  return {
    page: options.page,
    script,
    scriptGzip: new Uint8Array(gzipSync(script, { level: 9 })),
    etag: `"${hash}"`,
    etagGzip: `"${hash}-gz"`,
  };
}

/**
 * Answers `/` (the player's page with `mounts`, the HTML of the mount list, inside) and
 * `/player.js`. The bundle is `text/javascript` (RFC 9239), gzipped when the request
 * accepts it, and cached with revalidation (`Cache-Control: no-cache` and an `ETag`; a
 * matching `If-None-Match` gets 304), so a browser never runs a bundle older than the
 * server's and never downloads the same one twice. Pages of other origins may import it
 * (`Access-Control-Allow-Origin: *`).
 */
export function answerPlayer(head: HttpRequestHead, path: string, assets: PlayerAssets, mounts: string): HttpReply {
  if (path !== PLAYER_SCRIPT_PATH) {
    const at = assets.page.indexOf(MOUNTS_MARKER);
    const body =
      at >= 0
        ? assets.page.slice(0, at) + mounts + assets.page.slice(at + MOUNTS_MARKER.length)
        : assets.page.replace(/<\/body>/i, (end) => `${mounts}\n${end}`);
    return { status: 200, type: 'text/html; charset=utf-8', body };
  }
  const gzip = acceptsGzip(getHeader(head.headers, 'Accept-Encoding'));
  const etag = gzip ? assets.etagGzip : assets.etag;
  // any page may import the bundle (a module script from another origin needs CORS); it holds nothing private
  const headers = [
    'Cache-Control: no-cache',
    `ETag: ${etag}`,
    'Vary: Accept-Encoding',
    'Access-Control-Allow-Origin: *',
  ];
  const type = 'text/javascript; charset=utf-8';
  if (matches(getHeader(head.headers, 'If-None-Match'), etag)) return { status: 304, type, headers };
  if (gzip) return { status: 200, type, body: assets.scriptGzip, headers: [...headers, 'Content-Encoding: gzip'] };
  return { status: 200, type, body: assets.script, headers };
}

/** True when `Accept-Encoding` lists `gzip` (or `*`) without `q=0` (RFC 9110 §12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const item of (header ?? '').split(',')) {
    const [coding = '', ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** `If-None-Match` against an entity tag: weak comparison, `*` matches (RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
