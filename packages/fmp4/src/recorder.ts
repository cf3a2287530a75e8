import { ByteWriter } from '@rtspkit/bytes';
import { Fmp4Error, Fmp4ErrorCode } from './errors.js';
import { MOVIE_TIMESCALE, serializeInitSegment } from './init.js';
import { box, fullBox } from './internal/box.js';
import { Fmp4Muxer, type Fmp4MuxerOptions, type Segment } from './muxer.js';
import type { Sample } from './types.js';
import { arrayBufferBytes, type Fmp4Bytes } from './internal/bytes.js';

/** Options of {@link Fmp4Recorder}: the muxer's (fragments default to `'gop'`), plus: */
export type Fmp4RecorderOptions = Fmp4MuxerOptions & {
  /** Append an `mfra` random access index (one `tfra` per track) on finish. Default true. */
  readonly mfra?: boolean;
  /**
   * Keep every chunk so `finish()` can return the whole file (browser use: `new Blob(chunks)`).
   * Default false: the caller writes chunks as they come (Node streams) and memory stays flat.
   */
  readonly keepChunks?: boolean;
};

/** What {@link Fmp4Recorder.finish} returns. */
export type Recording = {
  /**
   * The init segment with the final durations, the same size as the one written first:
   * overwrite the first `init.length` bytes of the file with it.
   */
  readonly init: Fmp4Bytes;
  /** The last chunks to append (last fragment, `mfra`). */
  readonly tail: Fmp4Bytes[];
  /** The whole file with `init` first, when `keepChunks` was set; otherwise empty. */
  readonly chunks: Fmp4Bytes[];
  /** Movie duration in milliseconds, as written in `mvhd` and `mehd`. */
  readonly durationMs: number;
  /** Total file size in bytes. */
  readonly byteLength: number;
};

type RandomAccess = { time: number; moofOffset: number; trafNumber: number };

/**
 * Records a fragmented `.mp4` file that players open with its real duration: the init
 * segment is written in recording mode (64-bit times and an `mehd`), and `finish()`
 * returns it again with the durations filled in, plus an `mfra` index of the fragments
 * that start with a sync sample.
 *
 * @example
 * // Node: write as you go, then patch the head.
 * const rec = new Fmp4Recorder({ tracks });
 * for (const [id, s] of samples) for (const c of rec.push(id, s)) file.write(c);
 * const { init, tail } = rec.finish();
 * for (const c of tail) file.write(c);
 * await handle.write(init, 0, init.length, 0);
 *
 * @see ISO/IEC 14496-12 §8.8.2 (mehd), §8.8.10–§8.8.11 (mfra, tfra, mfro)
 */
export class Fmp4Recorder {
  readonly #muxer: Fmp4Muxer;
  readonly #mfra: boolean;
  readonly #kept: Fmp4Bytes[] | undefined;
  readonly #durations = new Map<number, number>();
  readonly #index = new Map<number, RandomAccess[]>();
  #offset = 0;
  #finished = false;

  constructor(options: Fmp4RecorderOptions) {
    this.#muxer = new Fmp4Muxer({ ...options, fragment: options.fragment ?? 'gop' });
    this.#mfra = options.mfra ?? true;
    this.#kept = options.keepChunks ? [] : undefined;
    for (const t of options.tracks) {
      this.#durations.set(t.id, 0);
      this.#index.set(t.id, []);
    }
  }

  /** Bytes returned so far (the file size if everything was written). */
  get byteLength(): number {
    return this.#offset;
  }

  /** Adds one sample (see {@link Fmp4Muxer.push}); returns the chunks to append to the file. */
  push(trackId: number, sample: Sample): Fmp4Bytes[] {
    if (this.#finished) throw new Fmp4Error(Fmp4ErrorCode.Finished, 'recording already finished');
    return this.#take(this.#muxer.pushSegments(trackId, sample));
  }

  /** Ends the recording: returns the last chunks and the patched init segment. */
  finish(): Recording {
    if (this.#finished) throw new Fmp4Error(Fmp4ErrorCode.Finished, 'recording already finished');
    this.#finished = true;
    const tail = this.#take(this.#muxer.flushSegments());
    if (this.#offset === 0) tail.unshift(...this.#take([this.#recordingInit(0)]));
    if (this.#mfra) {
      const mfra = this.#serializeMfra();
      tail.push(mfra);
      this.#kept?.push(mfra);
      this.#offset += mfra.length;
    }
    let durationMs = 0;
    for (const t of this.#muxer.tracks) {
      const ms = Math.round(((this.#durations.get(t.id) ?? 0) * MOVIE_TIMESCALE) / t.timescale);
      durationMs = Math.max(durationMs, ms);
    }
    const init = this.#recordingInit(durationMs).chunks[0]!;
    const chunks = this.#kept ?? [];
    if (chunks.length > 0) chunks[0] = init;
    return { init, tail, chunks, durationMs, byteLength: this.#offset };
  }

  #recordingInit(ms: number): Segment {
    const init = serializeInitSegment(this.#muxer.tracks, { duration: { ms, tracks: this.#durations } });
    return { kind: 'init', chunks: [init], byteLength: init.length };
  }

  #take(segments: Segment[]): Fmp4Bytes[] {
    const out: Fmp4Bytes[] = [];
    for (const seg of segments) {
      const s = seg.kind === 'init' ? this.#recordingInit(0) : seg;
      if (s.kind === 'media') {
        s.tracks.forEach((t, i) => {
          this.#durations.set(t.trackId, (this.#durations.get(t.trackId) ?? 0) + t.duration);
          if (t.startsWithKey) {
            this.#index.get(t.trackId)?.push({ time: t.baseDecodeTime, moofOffset: this.#offset, trafNumber: i + 1 });
          }
        });
      }
      for (const c of s.chunks) out.push(c);
      this.#offset += s.byteLength;
    }
    this.#kept?.push(...out);
    return out;
  }

  /**
   * ```
   * mfra ─ tfra (version 1, per track: time, moof_offset, traf/trun/sample numbers as u8)
   *      ─ mfro (size of the whole mfra, so readers find it from the end of the file)
   * ```
   */
  #serializeMfra(): Fmp4Bytes {
    const w = new ByteWriter(256);
    box(w, 'mfra', () => {
      for (const [trackId, entries] of this.#index) {
        fullBox(w, 'tfra', 1, 0, () => {
          // reserved(26) | length_size_of_traf_num(2) | of_trun_num(2) | of_sample_num(2): all 1 byte
          w.u32(trackId).u32(0).u32(entries.length);
          for (const e of entries) w.u64(e.time).u64(e.moofOffset).u8(e.trafNumber).u8(1).u8(1);
        });
      }
      fullBox(w, 'mfro', 0, 0, () => w.u32(w.length + 4));
    });
    return arrayBufferBytes(w.finish());
  }
}
