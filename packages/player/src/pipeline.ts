import { concatList, joinLengthPrefixed } from '@rtspkit/bytes';
import { type Fmp4Error, Fmp4Muxer, type Sample, type Segment, type Track } from '@rtspkit/fmp4';
import { codecString, type Format, fmp4Track, withParameterSets } from '@rtspkit/format';
import { PlayerError, PlayerErrorCode } from './errors.js';
import { G711FlacTranscoder } from './g711/transcoder.js';

/** An access unit as the client session hands it out (a subset of its `AccessUnit`). */
export type PipelineUnit = {
  /** Index of the track in the array given to the pipeline. */
  readonly track: number;
  /** Presentation and decode time in the track's clock rate, aligned across tracks. */
  readonly pts: number;
  readonly dts: number;
  readonly key: boolean;
  /** Capture wall clock (Unix ms) from RTCP sender reports, when known. */
  readonly wallClock?: number;
  readonly nalUnits?: readonly Uint8Array[];
  readonly data?: Uint8Array;
};

/** What the pipeline produces for the sink. */
export type PipelineOutput =
  | { readonly kind: 'init'; readonly mime: string; readonly data: Uint8Array; readonly codecs: readonly string[] }
  | {
      readonly kind: 'media';
      readonly data: Uint8Array;
      /** Starts with a video key frame (audio-only streams: always). */
      readonly key: boolean;
      /** Start of the segment on the media timeline, seconds. */
      readonly mediaTime: number;
      /** Capture wall clock of its first sample, when known. */
      readonly wallClockMs?: number;
    };

/** Options of {@link MediaPipeline}. */
export type MediaPipelineOptions = {
  /** Benign muxer conditions (discontinuities, frames dropped before the first key frame). */
  readonly onWarning?: (warning: Fmp4Error) => void;
  /** Every sample as it goes into the muxer (fMP4 track id, sample): what a recorder needs. */
  readonly onSample?: (trackId: number, sample: Sample) => void;
  /**
   * Seconds added to every timestamp: a reconnected session (whose timestamps start at 0
   * again) continues the element's timeline after the previous one. Default 0.
   */
  readonly startSeconds?: number;
};

type TrackState = {
  readonly index: number;
  readonly id: number;
  format: Format;
  track: Track | undefined;
  codec: string | undefined;
  readonly video: boolean;
  g711?: G711FlacTranscoder;
  /** Audio: samples per access unit in the track's timescale. */
  frameDuration?: number;
};

/**
 * The codec half of the player, without DOM: the session's tracks (`@rtspkit/format`
 * formats) and access units → fragmented MP4 for MSE, one fragment per access unit.
 * H.264 and H.265 become `avc1`/`hvc1` with parameter sets out of band (from the SDP, else
 * from the first key frame that carries them, through `withParameterSets`), and a
 * new init segment with the new codec string whenever in-band SPS/PPS/VPS change; AAC
 * becomes `mp4a`; G.711 is decoded and carried as FLAC (`fLaC`), which browsers play from
 * MP4 while they play no G.711. Tracks it cannot carry are left out (`skipped`). Nothing is
 * emitted until every carried track is configured, so the single init segment names them all.
 */
export class MediaPipeline {
  readonly skipped: ReadonlyArray<{ readonly index: number; readonly reason: string }>;
  readonly #states: TrackState[] = [];
  readonly #byIndex = new Map<number, TrackState>();
  readonly #video: TrackState | undefined;
  #muxer: Fmp4Muxer | undefined;
  #out: PipelineOutput[] = [];
  readonly #onWarning: ((w: Fmp4Error) => void) | undefined;
  readonly #onSample: ((trackId: number, sample: Sample) => void) | undefined;
  readonly #startSeconds: number;

  constructor(formats: readonly Format[], options: MediaPipelineOptions = {}) {
    this.#onWarning = options.onWarning;
    this.#onSample = options.onSample;
    this.#startSeconds = options.startSeconds ?? 0;
    const skipped: Array<{ index: number; reason: string }> = [];
    formats.forEach((format, index) => {
      const video = format.codec === 'h264' || format.codec === 'h265';
      const state: TrackState = {
        index,
        id: this.#states.length + 1,
        format,
        track: undefined,
        codec: undefined,
        video,
      };
      const why = this.#configure(state);
      if (why) {
        skipped.push({ index, reason: why });
        return;
      }
      this.#states.push(state);
      this.#byIndex.set(index, state);
    });
    this.skipped = skipped;
    this.#video = this.#states.find((s) => s.video);
    if (this.#states.length === 0) {
      throw new PlayerError(
        PlayerErrorCode.UnsupportedCodec,
        `no track the player can carry: ${skipped.map((s) => s.reason).join('; ')}`,
      );
    }
  }

  /** The fMP4 tracks, once every one is configured. */
  get tracks(): readonly Track[] | undefined {
    return this.#muxer?.tracks;
  }

  /** The MIME type of the SourceBuffer (`video/mp4; codecs="avc1.42C01E, mp4a.40.2"`), once configured. */
  get mime(): string | undefined {
    return this.#muxer ? mimeOf(this.#states) : undefined;
  }

