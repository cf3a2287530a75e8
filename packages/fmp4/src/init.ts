import { ByteWriter } from '@rtspkit/bytes';
import { box, descriptor, fullBox, unityMatrix } from './internal/box.js';
import { validateTracks } from './internal/validate.js';
import { writeDfLa } from './flac.js';
import type { AudioTrack, Track, VideoTrack } from './types.js';
import { arrayBufferBytes, type Fmp4Bytes } from './internal/bytes.js';

/** Timescale of `mvhd` (and so of `tkhd`/`mehd` durations): milliseconds. */
export const MOVIE_TIMESCALE = 1000;

/**
 * Brands of the `ftyp` box. `iso5` is the brand that requires readers to honour
 * `default-base-is-moof` in `tfhd` (ISO 14496-12 §8.8.7; brands in annex E); `iso6` also
 * covers what `iso4` introduced, `trun` version 1 with signed composition offsets; `mp41`
 * lets MP4-family players that know no ISO brand open recorded files. Chromium (MSE) and
 * ffmpeg accept this `ftyp` (see the interop tests).
 */
export const FTYP_BRANDS = { major: 'iso5', minor: 512, compatible: ['iso5', 'iso6', 'mp41'] } as const;

/**
 * Options of {@link serializeInitSegment}.
 *
 * `duration` turns on recording mode: `mvhd`, `tkhd` and `mdhd` are written as version 1
 * (64-bit times) and `mvex` gets a `mehd`, so the init segment has the same size whatever
 * the durations are and a finished recording can rewrite its head in place.
 */
export type InitSegmentOptions = {
  readonly duration?: {
    /** Movie duration in milliseconds (`mvhd`, `mehd`, every `tkhd`). */
    readonly ms: number;
    /** Per track id, its duration in its own timescale (`mdhd`); 0 when absent. */
    readonly tracks?: ReadonlyMap<number, number>;
  };
};

/**
 * Builds an init segment: `ftyp` + `moov` (`mvhd`, one `trak` per track with an empty
 * sample table, `mvex` with one `trex` per track). Throws `ERR_FMP4_INVALID_TRACK` for a
 * track it cannot encode.
 *
 * ```
 * ftyp
 * moov ─ mvhd
 *      ─ trak ─ tkhd
 *             ─ mdia ─ mdhd, hdlr
 *                    ─ minf ─ vmhd|smhd, dinf/dref/url
 *                           ─ stbl ─ stsd ─ avc1/avcC[/pasp] | hvc1/hvcC | mp4a/esds
 *                                  ─ stts, stsc, stsz, stco (empty)
 *      ─ mvex ─ [mehd] trex…
 * ```
 *
 * @see ISO/IEC 14496-12 §8.2–§8.8, ISO/IEC 14496-15 §5.4 and §8.4, ISO/IEC 14496-14 §5.6
 */
export function serializeInitSegment(tracks: readonly Track[], options: InitSegmentOptions = {}): Fmp4Bytes {
  validateTracks(tracks);
  const w = new ByteWriter(1024);
  const recording = options.duration;
  const v = recording ? 1 : 0;
  const time = (value: number) => (v === 1 ? w.u64(value) : w.u32(value));

  box(w, 'ftyp', () => {
    w.ascii(FTYP_BRANDS.major).u32(FTYP_BRANDS.minor);
    for (const b of FTYP_BRANDS.compatible) w.ascii(b);
  });
  box(w, 'moov', () => {
    const movieMs = Math.round(recording?.ms ?? 0);
    fullBox(w, 'mvhd', v, 0, () => {
      time(0); // creation_time: unknown (no clock in sans-IO code)
      time(0); // modification_time
      w.u32(MOVIE_TIMESCALE);
      time(movieMs);
      w.u32(0x00010000).u16(0x0100).fill(10); // rate 1.0, volume 1.0, reserved
      unityMatrix(w);
      w.fill(24); // pre_defined
      w.u32(Math.max(...tracks.map((t) => t.id)) + 1); // next_track_ID
    });
    for (const t of tracks) writeTrak(w, t, v, movieMs, recording?.tracks?.get(t.id) ?? 0);
    box(w, 'mvex', () => {
      if (recording) fullBox(w, 'mehd', 1, 0, () => w.u64(movieMs));
      for (const t of tracks) {
        // default_sample_description_index 1; duration, size and flags come from each trun
        fullBox(w, 'trex', 0, 0, () => w.u32(t.id).u32(1).u32(0).u32(0).u32(0));
      }
    });
  });
  return arrayBufferBytes(w.finish());
}

