import type { AudioSpecificConfig } from '@rtspkit/aac';

/**
 * Output channels of an AudioSpecificConfig: 2 with Parametric Stereo (a mono core),
 * 8 for channelConfiguration 7 (7.1), 1..6 as configured; `undefined` when a program config
 * element defines them (configuration 0) or the value is reserved.
 *
 * @see ISO/IEC 14496-3 §1.6.3.4 (table 1.19), §8.6.4 (PS)
 */
export function ascChannels(asc: AudioSpecificConfig): number | undefined {
  if (asc.objectType === 29 || asc.psPresent === true) return 2;
  const c = asc.channelConfiguration;
  if (c === 7) return 8;
  return c >= 1 && c <= 6 ? c : undefined;
}

/** The output sampling rate: the SBR extension rate when there is one (HE-AAC). */
export function ascOutputRate(asc: AudioSpecificConfig): number {
  return asc.extensionSamplingFrequency ?? asc.samplingFrequency;
}

/**
 * Duration of one access unit in units of `clockRate`: 1024 or 960 samples (512 or 480 for
 * the low-delay object types 23 and 39) of the core sampling rate. With SBR and an RTP clock
 * at the output rate this is 2048.
 *
 * @see ISO/IEC 14496-3 §4.5.1.1 (frameLengthFlag), RFC 3640 §3.2.3.1
 */
export function accessUnitDuration(asc: AudioSpecificConfig, clockRate: number): number {
  const lowDelay = asc.objectType === 23 || asc.objectType === 39;
  const samples = lowDelay ? (asc.frameLengthFlag ? 480 : 512) : asc.frameLengthFlag ? 960 : 1024;
  return Math.max(1, Math.round((samples * clockRate) / asc.samplingFrequency));
}
