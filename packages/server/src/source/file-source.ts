import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Format } from '@rtspkit/format';
import { ServerError, ServerErrorCode } from '../errors.js';
import {
  codecOfFileName,
  type ElementaryCodec,
  type ElementaryTrack,
  readAdts,
  readG711Wav,
  readVideo,
} from './elementary.js';
import { LoopSchedule } from './loop-schedule.js';
import type { SourceSink, StreamSource } from './types.js';

/** One input of a {@link FileSource}: a path, and its codec when the extension does not say. */
export type FileInput = string | { readonly path: string; readonly codec: ElementaryCodec };

/** Options of {@link FileSource}. */
export type FileSourceOptions = {
  /** Annex-B H.264/H.265, ADTS AAC and G.711 WAV files, at most one video and one audio. */
  readonly files: readonly FileInput[];
  /** Frame rate of the video when its SPS has no timing; 25 when neither says. */
  readonly frameRate?: number;
  /** Play the files again and again (default true). */
  readonly loop?: boolean;
};

/**
 * Plays elementary stream files in real time, in a loop: Annex-B H.264 or H.265 (`.h264`,
 * `.264`, `.h265`, `.265`, `.hevc`), ADTS AAC (`.aac`) and G.711 WAV (`.wav`, μ-law or A-law,
 * sent in 20 ms packets). Files are read into memory whole
 * at `open()`.
 *
 * Frames leave at their decode time; timestamps are presentation times (B-frames get
 * display-order timestamps from their picture order counts), continue across loops, and
 * audio and video stay in sync (each pass lasts as long as the longest file).
 *
 * @example
 * const source = new FileSource({ files: ['video.h264', 'audio.aac'] });
 * server.addMount('/camera', source);
 */
export class FileSource implements StreamSource {
  readonly #options: FileSourceOptions;
  #tracks: ElementaryTrack[] | undefined;
  #timer: NodeJS.Timeout | undefined;
  #origin: number | undefined;
  #stopped = false;

  constructor(options: FileSourceOptions) {
    if (options.files.length === 0) throw new ServerError(ServerErrorCode.BadOption, 'a file source needs a file');
    this.#options = options;
  }

  /** Unix ms at which timestamp 0 of every track is presented (set by `start`). */
  get origin(): number | undefined {
    return this.#origin;
  }

  /** Seconds one pass of the files lasts (after `open`). */
  get passSeconds(): number {
    return this.#tracks ? new LoopSchedule(this.#tracks).passSeconds : 0;
  }

  async open(): Promise<readonly Format[]> {
    const tracks: ElementaryTrack[] = [];
    for (const input of this.#options.files) {
      const path = typeof input === 'string' ? input : input.path;
      const codec = typeof input === 'string' ? codecOfFileName(path) : input.codec;
      if (codec === undefined) {
        throw new ServerError(
          ServerErrorCode.BadMedia,
          `cannot tell the codec of ${basename(path)} from its extension`,
        );
      }
      const bytes = new Uint8Array(await readFile(path));
      const payloadType = 96 + tracks.length;
      tracks.push(
        codec === 'aac'
          ? readAdts(bytes, { payloadType })
          : codec === 'g711'
            ? readG711Wav(bytes, { payloadType })
            : readVideo(bytes, codec, { frameRate: this.#options.frameRate, payloadType }),
      );
    }
    const video = tracks.filter((t) => t.format.codec === 'h264' || t.format.codec === 'h265').length;
    if (video > 1 || tracks.length - video > 1) {
      throw new ServerError(ServerErrorCode.BadOption, 'a file source plays at most one video and one audio file');
    }
    this.#tracks = tracks;
    return tracks.map((t) => t.format);
  }

  start(sink: SourceSink): void {
    const tracks = this.#tracks;
    if (tracks === undefined || this.#stopped) {
      throw new ServerError(ServerErrorCode.BadState, 'file source started before open() or after stop()');
    }
    const schedule = new LoopSchedule(tracks, this.#options.loop ?? true);
    const startedAt = performance.now();
    this.#origin = Date.now();
    const run = () => {
      this.#timer = undefined;
      if (this.#stopped) return;
      const elapsed = (performance.now() - startedAt) / 1000;
      for (const frame of schedule.due(elapsed)) {
        sink.frame(frame);
        if (this.#stopped) return;
      }
      const next = schedule.next();
      if (next === undefined) {
        sink.end();
        return;
      }
      this.#timer = setTimeout(run, Math.max(0, (next - (performance.now() - startedAt) / 1000) * 1000));
    };
    run();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