function writeTrak(w: ByteWriter, t: Track, v: number, movieMs: number, mediaDuration: number): void {
  const time = (value: number) => (v === 1 ? w.u64(value) : w.u32(value));
  box(w, 'trak', () => {
    // flags: track_enabled | track_in_movie
    fullBox(w, 'tkhd', v, 0x000003, () => {
      time(0);
      time(0);
      w.u32(t.id).u32(0);
      time(movieMs);
      w.fill(8).u16(0).u16(0); // reserved, layer, alternate_group
      w.u16(t.kind === 'audio' ? 0x0100 : 0).u16(0); // volume, reserved
      unityMatrix(w);
      if (t.kind === 'video') {
        // Presentation size: the coded width stretched by the sample aspect ratio.
        const displayWidth = Math.round((t.width * (t.sarWidth ?? 1)) / (t.sarHeight ?? 1));
        w.u32(Math.min(displayWidth, 0xffff) * 0x10000).u32(t.height * 0x10000);
      } else {
        w.u32(0).u32(0);
      }
    });
    box(w, 'mdia', () => {
      fullBox(w, 'mdhd', v, 0, () => {
        time(0);
        time(0);
        w.u32(t.timescale);
        time(mediaDuration);
        w.u16(0x55c4).u16(0); // language 'und' (ISO 639-2/T, 3×5 bits), pre_defined
      });
      fullBox(w, 'hdlr', 0, 0, () => {
        w.u32(0)
          .ascii(t.kind === 'video' ? 'vide' : 'soun')
          .fill(12);
        w.ascii(t.kind === 'video' ? 'VideoHandler' : 'SoundHandler').u8(0);
      });
      box(w, 'minf', () => {
        if (t.kind === 'video') fullBox(w, 'vmhd', 0, 1, () => w.fill(8));
        else fullBox(w, 'smhd', 0, 0, () => w.u32(0));
        box(w, 'dinf', () => {
          // one data reference: flag 1 = media data in this file
          fullBox(w, 'dref', 0, 0, () => {
            w.u32(1);
            fullBox(w, 'url ', 0, 1, () => {});
          });
        });
        box(w, 'stbl', () => {
          fullBox(w, 'stsd', 0, 0, () => {
            w.u32(1);
            if (t.kind === 'video') writeVisualSampleEntry(w, t);
            else writeAudioSampleEntry(w, t);
          });
          fullBox(w, 'stts', 0, 0, () => w.u32(0));
          fullBox(w, 'stsc', 0, 0, () => w.u32(0));
          fullBox(w, 'stsz', 0, 0, () => w.u32(0).u32(0));
          fullBox(w, 'stco', 0, 0, () => w.u32(0));
        });
      });
    });
  });
}

/** VisualSampleEntry (ISO 14496-12 §12.1.3) + `avcC`/`hvcC` (+ `pasp`). */
function writeVisualSampleEntry(w: ByteWriter, t: VideoTrack): void {
  box(w, t.codec, () => {
    w.fill(6).u16(1); // reserved, data_reference_index
    w.u16(0).u16(0).fill(12); // pre_defined, reserved, pre_defined[3]
    w.u16(t.width).u16(t.height);
    w.u32(0x00480000).u32(0x00480000); // 72 dpi
    w.u32(0).u16(1); // reserved, frame_count
    w.fill(32); // compressorname (empty Pascal string)
    w.u16(0x0018).i16(-1); // depth 24, pre_defined
    box(w, t.codec === 'avc1' ? 'avcC' : 'hvcC', () => w.bytes(t.config));
    const sw = t.sarWidth ?? 1;
    const sh = t.sarHeight ?? 1;
    if (sw !== sh) box(w, 'pasp', () => w.u32(sw).u32(sh));
  });
}

/**
 * AudioSampleEntry (ISO 14496-12 §12.2.3) + `esds` (ISO 14496-14 §5.6, ISO 14496-1 §7.2.6.5),
 * or `fLaC` + `dfLa` (Encapsulation of FLAC in ISO BMFF §3.3).
 */
function writeAudioSampleEntry(w: ByteWriter, t: AudioTrack): void {
  box(w, t.codec, () => {
    w.fill(6).u16(1); // reserved, data_reference_index
    w.fill(8); // reserved
    w.u16(t.channels).u16(16).u16(0).u16(0); // channelcount, samplesize, pre_defined, reserved
    // samplerate is 16.16; rates above 65535 do not fit and are written as 0 (the ASC has the real one)
    w.u32(t.sampleRate <= 0xffff ? t.sampleRate * 0x10000 : 0);
    if (t.codec === 'fLaC') writeDfLa(w, t.config);
    else fullBox(w, 'esds', 0, 0, () => w.bytes(esDescriptor(t)));
  });
}

/**
 * ```
 * ES_Descriptor (tag 3): ES_ID, flags 0
 *   DecoderConfigDescriptor (tag 4): objectTypeIndication 0x40 (MPEG-4 Audio),
 *       streamType 5 (audio) << 2 | upStream 0 | reserved 1, bufferSizeDB, max/avg bitrate 0
 *     DecoderSpecificInfo (tag 5): AudioSpecificConfig
 *   SLConfigDescriptor (tag 6): predefined 2 (MP4 files)
 * ```
 */
function esDescriptor(t: AudioTrack): Uint8Array {
  const dsi = new ByteWriter(64);
  descriptor(dsi, 0x05, t.config);
  const dcd = new ByteWriter(64);
  dcd.u8(0x40).u8(0x15).u24(0).u32(0).u32(0).bytes(dsi.finish());
  const es = new ByteWriter(96);
  es.u16(t.id & 0xffff).u8(0);
  descriptor(es, 0x04, dcd.finish());
  descriptor(es, 0x06, Uint8Array.of(0x02));
  const out = new ByteWriter(112);
  descriptor(out, 0x03, es.finish());
  return out.finish();
}
