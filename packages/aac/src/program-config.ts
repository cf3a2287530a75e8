import type { BitReader, BitWriter } from '@rtspkit/bytes';
import { put } from './internal/bits.js';

/** One front, side or back element of a {@link ProgramConfigElement}. */
export type PceChannelElement = {
  /** True for a channel pair element (two channels), false for a single channel element. */
  readonly isCpe: boolean;
  readonly tagSelect: number;
};

/** One coupling channel element of a {@link ProgramConfigElement}. */
export type PceCouplingElement = {
  readonly isIndSw: boolean;
  readonly tagSelect: number;
};

/**
 * `program_config_element()`: the explicit channel layout carried in a GASpecificConfig when
 * `channelConfiguration` is 0. `comment` aliases the parsed input.
 * @see ISO/IEC 14496-3 §4.4.1.1 (table 4.2), §4.5.1.2
 */
export type ProgramConfigElement = {
  readonly elementInstanceTag: number;
  /** 2-bit profile: audio object type − 1. */
  readonly objectType: number;
  readonly samplingFrequencyIndex: number;
  readonly front: readonly PceChannelElement[];
  readonly side: readonly PceChannelElement[];
  readonly back: readonly PceChannelElement[];
  readonly lfe: readonly number[];
  readonly assocData: readonly number[];
  readonly coupling: readonly PceCouplingElement[];
  readonly monoMixdownElementNumber?: number;
  readonly stereoMixdownElementNumber?: number;
  readonly matrixMixdown?: { readonly index: number; readonly pseudoSurroundEnable: boolean };
  readonly comment: Uint8Array;
};

function readElements(r: BitReader, count: number): PceChannelElement[] {
  const out: PceChannelElement[] = [];
  for (let i = 0; i < count; i++) out.push({ isCpe: r.flag(), tagSelect: r.u(4) });
  return out;
}

/**
 * Reads a PCE. `ascStartBit` is where the enclosing AudioSpecificConfig starts: the PCE's
 * `byte_alignment()` is relative to it.
 */
export function readProgramConfigElement(r: BitReader, ascStartBit: number): ProgramConfigElement {
  const elementInstanceTag = r.u(4);
  const objectType = r.u(2);
  const samplingFrequencyIndex = r.u(4);
  const nFront = r.u(4);
  const nSide = r.u(4);
  const nBack = r.u(4);
  const nLfe = r.u(2);
  const nAssoc = r.u(3);
  const nCc = r.u(4);
  const mono = r.flag() ? r.u(4) : undefined;
  const stereo = r.flag() ? r.u(4) : undefined;
  const matrix = r.flag() ? { index: r.u(2), pseudoSurroundEnable: r.flag() } : undefined;
  const front = readElements(r, nFront);
  const side = readElements(r, nSide);
  const back = readElements(r, nBack);
  const lfe: number[] = [];
  for (let i = 0; i < nLfe; i++) lfe.push(r.u(4));
  const assocData: number[] = [];
  for (let i = 0; i < nAssoc; i++) assocData.push(r.u(4));
  const coupling: PceCouplingElement[] = [];
  for (let i = 0; i < nCc; i++) coupling.push({ isIndSw: r.flag(), tagSelect: r.u(4) });
  const misalign = (r.bitPosition - ascStartBit) & 7;
  if (misalign !== 0) r.skip(8 - misalign);
  const commentBytes = r.u(8);
  let comment: Uint8Array;
  if (r.byteAligned) {
    r.skip(commentBytes * 8);
    comment = r.bytes.subarray(r.byteOffset - commentBytes, r.byteOffset);
  } else {
    comment = new Uint8Array(commentBytes);
    for (let i = 0; i < commentBytes; i++) comment[i] = r.u(8);
  }
  return {
    elementInstanceTag,
    objectType,
    samplingFrequencyIndex,
    front,
    side,
    back,
    lfe,
    assocData,
    coupling,
    ...(mono === undefined ? {} : { monoMixdownElementNumber: mono }),
    ...(stereo === undefined ? {} : { stereoMixdownElementNumber: stereo }),
    ...(matrix === undefined ? {} : { matrixMixdown: matrix }),
    comment,
  };
}

/** Writes a PCE; `ascStartBit` as in {@link readProgramConfigElement}. */
export function writeProgramConfigElement(w: BitWriter, pce: ProgramConfigElement, ascStartBit: number): void {
  put(w, 4, pce.elementInstanceTag, 'pce element_instance_tag');
  put(w, 2, pce.objectType, 'pce object_type');
  put(w, 4, pce.samplingFrequencyIndex, 'pce sampling_frequency_index');
  put(w, 4, pce.front.length, 'pce num_front_channel_elements');
  put(w, 4, pce.side.length, 'pce num_side_channel_elements');
  put(w, 4, pce.back.length, 'pce num_back_channel_elements');
  put(w, 2, pce.lfe.length, 'pce num_lfe_channel_elements');
  put(w, 3, pce.assocData.length, 'pce num_assoc_data_elements');
  put(w, 4, pce.coupling.length, 'pce num_valid_cc_elements');
  w.flag(pce.monoMixdownElementNumber !== undefined);
  if (pce.monoMixdownElementNumber !== undefined) put(w, 4, pce.monoMixdownElementNumber, 'pce mono_mixdown');
  w.flag(pce.stereoMixdownElementNumber !== undefined);
  if (pce.stereoMixdownElementNumber !== undefined) put(w, 4, pce.stereoMixdownElementNumber, 'pce stereo_mixdown');
  w.flag(pce.matrixMixdown !== undefined);
  if (pce.matrixMixdown !== undefined) {
    put(w, 2, pce.matrixMixdown.index, 'pce matrix_mixdown_idx');
    w.flag(pce.matrixMixdown.pseudoSurroundEnable);
  }
  for (const e of [...pce.front, ...pce.side, ...pce.back]) {
    w.flag(e.isCpe);
    put(w, 4, e.tagSelect, 'pce element_tag_select');
  }
  for (const t of [...pce.lfe, ...pce.assocData]) put(w, 4, t, 'pce element_tag_select');
  for (const c of pce.coupling) {
    w.flag(c.isIndSw);
    put(w, 4, c.tagSelect, 'pce valid_cc_element_tag_select');
  }
  while (((w.bitLength - ascStartBit) & 7) !== 0) w.u(1, 0);
  put(w, 8, pce.comment.length, 'pce comment_field_bytes');
  for (const b of pce.comment) w.u(8, b);
}
