import { basename } from 'node:path';
import { ClientError, type MediaTransport } from '@rtspkit/client';
import { RtspClient, type RtspClientOptions } from '@rtspkit/client/node';
import { type Format, formatToMedia } from '@rtspkit/format';
import { serializeRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { buildSession } from '@rtspkit/sdp';
import { FileSource, packetizerOf, type SourceFrame } from '@rtspkit/server';
import { progressText, StatusLine } from '../progress.js';
import { clientOptions, errorText, parseCommand, safeUrl, UsageError } from '../usage.js';

const HELP = `usage: rtspkit publish [FILE...] URL [options]

Publishes Annex-B H.264/H.265 (.h264 .264 .h265 .265 .hevc) and ADTS AAC (.aac) files,
at most one video and one audio, to an RTSP server at real time (ANNOUNCE, SETUP
mode=record, RECORD). With no FILE, publishes the bundled sample (H.264 + AAC, 10 s).
Stops at the end of the files, or on Ctrl-C (TEARDOWN).

options:
  --transport T    udp or tcp media (default udp for rtsp://; rtsps:// is tcp)
  --loop           publish the files again and again until Ctrl-C
  --insecure       accept any TLS certificate (self-signed servers)
  --help           this text
`;

/** Largest RTP packet sent: fits an Ethernet MTU with IP, UDP and interleaving headers to spare. */
const MTU = 1400;

/** Options of {@link publish}. */
export type PublishOptions = Omit<RtspClientOptions, 'publish'> & {
  /** Elementary stream files (at most one video and one audio); the sample when empty. */
  readonly files: readonly string[];
  /** Publish the files again and again until `stop`. */
  readonly loop?: boolean;
  /** Aborting stops publishing cleanly (TEARDOWN). */
  readonly stop?: AbortSignal;
  /** Called once the server answered RECORD, with the media transport in use. */
  readonly onRecording?: (transport: MediaTransport) => void;
  /** Called about twice a second with the progress. */
  readonly onProgress?: (progress: PublishProgress) => void;
};

/** Where a publication stands. */
export type PublishProgress = {
  /** Seconds since RECORD was answered. */
  readonly elapsedS: number;
  /** Access units sent, all tracks. */
  readonly frames: number;
  readonly packets: number;
  /** RTP bytes sent (headers included). */
  readonly bytes: number;
  /** Access units the packetizer refused (an empty NAL unit, an AAC frame over 8 KiB), not sent. */
  readonly skipped: number;
};

/** The bundled sample's files: H.264 Constrained Baseline and AAC, 10 s. */
export const SAMPLE_FILES: readonly string[] = [samples.h264Baseline.path, samples.aac.path];

const randomUint32 = () => crypto.getRandomValues(new Uint32Array(1))[0]!;
const TWO_32 = 2 ** 32;

/** The session description announced for `formats`: one section per file, `trackID=<index>`. */
export function announcement(formats: readonly Format[]) {
  return buildSession({
    sessionName: 'rtspkit',
    tool: 'rtspkit',
    media: formats.map((f, i) => formatToMedia(f, { control: `trackID=${i}` })),
  });
}

/**
 * Publishes `files` (or the sample) to `url`: reads them with the server's {@link FileSource}
 * (which paces frames at their decode time), announces one media section per file,
 * packetizes each access unit once and sends it while recording. Resolves when the files
 * ended (without `loop`) or `stop` aborted, after TEARDOWN; rejects with the
 * {@link ClientError} when the server refuses.
 */
export async function publish(options: PublishOptions): Promise<PublishProgress> {
  const source = new FileSource({
    files: options.files.length > 0 ? options.files : SAMPLE_FILES,
    loop: options.loop ?? false,
  });
  const formats = await source.open();
  const packetizers = formats.map((f) => packetizerOf(f, { mtu: MTU, randomUint32 }));
  // Random initial RTP timestamps (RFC 3550 §5.1).
  const offsets = formats.map(() => randomUint32());
  const client = new RtspClient({ ...options, publish: announcement(formats), reconnect: false });
  let started: number | undefined;
  let frames = 0;
  let packets = 0;
  let bytes = 0;
  let skipped = 0;
  let failure: ClientError | undefined;
  const progress = (): PublishProgress => ({
    elapsedS: started === undefined ? 0 : (Date.now() - started) / 1000,
    frames,
    packets,
    bytes,
    skipped,
  });
  const send = (frame: SourceFrame) => {
    // The session may have failed or be closing between two frames.
    if (client.session.state !== 'recording') return;
    const packetizer = packetizers[frame.track]!;
    const timestamp = (frame.timestamp + offsets[frame.track]!) % TWO_32;
    let rtp: ReturnType<typeof packetizer.packetize>;
    try {
      rtp = packetizer.packetize(frame.units, timestamp);
    } catch {
      // A unit the packetizer refuses is skipped and counted, as the server's mounts do.
      skipped++;
      return;
    }
    for (const packet of rtp) {
      const data = serializeRtpPacket(packet);
      client.sendRtp(frame.track, data);
      packets++;
      bytes += data.length;
    }
    frames++;
  };
  const stop = () => {
    source.stop();
    void client.close();
  };
  options.stop?.addEventListener('abort', stop, { once: true });
  const ticker = setInterval(() => started !== undefined && options.onProgress?.(progress()), 500);
  try {
    for await (const e of client.events()) {
      if (e.type === 'recording') {
        started = Date.now();
        options.onRecording?.(e.transport);
        if (options.stop?.aborted) continue;
        source.start({ frame: send, end: stop });
      } else if (e.type === 'error') {
        failure = e.error;
        source.stop();
      }
    }
  } finally {
    clearInterval(ticker);
    source.stop();
    options.stop?.removeEventListener('abort', stop);
  }
  if (failure !== undefined) throw failure;
  const result = progress();
  options.onProgress?.(result);
  return result;
}

/** A failure to read the files, with what to try. */
function fileErrorText(error: unknown, files: readonly string[]): string {
  const e = error as NodeJS.ErrnoException;
  if (e instanceof Error && e.path !== undefined) {
    return `rtspkit publish: cannot read ${e.path} (${e.code ?? e.message})\n  try: check the path${files.length > 1 ? 's' : ''} ${files.join(', ')}\n`;
  }
  const message = e instanceof Error ? e.message : String(error);
  return `rtspkit publish: ${message}\n  try: give Annex-B H.264/H.265 (.h264 .h265) and ADTS AAC (.aac) files, at most one of each kind\n`;
}

/** The options of `rtspkit publish`. */
const OPTIONS = {
  transport: { type: 'string' },
  loop: { type: 'boolean' },
  insecure: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** What `publish --transport` accepts: RTP over UDP, or interleaved in the RTSP connection. */
const PUBLISH_TRANSPORTS = ['udp', 'tcp'] as const;

/** `rtspkit publish [FILE...] URL [--transport udp|tcp] [--loop]`. */
export async function run(args: readonly string[]): Promise<number> {
  const line = parseCommand('publish', HELP, args, OPTIONS, ({ values, positionals }) => {
    const url = positionals.at(-1);
    if (url === undefined) throw new UsageError('publish wants a URL (rtsp://host/path) after the files');
    const client = clientOptions(url, values, PUBLISH_TRANSPORTS);
    if (!/^rtsps?:\/\//i.test(url))
      throw new UsageError(`the last argument must be an rtsp:// or rtsps:// URL, got ${JSON.stringify(safeUrl(url))}`);
    return { client, files: positionals.slice(0, -1), loop: values.loop === true };
  });
  if (!line.ok) return line.exitCode;
  const { client, files, loop } = line.value;
  const status = new StatusLine();
  const what = files.length > 0 ? files.map((f) => basename(f)).join(' + ') : 'the sample';
  try {
    status.print(`publishing ${what} to ${safeUrl(client.url)}${loop ? ' in a loop' : ''}\n`);
    const result = await publish({
      ...client,
      files,
      stop: status.signal,
      ...(loop ? { loop: true } : {}),
      onRecording: (t) => status.print(`recording over ${t}\n`),
      onProgress: (p) => status.progress(p),
    });
    status.print(`published ${what}: ${progressText(result)}\n`);
    if (result.skipped > 0) status.print(`${result.skipped} access units could not be packetized and were skipped\n`);
    return 0;
  } catch (e) {
    status.print(e instanceof ClientError ? errorText('publish', e) : fileErrorText(e, files));
    return 1;
  } finally {
    status.close();
  }
}
