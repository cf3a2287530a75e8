import { Fmp4Error, Fmp4ErrorCode } from './errors.js';
import { type FragmentSample, SampleFlags, serializeMediaSegment, type TrackRun } from './fragment.js';
import { serializeInitSegment } from './init.js';
import { wrappedDelta } from './internal/timeline.js';
import { validateTracks } from './internal/validate.js';
import type { FragmentPolicy, Sample, Track } from './types.js';
import type { Fmp4Bytes } from './internal/bytes.js';

/** Options of {@link Fmp4Muxer}. */
export type Fmp4MuxerOptions = {
  readonly tracks: readonly Track[];
  /** When fragments end; `'gop'` by default. */
  readonly fragment?: FragmentPolicy;
  /**
   * `'zero'` (default): each track's first sample decodes at 0. `'input'`: decode times are
   * the (unwrapped) input timestamps, for callers that align tracks themselves.
   */
  readonly startTime?: 'zero' | 'input';
  /**
   * A forward jump longer than this (or any backwards step) is a discontinuity: the track
   * continues right after its previous sample. Default 10 000 ms: live sources do not pause
   * that long without a new session, while a restarted camera jumps arbitrarily.
   */
  readonly maxGapMs?: number;
  /**
   * A fragment is cut once this many samples wait, whatever the policy. Default 10 000:
   * bounds memory when the leading track stalls while another keeps flowing.
   */
  readonly maxFragmentSamples?: number;
  /**
   * Write a sample without `duration` at once, with its track's `defaultDuration` (else the
   * previous duration) instead of waiting for the next sample: one frame less latency with
   * `'frame'`. The next fragment's `tfdt` still carries the true DTS, so an estimate that
   * was off leaves a gap or overlap of the difference. A sample still waiting in an open
   * fragment gets its exact duration when the next one arrives. Default false.
   */
  readonly estimateDurations?: boolean;
  /** Benign conditions (`ERR_FMP4_DISCONTINUITY`, `ERR_FMP4_DROPPED_BEFORE_KEY_FRAME`, …). */
  readonly onWarning?: (warning: Fmp4Error) => void;
};

/** Per track, what one media segment holds. */
export type FragmentTrackInfo = {
  readonly trackId: number;
  readonly baseDecodeTime: number;
  readonly sampleCount: number;
  /** Sum of sample durations, in the track's timescale. */
  readonly duration: number;
  /** True when the first sample of this track in the fragment is a sync sample. */
  readonly startsWithKey: boolean;
};

/** An init segment or a media segment, as chunks whose concatenation is the segment. */
export type Segment =
  | { readonly kind: 'init'; readonly chunks: readonly Fmp4Bytes[]; readonly byteLength: number }
  | {
      readonly kind: 'media';
      readonly chunks: readonly Fmp4Bytes[];
      readonly byteLength: number;
      readonly sequenceNumber: number;
      readonly tracks: readonly FragmentTrackInfo[];
    };

type Pending = {
  decodeTime: number;
  duration: number;
  known: boolean;
  flags: number;
  compositionOffset: number;
  data: Uint8Array;
};

type TrackState = {
  track: Track;
  lastRaw: number | undefined;
  lastTime: number;
  lastDuration: number | undefined;
  held: Pending | undefined;
  ready: Pending[];
  seenKey: boolean;
  configChanged: boolean;
};

/**
 * Fragmented MP4 muxer. Push samples per track; get back the bytes to append (the init
 * segment first, then `moof`+`mdat` media segments as the fragment policy closes them).
 *
 * Timing: a sample's duration is the next sample's DTS minus its own, so a sample is held
 * until the next one of its track arrives (or pass `duration` to emit it at once). DTS
 * may be 32-bit RTP timestamps: they are unwrapped. A step backwards or a gap above
 * `maxGapMs` continues the track at previous DTS + previous duration, so `tfdt` never
 * goes back. Video samples before the track's first key frame are dropped.
 *
 * Zero copy: returned chunks include the pushed `data` views themselves.
 *
 * @example
 * const mux = new Fmp4Muxer({ tracks: [video], fragment: 'frame' });
 * for (const au of accessUnits) for (const chunk of mux.push(1, au)) sourceBufferQueue.push(chunk);
 * mux.flush();
 *
 * @see ISO/IEC 14496-12 §8.8 (movie fragments)
 */
export class Fmp4Muxer {
  readonly #policy: FragmentPolicy;
  readonly #startAtZero: boolean;
  readonly #maxGapMs: number;
  readonly #maxSamples: number;
  readonly #estimate: boolean;
  readonly #onWarning: ((w: Fmp4Error) => void) | undefined;
  readonly #states = new Map<number, TrackState>();
  readonly #leader: TrackState;
  #tracks: Track[];
  #initSent = false;
  #sequence = 0;
  #waiting = 0;

