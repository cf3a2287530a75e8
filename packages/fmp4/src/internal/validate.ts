import { Fmp4Error, Fmp4ErrorCode } from '../errors.js';
import type { Track } from '../types.js';

const isU32 = (v: number) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isU16 = (v: number) => Number.isInteger(v) && v >= 0 && v <= 0xffff;

function invalid(track: Track, what: string): Fmp4Error {
  return new Fmp4Error(Fmp4ErrorCode.InvalidTrack, `track ${track.id}: ${what}`);
}

/** Checks what the init segment writer needs: unique 32-bit ids, a timescale, sizes that fit their fields. */
export function validateTracks(tracks: readonly Track[]): void {
  if (tracks.length === 0) throw new Fmp4Error(Fmp4ErrorCode.InvalidTrack, 'no tracks');
  const ids = new Set<number>();
  for (const t of tracks) {
    if (!isU32(t.id) || t.id === 0) throw invalid(t, `id ${t.id} is not a 32-bit integer ≥ 1`);
    if (ids.has(t.id)) throw invalid(t, `duplicate id ${t.id}`);
    ids.add(t.id);
    if (!isU32(t.timescale) || t.timescale === 0)
      throw invalid(t, `timescale ${t.timescale} is not a 32-bit integer ≥ 1`);
    // A configuration record lives inside a 32-bit box with the sample entry; 16 MiB is far above any real one.
    if (t.config.length > 0xffffff) throw invalid(t, `config of ${t.config.length} bytes is too large`);
    if (t.kind === 'video') {
      if (t.codec !== 'avc1' && t.codec !== 'hvc1' && t.codec !== 'hev1') throw invalid(t, `video codec ${t.codec}`);
      if (!isU16(t.width) || !isU16(t.height)) throw invalid(t, `size ${t.width}x${t.height} does not fit 16 bits`);
      const sw = t.sarWidth ?? 1;
      const sh = t.sarHeight ?? 1;
      if (!isU32(sw) || !isU32(sh) || sw === 0 || sh === 0) throw invalid(t, `sample aspect ratio ${sw}:${sh}`);
    } else {
      if (t.codec !== 'mp4a' && t.codec !== 'fLaC') throw invalid(t, `audio codec ${String(t.codec)}`);
      if (!isU16(t.channels) || t.channels === 0) throw invalid(t, `channel count ${t.channels}`);
      if (!isU32(t.sampleRate) || t.sampleRate === 0) throw invalid(t, `sample rate ${t.sampleRate}`);
      // The ES_Descriptor length fields are written in at most 4 groups of 7 bits.
      if (t.config.length > 0xfffff) throw invalid(t, `AudioSpecificConfig of ${t.config.length} bytes`);
    }
  }
}
