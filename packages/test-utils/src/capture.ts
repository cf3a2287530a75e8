import { type CameraCodec, fileLaunch, recordLaunch, startCamera } from './camera.js';
import { requirePeer } from './peers.js';
import { startProcess } from './process.js';
import { type CapturedConnection, type Relay, startRelay } from './relay.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a client (ffmpeg, gst-launch-1.0…) through a relay until it exits, or until the relay
 * has carried nothing new for `idleMs` after the first byte; then SIGINT (ffmpeg sends
 * TEARDOWN, `gst-launch-1.0 -e` sends EOS first). Bounded by `maxMs`. Returns its output.
 */
export async function runClient(
  command: string,
  args: readonly string[],
  relay: Pick<Relay, 'carried'>,
  options: { readonly idleMs?: number; readonly maxMs?: number } = {},
): Promise<string> {
  const idleMs = options.idleMs ?? 2000;
  const maxMs = options.maxMs ?? 35_000;
  const child = startProcess(command, args, { maxLifeMs: maxMs + 5000 });
  let seen = -1;
  let quietSince = Date.now();
  const started = Date.now();
  while (child.child.exitCode === null && child.child.signalCode === null && Date.now() - started < maxMs) {
    await sleep(250);
    const now = relay.carried();
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
    } else if (now > 0 && Date.now() - quietSince > idleMs) break;
  }
  const stopped = child.child.exitCode === null && child.child.signalCode === null;
  if (stopped) child.child.kill('SIGINT');
  const code = await child.exited(5000);
  if (!stopped && code !== 0) throw new Error(`${command} exited ${code}:\n${child.output()}`);
  return child.output();
}

type Headers = ReadonlyArray<readonly [string, string]>;
type Item =
  | { readonly kind: 'frame'; readonly channel: number; readonly payload: Uint8Array }
  | { readonly kind: 'request'; readonly headers: Headers; readonly body: Uint8Array }
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly body: Uint8Array };

/**
 * The parts of `@rtspkit/rtsp` that {@link interleavedRtp} reads sessions with. The caller
 * passes the module (`import * as rtsp from '@rtspkit/rtsp'`): test-utils cannot depend on
 * rtsp, whose own tests use test-utils.
 */
export type RtspReading = {
  readonly MessageReader: new (options: { maxBodyBytes: number }) => { push(bytes: Uint8Array): readonly Item[] };
  readonly getHeader: (headers: Headers, name: string) => string | undefined;
  readonly parseTransport: (value: string) => { readonly interleaved?: readonly [number, number] | undefined };
};

/** The RTP one side of a captured RTSP session sent, and the session's SDP. */
export type InterleavedCapture = {
  /** Interleaved `$` frames on the RTP channel of the SETUP answer, in order. */
  readonly packets: Uint8Array[];
  /** The SDP: the DESCRIBE answer's or the ANNOUNCE request's body. */
  readonly sdp: Uint8Array;
};

/**
 * Reads captured connections with rtsp's `MessageReader` and returns the interleaved RTP
 * that `side` sent in the first connection holding both an SDP and a SETUP answer with
 * `interleaved` channels (RFC 2326 §10.12).
 */
export function interleavedRtp(
  connections: readonly CapturedConnection[],
  side: 'client' | 'server',
  rtsp: RtspReading,
): InterleavedCapture {
  const items = (bytes: Uint8Array) => new rtsp.MessageReader({ maxBodyBytes: 1 << 20 }).push(bytes);
  for (const c of connections) {
    const messages = [...items(c.client), ...items(c.server)].flatMap((i) => (i.kind === 'frame' ? [] : [i]));
    const sdp = messages.find((m) => rtsp.getHeader(m.headers, 'content-type')?.startsWith('application/sdp'));
    const setupAnswer = messages.find(
      (m) => m.kind === 'response' && m.status === 200 && rtsp.getHeader(m.headers, 'transport') !== undefined,
    );
    if (sdp === undefined || setupAnswer === undefined) continue;
    const channel = rtsp.parseTransport(rtsp.getHeader(setupAnswer.headers, 'transport') ?? '').interleaved?.[0];
    if (channel === undefined) throw new Error('SETUP answer without interleaved channels');
    const packets = items(c[side]).flatMap((i) => (i.kind === 'frame' && i.channel === channel ? [i.payload] : []));
    return { packets, sdp: sdp.body };
  }
  throw new Error(`no RTSP session with an SDP and a SETUP answer among ${connections.length} connections`);
}

