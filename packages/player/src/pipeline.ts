import { aacCodecString, parseAudioSpecificConfig } from '@rtspkit/aac';
import { concatList, joinLengthPrefixed } from '@rtspkit/bytes';
import { type Fmp4Error, Fmp4Muxer, type Sample, type Segment, type Track } from '@rtspkit/fmp4';
import { avcCFromParameterSets, h264CodecString, parseH264Sps, serializeAvcC } from '@rtspkit/h264';
import { h265CodecString, hvcCFromParameterSets, parseH265Sps, serializeHvcC } from '@rtspkit/h265';
import { PlayerError, PlayerErrorCode } from './errors.js';
import { G711FlacTranscoder } from './g711/transcoder.js';

/**
 * A track as the client session describes it (the fields the player needs of the client's
 * `TrackFormat`): codec, clock rate and the out-of-band configuration from the SDP.
 */
export type PipelineTrack = {
  readonly codec: 'h264' | 'h265' | 'mpeg4-audio' | 'mp4a-latm' | 'g711' | 'generic';
  readonly clockRate: number;
  readonly channels?: number;
  /** `PCMU`/`PCMA` for G.711 (static payload types 0 and 8), as in `a=rtpmap`. */
  readonly encodingName?: string;
  readonly payloadType?: number;
  /** Video: SPS/PPS (and VPS) from `sprop-parameter-sets`, NAL units without start codes. */
  readonly parameterSets?: readonly Uint8Array[];
  /** AAC: the AudioSpecificConfig. */
  readonly config?: Uint8Array;
};

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

type VideoState = {
  readonly kind: 'h264' | 'h265';
  sets: { vps: Uint8Array[]; sps: Uint8Array[]; pps: Uint8Array[] };
  key: string;
};

type TrackState = {
  readonly index: number;
  readonly id: number;
  readonly source: PipelineTrack;
  track: Track | undefined;
  codec: string | undefined;
  video?: VideoState;
  g711?: G711FlacTranscoder;
  aacFrameSize?: number;
};

const nalTypeH264 = (n: Uint8Array) => n[0]! & 0x1f;
const nalTypeH265 = (n: Uint8Array) => (n[0]! >> 1) & 0x3f;

