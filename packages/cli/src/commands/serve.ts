import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { samples } from '@rtspkit/sample';
import {
  createServer,
  FileSource,
  type LogEntry,
  mountCommands,
  selfSignedCertificate,
  type StreamSource,
  type TlsOptions,
} from '@rtspkit/server';
import { logger, type LogLevel } from '../log.js';
import { findPlayerPage } from '../player-page.js';
import { parseCommand } from '../usage.js';

const HELP = `usage: rtspkit serve [FILE...] [options]

Serves Annex-B H.264/H.265 (.h264 .264 .h265 .265 .hevc) and ADTS AAC (.aac) files in a
loop, in real time, over RTSP. FILE... (at most one video and one audio) are mounted
together at /<name of the first file>; with no FILE and no --mount, the bundled sample is
mounted at /sample, /sample-high and /sample-h265.

options:
  --mount /path=a.h264,b.aac  add a mount (repeatable)
  --port N                    TCP port for everything: RTSP, TLS, HTTP tunnel, WebSocket,
                              the player page at / (default 8554)
  --host ADDR                 address to listen on (default 0.0.0.0)
  --udp-ports FIRST-LAST      server UDP ports for RTP/RTCP (default 20000-29999)
  --no-udp                    TCP-interleaved media only
  --tls self-signed           TLS on the same port with a certificate made at start
                              (development; clients must not verify it)
  --tls-cert FILE --tls-key FILE
                              TLS on the same port with this PEM certificate and key
  --log-level LEVEL           debug, info, warn or error (default info)
  --log-json                  one JSON object per log line
  --help                      this text
`;

/** The bundled sample's mounts. */
export function sampleMounts(): Record<string, string[]> {
  return {
    '/sample': [samples.h264Baseline.path, samples.aac.path],
    '/sample-high': [samples.h264High.path, samples.aac.path],
    '/sample-h265': [samples.h265.path, samples.aac.path],
  };
}

/** Parses `/path=a.h264,b.aac`. */
export function parseMount(spec: string): [string, string[]] {
  const eq = spec.indexOf('=');
  const path = eq < 0 ? '' : spec.slice(0, eq);
  const files =
    eq < 0
      ? []
      : spec
          .slice(eq + 1)
          .split(',')
          .filter((f) => f !== '');
  if (!path.startsWith('/') || files.length === 0) {
    throw new Error(`--mount wants /path=file[,file], got ${JSON.stringify(spec)}`);
  }
  return [path, files];
}

function parsePortRange(text: string): [number, number] {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  const first = Number(m?.[1]);
  const last = Number(m?.[2]);
  if (!m || first < 1 || last > 65535 || last - first < 1) throw new Error(`--udp-ports wants FIRST-LAST, got ${text}`);
  return [first, last];
}

/** The URLs and client commands printed at start for one mount (the page at / shows the same). */
export function mountLines(path: string, host: string, port: number, tls: boolean): string[] {
  const [url, ...commands] = mountCommands(`${host}:${port}`, path, tls);
  return [`  ${url?.text}`, ...commands.map((c) => `    ${c.text}  # ${c.label}`)];
}

/** TLS from `--tls self-signed` or `--tls-cert`/`--tls-key`; undefined without TLS. */
async function tlsOf(values: {
  tls?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}): Promise<TlsOptions | undefined> {
  const { tls, 'tls-cert': cert, 'tls-key': key } = values;
  if (tls !== undefined && tls !== 'self-signed') throw new Error(`--tls takes self-signed, got ${tls}`);
  if ((cert === undefined) !== (key === undefined)) throw new Error('--tls-cert and --tls-key go together');
  if (tls !== undefined && cert !== undefined) throw new Error('--tls self-signed or --tls-cert/--tls-key, not both');
  if (cert !== undefined && key !== undefined)
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  return tls === undefined ? undefined : selfSignedCertificate();
}

/** The options of `rtspkit serve`. */
const OPTIONS = {
  mount: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  'udp-ports': { type: 'string' },
  'no-udp': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-json': { type: 'boolean' },
  tls: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `rtspkit serve [FILE...] [options]`: resolves with 0 after SIGINT or SIGTERM. */
export async function run(args: readonly string[]): Promise<number> {
  const line = parseCommand('serve', HELP, args, OPTIONS, (parsed) => parsed);
  if (!line.ok) return line.exitCode;
  const { values, positionals } = line.value;
  const level = (values['log-level'] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    process.stderr.write(`rtspkit serve: unknown --log-level ${level}\n`);
    return 2;
  }
  const log = logger(level, values['log-json'] ?? false);
  let mounts: Record<string, string[]>;
  let udpPortRange: [number, number] | false;
  let tls: TlsOptions | undefined;
  try {
    tls = await tlsOf(values);
    mounts = Object.fromEntries((values.mount ?? []).map(parseMount));
    if (positionals.length > 0) {
      const name = basename(positionals[0] as string).replace(/\.[^.]*$/, '') || 'stream';
      mounts[`/${encodeURIComponent(name)}`] = [...positionals];
    }
    if (Object.keys(mounts).length === 0) mounts = sampleMounts();
    udpPortRange = values['no-udp'] ? false : parsePortRange(values['udp-ports'] ?? '20000-29999');
  } catch (e) {
    process.stderr.write(`rtspkit serve: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const port = Number(values.port ?? 8554);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`rtspkit serve: invalid --port ${values.port}\n`);
    return 2;
  }
  const host = values.host ?? '0.0.0.0';
  const sources: Record<string, StreamSource> = {};
  for (const [path, files] of Object.entries(mounts)) sources[path] = new FileSource({ files });
  const player = findPlayerPage();
  if (!player.ok) log({ level: 'warn', msg: 'no player at /: the page lists the mounts only', reason: player.reason });
  const server = createServer({
    port,
    host,
    mounts: sources,
    udpPortRange,
    ...(tls ? { tls } : {}),
    ...(player.ok ? { player: player.player } : {}),
    log: (e: LogEntry) => log(e),
  });
  try {
    await server.listen();
  } catch (e) {
    process.stderr.write(`rtspkit serve: ${e instanceof Error ? e.message : String(e)}\n`);
    await server.close();
    return 1;
  }
  const bound = server.address?.port ?? port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const lines = [`rtspkit serving on ${host}:${bound}${tls ? ' (plain and TLS)' : ''}`, ''];
  for (const path of Object.keys(mounts)) lines.push(...mountLines(path, shown, bound, tls !== undefined), '');
  const page = `http${tls ? '(s)' : ''}://${shown}:${bound}/`;
  lines.push(`  page: ${page}  (${player.ok ? 'the player; ' : ''}stats: /stats, health: /health)`, '');
  process.stdout.write(`${lines.join('\n')}`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log({ level: 'info', msg: 'stopping', signal });
      void server.close().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