/** Who sends the media in a captured RTSP session over TCP interleaving. */
export type RtspSender =
  /** gst-rtsp-server plays the file (PLAY); `ffmpeg -rtsp_transport tcp -i URL -f null -` reads it. */
  | 'gst-rtsp-server'
  /** `ffmpeg -re -i FILE -c copy -rtsp_transport tcp -f rtsp URL` publishes (ANNOUNCE/RECORD). */
  | 'ffmpeg-record'
  /** `gst-launch-1.0 -e filesrc location=FILE ! PARSER ! rtspclientsink location=URL protocols=tcp`. */
  | 'rtspclientsink';

/** Every {@link RtspSender}, in the order the fixtures list them. */
export const RTSP_SENDERS: readonly RtspSender[] = ['gst-rtsp-server', 'ffmpeg-record', 'rtspclientsink'];

/** What {@link captureRtspSender} sends: an elementary-stream file (Annex-B or ADTS). */
export type RtspSenderMedia = {
  readonly path: string;
  readonly codec: CameraCodec;
  /** What FFmpeg publishes instead of `path` (FFmpeg cannot send ADTS with `-c copy`: give it MP4). */
  readonly ffmpegInput?: string;
};

const parsers: Record<CameraCodec, string> = { h264: 'h264parse', h265: 'h265parse', aac: 'aacparse' };

/**
 * Runs one RTSP session over TCP interleaving between the stand-in camera and a real client
 * through a recording relay, and returns the RTP the sending side wrote on the RTP channel,
 * the SDP and the client's output. Bounded: about 45 s at most.
 */
export async function captureRtspSender(
  sender: RtspSender,
  media: RtspSenderMedia,
  rtsp: RtspReading,
): Promise<InterleavedCapture & { readonly output: string }> {
  const record = sender !== 'gst-rtsp-server';
  // rtspclientsink announces AAC as MP4A-LATM (rtpmp4apay), FFmpeg as mpeg4-generic.
  const launch = !record
    ? fileLaunch({ path: media.path, codec: media.codec })
    : recordLaunch(sender === 'rtspclientsink' && media.codec === 'aac' ? 'mp4a-latm' : media.codec);
  const camera = await startCamera({ launch, record, maxLifeMs: 60_000 });
  try {
    const relay = await startRelay(camera.port);
    try {
      const url = `rtsp://127.0.0.1:${relay.port}/test`;
      const [command, args] = clientOf(sender, media, url);
      const output = await runClient(command, args, relay);
      await sleep(300);
      return { ...interleavedRtp(relay.connections(), record ? 'client' : 'server', rtsp), output };
    } finally {
      await relay.close();
    }
  } finally {
    await camera.stop();
  }
}

function clientOf(sender: RtspSender, media: RtspSenderMedia, url: string): [string, string[]] {
  const quiet = ['-hide_banner', '-loglevel', 'error'];
  switch (sender) {
    case 'gst-rtsp-server':
      return [requirePeer('ffmpeg'), [...quiet, '-rtsp_transport', 'tcp', '-i', url, '-f', 'null', '-']];
    case 'ffmpeg-record':
      return [
        requirePeer('ffmpeg'),
        [
          ...quiet,
          '-re',
          '-i',
          media.ffmpegInput ?? media.path,
          '-c',
          'copy',
          '-rtsp_transport',
          'tcp',
          '-f',
          'rtsp',
          url,
        ],
      ];
    case 'rtspclientsink':
      return [
        requirePeer('gst-launch-1.0'),
        [
          '-e',
          'filesrc',
          `location=${media.path}`,
          '!',
          parsers[media.codec],
          '!',
          'rtspclientsink',
          `location=${url}`,
          'protocols=tcp',
        ],
      ];
  }
}