  constructor(options: Fmp4MuxerOptions) {
    validateTracks(options.tracks);
    this.#tracks = [...options.tracks];
    this.#policy = options.fragment ?? 'gop';
    this.#startAtZero = (options.startTime ?? 'zero') === 'zero';
    this.#maxGapMs = options.maxGapMs ?? 10_000;
    this.#maxSamples = options.maxFragmentSamples ?? 10_000;
    this.#estimate = options.estimateDurations ?? false;
    this.#onWarning = options.onWarning;
    for (const track of options.tracks) {
      this.#states.set(track.id, {
        track,
        lastRaw: undefined,
        lastTime: 0,
        lastDuration: undefined,
        held: undefined,
        ready: [],
        seenKey: track.kind !== 'video',
        configChanged: false,
      });
    }
    const leadTrack = options.tracks.find((t) => t.kind === 'video') ?? options.tracks[0]!;
    this.#leader = this.#states.get(leadTrack.id)!;
  }

  /** The tracks as the current init segment describes them. */
  get tracks(): readonly Track[] {
    return this.#tracks;
  }

  /** The current init segment (also returned by the first `push`). */
  initSegment(): Fmp4Bytes {
    return serializeInitSegment(this.#tracks);
  }

  /**
   * Adds one sample; returns the bytes now complete (possibly none), as chunks to append
   * in order. Throws `ERR_FMP4_UNKNOWN_TRACK` or `ERR_FMP4_INVALID_SAMPLE`.
   */
  push(trackId: number, sample: Sample): Fmp4Bytes[] {
    return flatten(this.pushSegments(trackId, sample));
  }

  /** Like {@link push}, with the output split into segments and described. */
  pushSegments(trackId: number, sample: Sample): Segment[] {
    const st = this.#states.get(trackId);
    if (!st) throw new Fmp4Error(Fmp4ErrorCode.UnknownTrack, `unknown track ${trackId}`);
    const rawDts = sample.dts ?? sample.pts;
    if (!Number.isFinite(sample.pts) || !Number.isFinite(rawDts) || sample.pts < 0 || rawDts < 0) {
      throw new Fmp4Error(Fmp4ErrorCode.InvalidSample, `track ${trackId}: timestamps pts ${sample.pts} dts ${rawDts}`);
    }
    if (sample.duration !== undefined && !(Number.isInteger(sample.duration) && sample.duration >= 0)) {
      throw new Fmp4Error(Fmp4ErrorCode.InvalidSample, `track ${trackId}: duration ${sample.duration}`);
    }
    const out: Segment[] = [];
    if (!this.#initSent) {
      this.#initSent = true;
      out.push(initOf(this.#tracks));
    }
    if (!st.seenKey) {
      if (!sample.key) {
        this.#warn(Fmp4ErrorCode.DroppedBeforeKeyFrame, `track ${trackId}: sample at ${rawDts} before first key frame`);
        return out;
      }
      st.seenKey = true;
    }

    const time = this.#decodeTime(st, rawDts);
    if (st.held) {
      st.held.duration = time - st.held.decodeTime;
      st.lastDuration = st.held.duration;
      st.ready.push(st.held);
      this.#waiting++;
      st.held = undefined;
    } else {
      const last = st.ready[st.ready.length - 1];
      // A stated duration that disagrees with the next DTS yields to it while still unwritten.
      if (last && time >= last.decodeTime) last.duration = time - last.decodeTime;
    }
    if (st.configChanged) {
      st.configChanged = false;
      this.#cut(out);
      out.push(initOf(this.#tracks));
    } else if (st === this.#leader && this.#leaderCuts(st, sample.key)) {
      this.#cut(out);
    }

    const cto = wrappedDelta(rawDts, sample.pts);
    const estimated = this.#estimate ? (st.track.defaultDuration ?? st.lastDuration ?? fallbackDuration(st.track)) : 0;
    const pending: Pending = {
      decodeTime: time,
      duration: sample.duration ?? estimated,
      known: sample.duration !== undefined || this.#estimate,
      flags: sample.key ? SampleFlags.sync : SampleFlags.nonSync,
      compositionOffset: cto,
      data: sample.data,
    };
    if (pending.known) {
      st.ready.push(pending);
      this.#waiting++;
      if (sample.duration !== undefined) st.lastDuration = sample.duration;
    } else {
      st.held = pending;
    }
    if (this.#policy === 'frame' && this.#waiting > 0) this.#cut(out);
    else if (this.#waiting >= this.#maxSamples) {
      this.#warn(Fmp4ErrorCode.FragmentForced, `fragment cut at ${this.#waiting} samples`);
      this.#cut(out);
    }
    return out;
  }

  /**
   * Replaces a track's description (new parameter sets, new AudioSpecificConfig). The
   * fragment in progress is closed at that track's next sample, followed by a new init
   * segment, so the next media segment decodes with the new configuration.
   */
  updateTrack(trackId: number, track: Track): void {
    const st = this.#states.get(trackId);
    if (!st) throw new Fmp4Error(Fmp4ErrorCode.UnknownTrack, `unknown track ${trackId}`);
    if (track.id !== trackId || track.kind !== st.track.kind) {
      throw new Fmp4Error(Fmp4ErrorCode.InvalidTrack, `track ${trackId}: update must keep id and kind`);
    }
    const next = this.#tracks.map((t) => (t.id === trackId ? track : t));
    validateTracks(next);
    this.#tracks = next;
    st.track = track;
    if (this.#initSent) st.configChanged = true;
  }

  /**
   * Emits every waiting sample as a last fragment (the held sample of each track gets the
   * track's `defaultDuration`, else its previous duration). The muxer can go on afterwards.
   */
  flush(): Fmp4Bytes[] {
    return flatten(this.flushSegments());
  }

  /** Like {@link flush}, with the output described. */
  flushSegments(): Segment[] {
    const out: Segment[] = [];
    for (const st of this.#states.values()) {
      if (!st.held) continue;
      const held = st.held;
      if (!held.known) held.duration = st.track.defaultDuration ?? st.lastDuration ?? fallbackDuration(st.track);
      st.lastDuration = held.duration;
      st.ready.push(held);
      this.#waiting++;
      st.held = undefined;
    }
    this.#cut(out);
    return out;
  }

  #leaderCuts(st: TrackState, key: boolean): boolean {
    if (st.ready.length === 0) return false;
    const policy = this.#policy;
    if (policy === 'gop') return key;
    if (policy === 'frame') return false;
    const first = st.ready[0]!;
    const last = st.ready[st.ready.length - 1]!;
    const span = last.decodeTime + last.duration - first.decodeTime;
    return span * 1000 >= policy.durationMs * st.track.timescale;
  }

  #decodeTime(st: TrackState, rawDts: number): number {
    const prevRaw = st.lastRaw;
    st.lastRaw = rawDts;
    if (prevRaw === undefined) {
      st.lastTime = this.#startAtZero ? 0 : rawDts;
      return st.lastTime;
    }
    const delta = wrappedDelta(prevRaw, rawDts);
    let time: number;
    if (delta < 0 || delta * 1000 > this.#maxGapMs * st.track.timescale) {
      const step = st.track.defaultDuration ?? st.lastDuration ?? fallbackDuration(st.track);
      time = st.lastTime + step;
      this.#warn(
        Fmp4ErrorCode.Discontinuity,
        `track ${st.track.id}: dts ${prevRaw} → ${rawDts} (${delta} ticks), continuing at ${time}`,
      );
    } else {
      time = st.lastTime + delta;
      if (delta > 0) st.lastDuration = delta;
    }
    st.lastTime = time;
    return time;
  }

  #cut(out: Segment[]): void {
    if (this.#waiting === 0) return;
    const runs: TrackRun[] = [];
    const infos: FragmentTrackInfo[] = [];
    for (const st of this.#states.values()) {
      const ready = st.ready;
      if (ready.length === 0) continue;
      let duration = 0;
      for (const s of ready) duration += s.duration;
      const samples: FragmentSample[] = ready;
      runs.push({ trackId: st.track.id, baseDecodeTime: ready[0]!.decodeTime, samples });
      infos.push({
        trackId: st.track.id,
        baseDecodeTime: ready[0]!.decodeTime,
        sampleCount: ready.length,
        duration,
        startsWithKey: ready[0]!.flags === SampleFlags.sync,
      });
      st.ready = [];
    }
    this.#waiting = 0;
    const sequenceNumber = ++this.#sequence;
    const chunks = serializeMediaSegment({ sequenceNumber, tracks: runs });
    let byteLength = 0;
    for (const c of chunks) byteLength += c.length;
    out.push({ kind: 'media', chunks, byteLength, sequenceNumber, tracks: infos });
  }

  #warn(code: Fmp4ErrorCode, message: string): void {
    this.#onWarning?.(new Fmp4Error(code, message));
  }
}

/** Last resort for a last sample's duration: one frame at 30 fps, or one AAC frame. */
function fallbackDuration(track: Track): number {
  return track.kind === 'video' ? Math.round(track.timescale / 30) : 1024;
}

function initOf(tracks: readonly Track[]): Segment {
  const init = serializeInitSegment(tracks);
  return { kind: 'init', chunks: [init], byteLength: init.length };
}

function flatten(segments: readonly Segment[]): Fmp4Bytes[] {
  if (segments.length === 1) return segments[0]!.chunks as Fmp4Bytes[];
  const out: Fmp4Bytes[] = [];
  for (const s of segments) for (const c of s.chunks) out.push(c);
  return out;
}
