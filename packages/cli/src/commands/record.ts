import { type FileHandle, open } from 'node:fs/promises';
import { joinLengthPrefixed } from '@rtspkit/bytes';
import type { AccessUnit, ClientError, ClientTrack } from '@rtspkit/client';
import { RtspClient, type RtspClientOptions } from '@rtspkit/client/node';
import { Fmp4Recorder, type Track } from '@rtspkit/fmp4';
import { fmp4Track } from '@rtspkit/format';
import { progressText, StatusLine } from '../progress.js';
import { clientOptions, errorText, parseCommand, parseSeconds, safeUrl, UsageError } from '../usage.js';

const HELP = `usage: rtspkit record URL OUT.mp4 [options]

Records an RTSP stream (H.264/H.265 video, AAC audio) to a fragmented MP4 file that
players open with its duration. Stops after --duration, or on Ctrl-C with a playable file.

options:
  --duration S     stop after S seconds of media
  --segment S      start a new file every S seconds, at a key frame: OUT-000.mp4,
                   OUT-001.mp4… (or put %03d in OUT yourself)
  --transport T    udp or tcp media (default udp for rtsp://, falling back to tcp), or
                   http (QuickTime tunnel) or ws (WebSocket) for the whole session
  --insecure       accept any TLS certificate (self-signed cameras)
  --help           this text
`;

/** Seconds added to every timestamp, so that decode times before the first frame stay positive. */
const TIME_OFFSET_S = 10;

/** Options of {@link record}. */
export type RecordOptions = RtspClientOptions & {
  readonly out: string;
  readonly durationS?: number;
  readonly segmentS?: number;
  /** Aborting stops the recording cleanly (Ctrl-C). */
  readonly stop?: AbortSignal;
  /** Called about twice a second with the progress. */
  readonly onProgress?: (progress: RecordProgress) => void;
};

/** Where a recording stands. */
export type RecordProgress = {
  readonly elapsedS: number;
  readonly bytes: number;
  readonly frames: number;
  /** Files finished or open so far. */
  readonly files: readonly string[];
};

/** What {@link record} wrote. */
export type RecordResult = RecordProgress & { readonly durationMs: number };

/** `out.mp4` → `out-000.mp4` for segment `n`; a name with `%0Nd` is filled in. */
export function segmentName(out: string, n: number): string {
  const m = /%0?(\d*)d/.exec(out);
  if (m) return out.replace(m[0], String(n).padStart(Number(m[1] || 1), '0'));
  const dot = out.lastIndexOf('.');
  const stem = dot > out.lastIndexOf('/') ? out.slice(0, dot) : out;
  const ext = dot > out.lastIndexOf('/') ? out.slice(dot) : '';
  return `${stem}-${String(n).padStart(3, '0')}${ext}`;
}

/** One open output file and its recorder. */
class OutputFile {
  readonly path: string;
  readonly recorder: Fmp4Recorder;
  readonly #handle: FileHandle;
  #writing: Promise<unknown> = Promise.resolve();
  bytes = 0;
  firstDts: number | undefined;

  private constructor(path: string, handle: FileHandle, tracks: readonly Track[]) {
    this.path = path;
    this.#handle = handle;
    this.recorder = new Fmp4Recorder({ tracks, fragment: { durationMs: 1000 } });
  }

  static async open(path: string, tracks: readonly Track[]): Promise<OutputFile> {
    return new OutputFile(path, await open(path, 'w'), tracks);
  }

  write(chunks: readonly Uint8Array[]): void {
    for (const c of chunks) {
      this.bytes += c.length;
      this.#writing = this.#writing.then(() => this.#handle.write(c));
    }
  }

  /** Flushes the last fragment, appends the index, rewrites the init segment with the durations. */
  async finish(): Promise<number> {
    const { init, tail, durationMs } = this.recorder.finish();
    this.write(tail);
    await this.#writing;
    await this.#handle.write(init, 0, init.length, 0);
    await this.#handle.close();
    return durationMs;
  }
}

/** Sample data in MP4 form: length-prefixed NAL units for video, the frame for audio. */
function sampleData(unit: AccessUnit): Uint8Array {
  return unit.nalUnits === undefined ? unit.data! : joinLengthPrefixed(unit.nalUnits);
}

/**
 * Records `url` to `out` until `durationS`, `stop`, or the stream ends. The file (or each
 * segment) holds every track with an fMP4 mapping (H.264, H.265, AAC); video waits for its
 * parameter sets (SDP or in band) and the first key frame.
 */
