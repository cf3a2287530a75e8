/**
 * Sampling frequencies by `samplingFrequencyIndex` (ISO 14496-3 table 1.18). Indexes 13 and
 * 14 are reserved; 15 means the frequency follows explicitly in 24 bits.
 * @see ISO/IEC 14496-3 §1.6.3.4
 */
export const SAMPLING_FREQUENCIES: readonly number[] = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

/** Index of `frequency` in {@link SAMPLING_FREQUENCIES}, or undefined when it must be written explicitly. */
export function samplingFrequencyIndexOf(frequency: number): number | undefined {
  const i = SAMPLING_FREQUENCIES.indexOf(frequency);
  return i < 0 ? undefined : i;
}
