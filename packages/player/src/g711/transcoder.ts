import type { AudioTrack } from '@rtspkit/fmp4';
import { PlayerError, PlayerErrorCode } from '../errors.js';
import { encodeFlacFrame, type FlacFormat, flacStreamInfo } from './flac.js';
import { decodeG711, type G711Law } from '@rtspkit/g711';

/** Options of {@link G711FlacTranscoder}. */
export type G711FlacOptions = {
  readonly law: G711Law;
  /** Default 8000 Hz (RTP payload types 0 and 8, RFC 3551 §6). */
  readonly sampleRate?: number;
  /** Default 1. */
  readonly channels?: number;
};

/**
 * G.711 (PCMU/PCMA) → FLAC frames for an fMP4 `fLaC` track: each payload (one RTP packet's
 * codes, channels interleaved) is expanded through the law's table and written as one
 * verbatim FLAC frame. The track's timescale is the sample rate, so a frame's duration is
 * its sample count and RTP timestamps can be used as they are.
 *
 * @example
 * const pcmu = new G711FlacTranscoder({ law: 'mulaw' });
 * const mux = new Fmp4Muxer({ tracks: [pcmu.track(2)], fragment: 'frame' });
 * mux.push(2, { pts: rtp.timestamp, key: true, data: pcmu.transcode(rtp.payload), duration: rtp.payload.length });
 */
export class G711FlacTranscoder {
  readonly law: G711Law;
  readonly format: FlacFormat;
  #samples = 0;
  #pcm = new Int16Array(0);

  constructor(options: G711FlacOptions) {
    this.law = options.law;
    this.format = { sampleRate: options.sampleRate ?? 8000, channels: options.channels ?? 1 };
    flacStreamInfo(this.format); // refuses what FLAC cannot carry, at once
  }

  /** The fMP4 track (`fLaC` sample entry, STREAMINFO in `dfLa`). */
  track(id: number): AudioTrack {
    return {
      id,
      kind: 'audio',
      codec: 'fLaC',
      timescale: this.format.sampleRate,
      sampleRate: this.format.sampleRate,
      channels: this.format.channels,
      config: flacStreamInfo(this.format),
    };
  }

  /** Samples per channel transcoded so far (the next frame's first sample number). */
  get samples(): number {
    return this.#samples;
  }

  /** One payload of G.711 codes → one FLAC frame (a new array). */
  transcode(codes: Uint8Array): Uint8Array {
    if (codes.length % this.format.channels !== 0) {
      throw new PlayerError(
        PlayerErrorCode.InvalidAudio,
        `G.711 payload of ${codes.length} bytes is not whole samples of ${this.format.channels} channels`,
      );
    }
    if (this.#pcm.length < codes.length) this.#pcm = new Int16Array(codes.length);
    const pcm = decodeG711(this.law, codes, this.#pcm);
    const frame = encodeFlacFrame(this.format, pcm, this.#samples);
    this.#samples += codes.length / this.format.channels;
    return frame;
  }
}