export async function record(options: RecordOptions): Promise<RecordResult> {
  const client = new RtspClient({ ...options, reconnect: options.reconnect ?? {} });
  const started = Date.now();
  let tracks: ClientTrack[] = [];
  /** Track index → fMP4 track, once known. */
  const fmp4 = new Map<number, Track>();
  let file: OutputFile | undefined;
  let segment = 0;
  const files: string[] = [];
  let bytesDone = 0;
  let frames = 0;
  let durationMs = 0;
  let failure: ClientError | undefined;
  let stopping = false;
  const videoTrack = () => tracks.find((t) => t.selected && fmp4.get(t.index)?.kind === 'video')?.index;

  const progress = (): RecordProgress => ({
    elapsedS: (Date.now() - started) / 1000,
    bytes: bytesDone + (file?.bytes ?? 0),
    frames,
    files,
  });
  const ticker = setInterval(() => options.onProgress?.(progress()), 500);
  const stop = () => {
    stopping = true;
    void client.close();
  };
  options.stop?.addEventListener('abort', stop, { once: true });
  // --duration counts media time from the first frame written; the wall-clock timer only
  // bounds a stream that stalls.
  const timer = options.durationS === undefined ? undefined : setTimeout(stop, options.durationS * 1000 + 30_000);
  let recordedFrom: number | undefined;

  const openFile = async () => {
    const list = tracks.filter((t) => fmp4.has(t.index)).map((t) => fmp4.get(t.index)!);
    const path = options.segmentS === undefined ? options.out : segmentName(options.out, segment++);
    files.push(path);
    return OutputFile.open(path, list);
  };
  let opening: Promise<void> | undefined;
  const pending: AccessUnit[] = [];

  const push = (unit: AccessUnit) => {
    const current = file!;
    const id = unit.track + 1;
    // DTS before the first PTS (B-frames) is negative; the muxer starts each track at 0 anyway.
    const offset = TIME_OFFSET_S * (tracks[unit.track]?.format.clockRate ?? 90000);
    const chunks = current.recorder.push(id, {
      pts: unit.pts + offset,
      dts: unit.dts + offset,
      key: unit.key,
      data: sampleData(unit),
    });
    current.write(chunks);
    if (unit.track === videoTrack() || videoTrack() === undefined) {
      frames++;
      recordedFrom ??= unit.dts;
      current.firstDts ??= unit.dts;
    }
  };

  for await (const e of client.events()) {
    if (e.type === 'tracks') {
      tracks = [...e.tracks];
      for (const t of tracks) {
        const track = t.selected ? fmp4Track(t.format, t.index + 1) : undefined;
        if (track !== undefined) fmp4.set(t.index, track);
      }
    } else if (e.type === 'format') {
      const track = fmp4Track(e.format, e.track + 1);
      if (track !== undefined && file === undefined) fmp4.set(e.track, track);
    } else if (e.type === 'access-unit') {
      if (stopping) continue;
      const waiting = tracks.some(
        (t) => t.selected && !fmp4.has(t.index) && (t.format.codec === 'h264' || t.format.codec === 'h265'),
      );
      if (waiting) continue;
      if (file === undefined) {
        if (opening !== undefined) {
          pending.push(e.unit);
          continue;
        }
        // Start on a key frame of the video track, so the file opens on a picture.
        const video = videoTrack();
        if (video !== undefined && !(e.unit.track === video && e.unit.key)) continue;
        pending.push(e.unit);
        opening = openFile().then((f) => {
          file = f;
          for (const u of pending.splice(0)) push(u);
        });
        continue;
      }
      if (!fmp4.has(e.unit.track)) continue;
      const video = videoTrack();
      const leads = video === undefined || e.unit.track === video;
      const rate = tracks[e.unit.track]?.format.clockRate ?? 90000;
      if (leads && options.durationS !== undefined && recordedFrom !== undefined) {
        if (e.unit.dts - recordedFrom >= options.durationS * rate) {
          stop();
          continue;
        }
      }
      if (
        leads &&
        e.unit.key &&
        options.segmentS !== undefined &&
        file.firstDts !== undefined &&
        e.unit.dts - file.firstDts >= options.segmentS * rate
      ) {
        const done = file;
        bytesDone += done.bytes;
        durationMs += await done.finish();
        file = await openFile();
      }
      push(e.unit);
    } else if (e.type === 'error') {
      failure = e.error;
    }
  }
  clearInterval(ticker);
  if (timer !== undefined) clearTimeout(timer);
  options.stop?.removeEventListener('abort', stop);
  await opening;
  if (file !== undefined) {
    bytesDone += file.bytes;
    durationMs += await file.finish();
    bytesDone += 0;
  }
  if (failure !== undefined && files.length === 0) throw failure;
  const result = { ...progress(), bytes: bytesDone, durationMs };
  options.onProgress?.(result);
  return result;
}

/** The options of `rtspkit record`. */
const OPTIONS = {
  duration: { type: 'string' },
  segment: { type: 'string' },
  transport: { type: 'string' },
  insecure: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** `rtspkit record URL OUT.mp4 [--duration S] [--segment S] [--transport udp|tcp]`. */
export async function run(args: readonly string[]): Promise<number> {
  const line = parseCommand('record', HELP, args, OPTIONS, ({ values, positionals }) => {
    if (positionals.length !== 2) throw new UsageError('record wants a URL and an output file');
    return {
      url: positionals[0]!,
      out: positionals[1]!,
      client: clientOptions(positionals[0]!, values),
      durationS: parseSeconds('duration', values.duration),
      segmentS: parseSeconds('segment', values.segment),
    };
  });
  if (!line.ok) return line.exitCode;
  const { url, out, client, durationS, segmentS } = line.value;
  const status = new StatusLine();
  try {
    status.print(`recording ${safeUrl(url)} to ${out}\n`);
    const result = await record({
      ...client,
      out,
      stop: status.signal,
      ...(durationS === undefined ? {} : { durationS }),
      ...(segmentS === undefined ? {} : { segmentS }),
      onProgress: (p) => status.progress(p),
    });
    status.print(
      `wrote ${result.files.join(', ')}: ${progressText(result)}, ${(result.durationMs / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (e) {
    status.print(errorText('record', e));
    return 1;
  } finally {
    status.close();
  }
}
