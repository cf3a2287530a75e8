import type { HttpRequestHead } from '@rtspkit/rtsp';
import { getHeader } from '@rtspkit/rtsp';
import { answerPlayer, PLAYER_SCRIPT_PATH, type PlayerAssets } from './player-page.js';

/** What the plain HTTP side of the port shows. */
export type Site = {
  /** Mount paths, in order. */
  mounts(): readonly string[];
  /** The `/stats` document. */
  stats(): unknown;
  /** True when TLS is configured (the page then also lists `rtsps://` and `wss://`). */
  readonly tls: boolean;
  /** The browser player: `/` becomes its demo page (with the mount list) and `/player.js` its bundle. */
  readonly player?: PlayerAssets | undefined;
};

/** One answer: `headers` replace the default `Cache-Control: no-store`; no `body` (a 304) sends no length. */
export type HttpReply = {
  readonly status: number;
  readonly type: string;
  readonly body?: string | Uint8Array;
  readonly headers?: readonly string[];
};

const REASON: Record<number, string> = { 200: 'OK', 304: 'Not Modified', 404: 'Not Found', 405: 'Method Not Allowed' };

/**
 * Answers a plain HTTP request on the RTSP port: `/` (the mounts with copy-paste URLs and
 * commands), `/health`, `/stats` (JSON). Anything else is 404; methods other than GET and
 * HEAD are 405. The connection closes after the answer.
 */
export function answerHttp(head: HttpRequestHead, site: Site, secure: boolean): Uint8Array {
  const method = head.method.toUpperCase();
  const path = head.uri.replace(/[?#].*$/, '');
  let reply: HttpReply;
  if (method !== 'GET' && method !== 'HEAD') reply = { status: 405, type: 'text/plain', body: 'GET or HEAD only\n' };
  else if (site.player && (path === '/' || path === PLAYER_SCRIPT_PATH))
    reply = answerPlayer(head, path, site.player, mountList(head, site, secure));
  else if (path === '/') reply = { status: 200, type: 'text/html; charset=utf-8', body: page(head, site, secure) };
  else if (path === '/health') reply = { status: 200, type: 'application/json', body: '{"status":"ok"}\n' };
  else if (path === '/stats')
    reply = { status: 200, type: 'application/json', body: `${JSON.stringify(site.stats(), null, 2)}\n` };
  else reply = { status: 404, type: 'text/plain', body: `no page at ${path}\n` };
  const body = typeof reply.body === 'string' ? new TextEncoder().encode(reply.body) : reply.body;
  const headers = [
    `HTTP/1.1 ${reply.status} ${REASON[reply.status]}`,
    `Content-Type: ${reply.type}`,
    ...(body ? [`Content-Length: ${body.length}`] : []),
    ...(reply.headers ?? ['Cache-Control: no-store']),
    'Connection: close',
    ...(reply.status === 405 ? ['Allow: GET, HEAD'] : []),
  ];
  const text = new TextEncoder().encode(`${headers.join('\r\n')}\r\n\r\n`);
  if (method === 'HEAD' || !body) return text;
  const out = new Uint8Array(text.length + body.length);
  out.set(text);
  out.set(body, text.length);
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Every URL and client command for one mount reached at `authority` (host:port). */
export function mountCommands(authority: string, path: string, tls: boolean): { label: string; text: string }[] {
  const rtsp = `rtsp://${authority}${path}`;
  const out = [
    { label: 'RTSP URL', text: rtsp },
    { label: 'FFmpeg over UDP', text: `ffmpeg -rtsp_transport udp -i ${rtsp} -t 10 -c copy out.mp4` },
    { label: 'FFmpeg over TCP', text: `ffmpeg -rtsp_transport tcp -i ${rtsp} -t 10 -c copy out.mp4` },
    { label: 'FFmpeg through the HTTP tunnel', text: `ffmpeg -rtsp_transport http -i ${rtsp} -t 10 -c copy out.mp4` },
    {
      label: 'GStreamer over TCP',
      text: `gst-launch-1.0 rtspsrc location=${rtsp} protocols=tcp ! decodebin ! autovideosink`,
    },
    {
      label: 'GStreamer through the HTTP tunnel',
      text: `gst-launch-1.0 rtspsrc location=rtsph://${authority}${path} ! decodebin ! autovideosink`,
    },
    { label: 'RTSP over WebSocket (subprotocol rtsp.onvif.org)', text: `ws://${authority}${path}` },
  ];
  if (tls) {
    out.push(
      { label: 'RTSP over TLS', text: `ffmpeg -i rtsps://${authority}${path} -t 10 -c copy out.mp4` },
      {
        label: 'FFmpeg through the HTTP tunnel over TLS',
        text: `ffmpeg -rtsp_transport https -i rtsps://${authority}${path} -t 10 -c copy out.mp4`,
      },
      { label: 'RTSP over secure WebSocket', text: `wss://${authority}${path}` },
    );
  }
  return out;
}

/** What this port speaks and every mount with its URLs and commands: the body of the plain page, a section of the player's. */
export function mountList(head: HttpRequestHead, site: Site, secure: boolean): string {
  const authority = getHeader(head.headers, 'Host') ?? 'localhost';
  const sections = site
    .mounts()
    .map((path) => {
      const rows = mountCommands(authority, path, site.tls)
        .map((c) => `<dt>${escapeHtml(c.label)}</dt><dd><code>${escapeHtml(c.text)}</code></dd>`)
        .join('\n');
      return `<section><h2>${escapeHtml(path)}</h2><dl>\n${rows}\n</dl></section>`;
    })
    .join('\n');
  return `<p>This port speaks RTSP, RTSP over TLS${secure ? ' (this page came over TLS)' : ''}, the QuickTime HTTP tunnel and RTSP over WebSocket. Statistics: <a href="/stats">/stats</a>, health: <a href="/health">/health</a>.</p>
${sections || '<p>No mounts.</p>'}`;
}

function page(head: HttpRequestHead, site: Site, secure: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rtspkit</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}code{background:#f4f4f4;padding:.1rem .3rem;user-select:all}dd{margin:0 0 .6rem}</style>
</head><body>
<h1>rtspkit</h1>
${mountList(head, site, secure)}
</body></html>
`;
}