  /** One access unit in; init and media segments out. */
  push(unit: PipelineUnit): PipelineOutput[] {
    const s = this.#byIndex.get(unit.track);
    if (!s) return [];
    if (s.video) this.#videoUnit(s, unit);
    else this.#audioUnit(s, unit);
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #configure(s: TrackState): string | undefined {
    const f = s.format;
    switch (f.codec) {
      case 'h264':
      case 'h265':
        try {
          this.#setTrack(s, f);
        } catch {
          // an unreadable sprop parameter set: wait for parameter sets in band
        }
        return undefined;
      case 'mpeg4-audio':
      case 'mp4a-latm': {
        try {
          this.#setTrack(s, f);
        } catch (e) {
          return `${f.codec} track with an unreadable config: ${String(e)}`;
        }
        if (!s.track) return `${f.codec} track without an AudioSpecificConfig`;
        s.frameDuration = s.track.defaultDuration ?? 1024;
        return undefined;
      }
      case 'g711':
        s.g711 = new G711FlacTranscoder({
          law: f.encoding === 'PCMU' ? 'mulaw' : 'alaw',
          sampleRate: f.clockRate,
          channels: f.channels,
        });
        s.track = s.g711.track(s.id);
        s.codec = 'flac';
        return undefined;
      case 'generic':
        return `${f.encodingName}/${f.clockRate} is not playable in a browser${f.reason ? ` (${f.reason.message})` : ''}`;
    }
  }

  /** The fMP4 track and codec string of `format` (both undefined while parameter sets are missing). */
  #setTrack(s: TrackState, format: Format): void {
    const track = fmp4Track(format, s.id);
    s.format = format;
    s.track = track ? { ...track, defaultDuration: track.defaultDuration ?? (s.video ? 3000 : 1024) } : undefined;
    s.codec = track ? codecString(format) : undefined;
  }

  #videoUnit(s: TrackState, unit: PipelineUnit): void {
    const nals = unit.nalUnits ?? [];
    if (unit.key) {
      try {
        const next = withParameterSets(s.format, nals);
        if (next !== s.format) {
          this.#setTrack(s, next);
          if (s.track && this.#muxer) this.#muxer.updateTrack(s.id, s.track);
        }
      } catch (e) {
        this.#onWarning?.(e as Fmp4Error);
      }
    }
    if (!s.track) return; // no parameter sets yet: not decodable
    const h264 = s.format.codec === 'h264';
    // parameter sets and access unit delimiters travel out of band, in the init segment
    const inBand = (n: Uint8Array) => {
      if (n.length === 0) return false;
      const type = h264 ? n[0]! & 0x1f : (n[0]! >> 1) & 0x3f;
      return h264 ? type < 7 || type > 9 : type < 32 || type > 35;
    };
    const data = joinLengthPrefixed(nals.filter(inBand));
    if (data.length === 0) return;
    this.#sample(s, unit, { pts: unit.pts, dts: unit.dts, key: unit.key, data });
  }

  #audioUnit(s: TrackState, unit: PipelineUnit): void {
    const payload = unit.data;
    if (!payload || payload.length === 0) return;
    if (s.g711) {
      const duration = payload.length / s.g711.format.channels;
      if (!Number.isInteger(duration)) return;
      this.#sample(s, unit, { pts: unit.pts, dts: unit.pts, key: true, data: s.g711.transcode(payload), duration });
    } else {
      this.#sample(s, unit, {
        pts: unit.pts,
        dts: unit.pts,
        key: true,
        data: payload,
        duration: s.frameDuration ?? 1024,
      });
    }
  }

  #sample(s: TrackState, unit: PipelineUnit, input: Sample): void {
    const offset = Math.round(this.#startSeconds * s.format.clockRate);
    const sample: Sample =
      offset === 0 ? input : { ...input, pts: input.pts + offset, dts: (input.dts ?? input.pts) + offset };
    if (!this.#muxer) {
      if (this.#states.some((t) => !t.track)) return; // wait until every track is configured
      this.#muxer = new Fmp4Muxer({
        tracks: this.#states.map((t) => t.track!),
        fragment: 'frame',
        startTime: 'input',
        estimateDurations: true,
        ...(this.#onWarning ? { onWarning: this.#onWarning } : {}),
      });
    }
    let segments: Segment[];
    try {
      segments = this.#muxer.pushSegments(s.id, sample);
    } catch (e) {
      this.#onWarning?.(e as Fmp4Error);
      return;
    }
    this.#onSample?.(s.id, sample);
    for (const seg of segments) this.#emit(seg, unit.wallClock);
  }

  #emit(seg: Segment, wallClock: number | undefined): void {
    const data = concatList(seg.chunks);
    if (seg.kind === 'init') {
      const codecs = this.#states.map((t) => t.codec!);
      this.#out.push({ kind: 'init', mime: mimeOf(this.#states), data, codecs });
      return;
    }
    const video = this.#video;
    const info = (video && seg.tracks.find((t) => t.trackId === video.id)) ?? seg.tracks[0]!;
    const timescale = this.#states.find((t) => t.id === info.trackId)!.track!.timescale;
    this.#out.push({
      kind: 'media',
      data,
      key: video ? seg.tracks.some((t) => t.trackId === video.id && t.startsWithKey) : true,
      mediaTime: info.baseDecodeTime / timescale,
      ...(wallClock !== undefined && info.trackId === video?.id ? { wallClockMs: wallClock } : {}),
    });
  }
}

function mimeOf(states: readonly TrackState[]): string {
  const codecs = states.map((t) => t.codec!).join(', ');
  return states.some((t) => t.video) ? `video/mp4; codecs="${codecs}"` : `audio/mp4; codecs="${codecs}"`;
}
