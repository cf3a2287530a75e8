import type { ClientError, ClientTrack, FormatDetails, MediaTransport } from '@rtspkit/client';
import { RtspClient, type RtspClientOptions } from '@rtspkit/client/node';
import { clientOptions, errorText, parseCommand, parseSeconds, safeUrl, UsageError } from '../usage.js';

const HELP = `usage: rtspkit probe URL [options]

Connects to an RTSP URL, plays it for a few seconds and shows its tracks (codec, codec
string, resolution, frame rate, sample rate), the bitrate and loss measured, the media
transport used, the methods the server lists in Public, and the quirks noticed.

URL: rtsp://[user:password@]host[:port]/path (also rtsps://)

options:
  --seconds S          how long to measure (default 3)
  --transport T        udp or tcp media (default udp for rtsp://, falling back to tcp), or
                       http (QuickTime tunnel) or ws (WebSocket) for the whole session
  --insecure           accept any TLS certificate (self-signed cameras)
  --json               one JSON object instead of text
  --help               this text
`;

/** What `rtspkit probe` measured for one track. */
export type ProbedTrack = FormatDetails & {
  readonly index: number;
  readonly media: string;
  readonly codec: string;
  readonly payloadType: number;
  readonly clockRate: number;
  readonly selected: boolean;
  /** Access units per second measured. */
  readonly measuredRate?: number;
  /** kbit/s of RTP payload measured. */
  readonly kbps?: number;
  readonly packets?: number;
  readonly lost?: number;
  /** Percent of packets lost. */
  readonly lossPercent?: number;
  readonly jitterMs?: number;
};

/** What `rtspkit probe --json` prints. */
export type ProbeReport = {
  readonly url: string;
  readonly transport: MediaTransport;
  readonly public: readonly string[];
  readonly auth?: string;
  readonly sessionTimeout: number;
  readonly seconds: number;
  readonly tracks: readonly ProbedTrack[];
  readonly quirks: readonly string[];
};

function trackLine(t: ProbedTrack): string {
  const parts = [`track ${t.index}`, t.media, t.codec];
  if (t.codecString) parts.push(t.codecString);
  if (t.width && t.height) parts.push(`${t.width}x${t.height}`);
  if (t.frameRate) parts.push(`${round(t.frameRate)} fps declared`);
  if (t.sampleRate) parts.push(`${t.sampleRate} Hz`);
  if (t.channels) parts.push(`${t.channels} ch`);
  if (!t.selected) parts.push('(not played: unsupported)');
  const measured: string[] = [];
  if (t.measuredRate !== undefined) measured.push(`${round(t.measuredRate)} units/s`);
  if (t.kbps !== undefined) measured.push(`${round(t.kbps)} kbit/s`);
  if (t.lossPercent !== undefined) measured.push(`loss ${t.lossPercent.toFixed(1)}% (${t.lost}/${t.packets})`);
  if (t.jitterMs !== undefined) measured.push(`jitter ${t.jitterMs.toFixed(1)} ms`);
  return `${parts.join('  ')}${measured.length ? `\n          measured: ${measured.join(', ')}` : ''}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The report as the text `rtspkit probe` prints. */
export function reportText(r: ProbeReport): string {
  const lines = [
    `url       ${safeUrl(r.url)}`,
    `transport ${r.transport}`,
    `public    ${r.public.length ? r.public.join(', ') : '(not listed)'}`,
  ];
  if (r.auth) lines.push(`auth      ${r.auth}`);
  lines.push(`session   timeout ${r.sessionTimeout} s`);
  for (const t of r.tracks) lines.push(trackLine(t));
  lines.push(`quirks    ${r.quirks.length ? r.quirks.join('\n          ') : 'none noticed'}`);
  return `${lines.join('\n')}\n`;
}

/** Plays `url` for `seconds` and measures it. Rejects with the client's error. */
export async function probe(options: RtspClientOptions & { readonly seconds: number }): Promise<ProbeReport> {
  const client = new RtspClient({ ...options, reconnect: false });
  const units = new Map<number, { count: number; first: number; last: number }>();
  let tracks: readonly ClientTrack[] = [];
  let startedAt: number | undefined;
  let failure: ClientError | undefined;
  const timer = setTimeout(() => void client.close(), options.seconds * 1000 + 15_000);
  for await (const e of client.events()) {
    if (e.type === 'tracks') tracks = e.tracks;
    else if (e.type === 'format')
      tracks = tracks.map((t) => (t.index === e.track ? { ...t, format: e.format, details: e.details } : t));
    else if (e.type === 'playing' && startedAt === undefined) {
      startedAt = Date.now();
      setTimeout(() => void client.close(), options.seconds * 1000).unref();
    } else if (e.type === 'access-unit') {
      const u = units.get(e.unit.track) ?? { count: 0, first: e.unit.pts, last: e.unit.pts };
      u.count++;
      u.last = Math.max(u.last, e.unit.pts);
      units.set(e.unit.track, u);
    } else if (e.type === 'error') failure = e.error;
  }
  clearTimeout(timer);
  if (failure !== undefined) throw failure;
  const elapsed = startedAt === undefined ? 0 : (Date.now() - startedAt) / 1000;
  const stats = client.stats();
  const session = client.session;
  return {
    url: options.url,
    transport: session.transport,
    public: session.publicMethods ?? [],
    ...(session.authScheme === undefined ? {} : { auth: session.authScheme }),
    sessionTimeout: session.sessionTimeout,
    seconds: Math.round(elapsed * 10) / 10,
    quirks: session.quirks,
    tracks: tracks.map((t): ProbedTrack => {
      const s = stats.tracks.find((x) => x.track === t.index);
      const u = units.get(t.index);
      const base: ProbedTrack = {
        index: t.index,
        media: t.media,
        codec: t.format.codec,
        payloadType: t.format.payloadType,
        clockRate: t.format.clockRate,
        selected: t.selected,
        ...t.details,
      };
      if (s === undefined || elapsed === 0) return base;
      const expected = s.packetsReceived + s.packetsLost;
      return {
        ...base,
        ...(u === undefined
          ? {}
          : { measuredRate: u.count > 1 ? ((u.count - 1) * t.format.clockRate) / (u.last - u.first || 1) : 0 }),
        kbps: (s.bytesReceived * 8) / 1000 / elapsed,
        packets: expected,
        lost: s.packetsLost,
        lossPercent: expected === 0 ? 0 : (100 * s.packetsLost) / expected,
        jitterMs: s.jitterMs,
      };
    }),
  };
}

/** The options of `rtspkit probe`. */
const OPTIONS = {
  seconds: { type: 'string' },
  transport: { type: 'string' },
  insecure: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** `rtspkit probe URL [--json]`. */
export async function run(args: readonly string[]): Promise<number> {
  const line = parseCommand('probe', HELP, args, OPTIONS, ({ values, positionals }) => {
    if (positionals.length !== 1) throw new UsageError('probe wants one URL');
    return {
      client: clientOptions(positionals[0]!, values),
      seconds: parseSeconds('seconds', values.seconds, 3600) ?? 3,
      json: values.json === true,
    };
  });
  if (!line.ok) return line.exitCode;
  const { client, seconds, json } = line.value;
  try {
    const report = await probe({ ...client, seconds });
    process.stdout.write(
      json ? `${JSON.stringify({ ...report, url: safeUrl(report.url) }, null, 2)}\n` : reportText(report),
    );
    return 0;
  } catch (e) {
    process.stderr.write(errorText('probe', e));
    return 1;
  }
}
