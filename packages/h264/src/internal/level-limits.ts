/** MaxDpbMbs per level_idc (H.264 Table A-1); level_idc 9 is level 1b. */
const MAX_DPB_MBS: Readonly<Record<number, number>> = {
  9: 396,
  10: 396,
  11: 900,
  12: 2376,
  13: 2376,
  20: 2376,
  21: 4752,
  22: 8100,
  30: 8100,
  31: 18000,
  32: 20480,
  40: 32768,
  41: 32768,
  42: 34816,
  50: 110400,
  51: 184320,
  52: 184320,
  60: 696320,
  61: 696320,
  62: 696320,
};

/** MaxDpbFrames for a level and frame size (H.264 §A.3.1 item h), capped at 16. */
export function maxDpbFrames(levelIdc: number, frameSizeInMbs: number): number {
  const mbs = MAX_DPB_MBS[levelIdc] ?? 696320;
  return Math.max(1, Math.min(16, Math.floor(mbs / Math.max(1, frameSizeInMbs))));
}
