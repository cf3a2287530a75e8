import { Fmp4Recorder, type Sample, type Track } from '@rtspkit/fmp4';

/** Options of {@link LiveRecorder}. */
export type LiveRecorderOptions = {
  readonly tracks: readonly Track[];
  /**
   * `'continuous'` (default): record from the first key frame until `stop()`.
   * `'event'`: keep `preRollSeconds` of media in memory and record only around `trigger()`s.
   */
  readonly mode?: 'continuous' | 'event';
  /** Event mode: media kept from before the trigger, in seconds (from the key frame at or before it). Default 5. */
  readonly preRollSeconds?: number;
  /**
   * Start a new file at the first key frame once a file is this long, in seconds; each
   * file plays on its own. Default: no limit.
   */
  readonly maxFileSeconds?: number;
  /** Called with each finished file. */
  readonly onFile: (file: RecordedFile) => void;
};

/** One finished recording: a fragmented MP4 file with its real duration and an `mfra` index. */
export type RecordedFile = {
  /** The file's bytes in order (`new Blob(file.chunks, { type: 'video/mp4' })` in a browser). */
  readonly chunks: readonly Uint8Array[];
  readonly byteLength: number;
  readonly durationMs: number;
  /** Time of the first sample on the stream's timeline (seconds since the first sample pushed). */
  readonly startSeconds: number;
  /** What closed it: `stop()`, the file length limit, or the end of an event. */
  readonly reason: 'stop' | 'max-length' | 'event-end';
};

/** Times closer than a microsecond are equal. */
const EPS = 1e-6;

type Held = { readonly trackId: number; readonly sample: Sample; readonly time: number };

/**
 * Records what a player receives into fragmented MP4 files, as an NVR page does:
 * continuously (split into files of `maxFileSeconds` at key frames) or on events, with a
 * pre-roll of the seconds before the event. Every file starts at a key frame of the
 * leading track (the first video track, else the first track) and is written by
 * `@rtspkit/fmp4`'s `Fmp4Recorder` (real duration in the header, `mfra` index), so it opens
 * in any MP4 player. Sans-IO: samples in, files out; memory is the pre-roll plus the file
 * being written.
 *
 * @example
 * const rec = new LiveRecorder({ tracks, mode: 'event', preRollSeconds: 5, onFile: (f) => save(new Blob(f.chunks, { type: 'video/mp4' })) });
 * onSample((trackId, sample) => rec.push(trackId, sample));
 * motionDetected(() => rec.trigger(10)); // 5 s before, 10 s after
 */
export class LiveRecorder {
  readonly #tracks: readonly Track[];
  readonly #leader: number;
  readonly #mode: 'continuous' | 'event';
  readonly #preRoll: number;
  readonly #maxFile: number;
  readonly #onFile: (file: RecordedFile) => void;
  readonly #clock = new Map<number, { last: number; base: number; ticks: number }>();
  /** Event mode: GOPs of the last `preRoll` seconds, oldest first; each starts with a leader key frame. */
  #gops: Held[][] = [];
  #file: { rec: Fmp4Recorder; start: number } | undefined;
  #eventUntil = Number.NEGATIVE_INFINITY;
  #stopped = false;
  #now = 0;

  constructor(options: LiveRecorderOptions) {
    this.#tracks = options.tracks;
    this.#leader = (options.tracks.find((t) => t.kind === 'video') ?? options.tracks[0])?.id ?? 0;
    this.#mode = options.mode ?? 'continuous';
    this.#preRoll = options.preRollSeconds ?? 5;
    this.#maxFile = options.maxFileSeconds ?? Number.POSITIVE_INFINITY;
    this.#onFile = options.onFile;
  }

  /** True while a file is being written. */
  get recording(): boolean {
    return this.#file !== undefined;
  }

  /** Seconds of media held for the pre-roll (event mode). */
  get preRollHeld(): number {
    const first = this.#gops[0]?.[0];
    return first ? this.#now - first.time : 0;
  }

  /** One sample of a track (timestamps in its timescale; raw 32-bit RTP timestamps are fine). */
  push(trackId: number, sample: Sample): void {
    if (this.#stopped) return;
    const track = this.#tracks.find((t) => t.id === trackId);
    if (!track) return;
    const time = this.#time(trackId, sample.dts ?? sample.pts, track.timescale);
    this.#now = Math.max(this.#now, time);
    const boundary = trackId === this.#leader && sample.key;
    const held: Held = { trackId, sample, time };
    if (this.#file) {
      const length = time - this.#file.start;
      if (boundary && this.#mode === 'event' && time >= this.#eventUntil - EPS) {
        this.#finish('event-end');
      } else if (boundary && length >= this.#maxFile - EPS) {
        this.#finish('max-length');
        this.#begin([held]);
        return;
      }
    }
    if (this.#file) {
      this.#write(held);
    } else if (this.#mode === 'continuous') {
      if (boundary) this.#begin([held]);
    } else {
      this.#hold(held, boundary);
    }
  }

  /**
   * Event mode: record from the pre-roll until `seconds` after now (a later trigger
   * extends it). The file closes at the first key frame past that point.
   */
  trigger(seconds: number): void {
    if (this.#stopped) return;
    this.#eventUntil = Math.max(this.#eventUntil, this.#now + seconds);
    if (!this.#file && this.#mode === 'event' && this.#gops.length > 0) {
      const held = this.#gops.flat();
      this.#gops = [];
      this.#begin(held);
    }
  }

  /** Finishes the file being written (if any) and stops recording. */
  stop(): void {
    if (this.#file) this.#finish('stop');
    this.#gops = [];
    this.#stopped = true;
  }

  #time(trackId: number, raw: number, timescale: number): number {
    const c = this.#clock.get(trackId);
    if (!c) {
      this.#clock.set(trackId, { last: raw, base: this.#now, ticks: 0 });
      return this.#now;
    }
    // RTP timestamps wrap at 2^32: take the difference as a signed 32-bit value; count whole
    // ticks so that 30 frames of 3000 ticks are exactly one second
    c.ticks += ((((raw - c.last) % 2 ** 32) + 2 ** 32 + 2 ** 31) % 2 ** 32) - 2 ** 31;
    c.last = raw;
    return c.base + c.ticks / timescale;
  }

  #hold(held: Held, boundary: boolean): void {
    if (boundary) this.#gops.push([held]);
    else this.#gops[this.#gops.length - 1]?.push(held); // before the first key frame: not decodable, dropped
    // keep the newest GOP that starts at or before now − preRoll, and everything after it
    while (this.#gops.length > 1 && this.#gops[1]![0]!.time <= this.#now - this.#preRoll + EPS) this.#gops.shift();
  }

  #begin(held: readonly Held[]): void {
    const rec = new Fmp4Recorder({ tracks: this.#tracks, keepChunks: true });
    this.#file = { rec, start: held[0]?.time ?? this.#now };
    for (const h of held) this.#write(h);
  }

  #write(h: Held): void {
    this.#file?.rec.push(h.trackId, h.sample);
  }

  #finish(reason: RecordedFile['reason']): void {
    const file = this.#file;
    if (!file) return;
    this.#file = undefined;
    const done = file.rec.finish();
    this.#onFile({
      chunks: done.chunks,
      byteLength: done.byteLength,
      durationMs: done.durationMs,
      startSeconds: file.start,
      reason,
    });
  }
}