/**
 * The codec half of the player, without DOM: client access units → fragmented MP4 for
 * MSE, one fragment per access unit. H.264 and H.265 become `avc1`/`hvc1` with parameter
 * sets out of band (from the SDP, else from the first key frame that carries them), and a
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

  constructor(tracks: readonly PipelineTrack[], options: MediaPipelineOptions = {}) {
    this.#onWarning = options.onWarning;
    this.#onSample = options.onSample;
    this.#startSeconds = options.startSeconds ?? 0;
    const skipped: Array<{ index: number; reason: string }> = [];
    tracks.forEach((source, index) => {
      const state: TrackState = { index, id: this.#states.length + 1, source, track: undefined, codec: undefined };
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
    const t = s.source;
    switch (t.codec) {
      case 'h264':
      case 'h265': {
        s.video = { kind: t.codec, sets: { vps: [], sps: [], pps: [] }, key: '' };
        this.#collectSets(s, t.parameterSets ?? []);
        try {
          this.#videoTrack(s);
        } catch {
          // an unreadable sprop-parameter-sets: wait for parameter sets in band
          s.video.sets = { vps: [], sps: [], pps: [] };
          s.video.key = '';
        }
        return undefined;
      }
      case 'mpeg4-audio':
      case 'mp4a-latm': {
        if (!t.config) return `${t.codec} track without an AudioSpecificConfig`;
        try {
          const asc = parseAudioSpecificConfig(t.config);
          s.codec = aacCodecString(asc);
          s.aacFrameSize = asc.frameLengthFlag ? 960 : 1024;
          s.track = {
            id: s.id,
            kind: 'audio',
            codec: 'mp4a',
            timescale: t.clockRate,
            sampleRate: asc.samplingFrequency,
            channels: asc.channelConfiguration || (t.channels ?? 2),
            config: t.config,
          };
        } catch (e) {
          return `unreadable AudioSpecificConfig: ${String(e)}`;
        }
        return undefined;
      }
      case 'g711': {
        const name = (t.encodingName ?? '').toUpperCase();
        const law =
          name === 'PCMU' || t.payloadType === 0
            ? 'mulaw'
            : name === 'PCMA' || t.payloadType === 8
              ? 'alaw'
              : undefined;
        if (!law) return `G.711 track with encoding ${t.encodingName ?? '?'}`;
        s.g711 = new G711FlacTranscoder({ law, sampleRate: t.clockRate, channels: t.channels ?? 1 });
        s.track = s.g711.track(s.id);
        s.codec = 'flac';
        return undefined;
      }
      default:
        return `codec ${t.codec} is not playable in a browser`;
    }
  }

  #collectSets(s: TrackState, nals: readonly Uint8Array[]): boolean {
    const v = s.video!;
    const type = v.kind === 'h264' ? nalTypeH264 : nalTypeH265;
    const [vpsT, spsT, ppsT] = v.kind === 'h264' ? [-1, 7, 8] : [32, 33, 34];
    const found = { vps: [] as Uint8Array[], sps: [] as Uint8Array[], pps: [] as Uint8Array[] };
    for (const n of nals) {
      if (n.length === 0) continue;
      const t = type(n);
      if (t === vpsT) found.vps.push(n);
      else if (t === spsT) found.sps.push(n);
      else if (t === ppsT) found.pps.push(n);
    }
    if (found.sps.length === 0 && found.pps.length === 0 && found.vps.length === 0) return false;
    const next = {
      vps: found.vps.length ? found.vps.map((n) => n.slice()) : v.sets.vps,
      sps: found.sps.length ? found.sps.map((n) => n.slice()) : v.sets.sps,
      pps: found.pps.length ? found.pps.map((n) => n.slice()) : v.sets.pps,
    };
    const key = [...next.vps, ...next.sps, ...next.pps].map((n) => Array.from(n).join(',')).join('|');
    if (key === v.key) return false;
    v.sets = next;
    v.key = key;
    return true;
  }

  /** Builds the video track from the parameter sets known; false while some are missing. */
  #videoTrack(s: TrackState): boolean {
    const v = s.video!;
    if (v.sets.sps.length === 0 || v.sets.pps.length === 0 || (v.kind === 'h265' && v.sets.vps.length === 0))
      return false;
    if (v.kind === 'h264') {
      const sps = parseH264Sps(v.sets.sps[0]!);
      s.codec = h264CodecString(sps);
      s.track = {
        id: s.id,
        kind: 'video',
        codec: 'avc1',
        timescale: s.source.clockRate,
        width: sps.width,
        height: sps.height,
        sarWidth: sps.sarWidth,
        sarHeight: sps.sarHeight,
        config: serializeAvcC(avcCFromParameterSets(v.sets.sps, v.sets.pps)),
      };
    } else {
      const sps = parseH265Sps(v.sets.sps[0]!);
      s.codec = h265CodecString(sps);
      s.track = {
        id: s.id,
        kind: 'video',
        codec: 'hvc1',
        timescale: s.source.clockRate,
        width: sps.width,
        height: sps.height,
        config: serializeHvcC(hvcCFromParameterSets(v.sets.vps, v.sets.sps, v.sets.pps)),
      };
    }
    return true;
  }

  #videoUnit(s: TrackState, unit: PipelineUnit): void {
    const nals = unit.nalUnits ?? [];
    const v = s.video!;
    if (unit.key && this.#collectSets(s, nals)) {
      try {
        if (this.#videoTrack(s) && this.#muxer) this.#muxer.updateTrack(s.id, s.track!);
      } catch (e) {
        this.#onWarning?.(e as Fmp4Error);
      }
    }
    if (!s.track) return; // no parameter sets yet: not decodable
    const type = v.kind === 'h264' ? nalTypeH264 : nalTypeH265;
    const outOfBand = v.kind === 'h264' ? [7, 8, 9] : [32, 33, 34, 35];
    const data = joinLengthPrefixed(nals.filter((n) => n.length > 0 && !outOfBand.includes(type(n))));
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
        duration: s.aacFrameSize ?? 1024,
      });
    }
  }

  #sample(s: TrackState, unit: PipelineUnit, input: Sample): void {
    const offset = Math.round(this.#startSeconds * s.source.clockRate);
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
