import type { AudioSpecificConfig } from './asc.js';

/** audioProfileLevelIndication 0xFE: "no audio profile specified" (ISO 14496-3 table 1.14). */
const NO_PROFILE = 0xfe;

/** Main channels of channelConfiguration 1–7 (the LFE of 5.1 and 7.1 does not count). */
const MAIN_CHANNELS = [0, 1, 2, 3, 4, 5, 5, 7];

/**
 * The lowest MPEG-4 audioProfileLevelIndication whose level admits the config's channels
 * and output sampling rate, for the AAC (object type 2), High Efficiency AAC (SBR) and
 * HE-AAC v2 (PS) profiles: AAC L1 0x28 (2 ch, 24 kHz), L2 0x29 (2 ch, 48 kHz), L4 0x2A
 * (5 ch, 48 kHz), L5 0x2B (5 ch, 96 kHz); HE-AAC 0x2C/0x2E/0x2F and HE-AAC v2 0x30/0x32/0x33
 * for L2/L4/L5. Anything else (other object types, a PCE, more channels) gives 0xFE.
 * This is the `profile-level-id` `@rtspkit/format` announces for MP4A-LATM and
 * mpeg4-generic (41 for AAC-LC 48 kHz stereo).
 * @see ISO/IEC 14496-3 §1.5.2 (levels), table 1.14; RFC 6416 §7.3; RFC 3640 §4.1
 */
export function audioProfileLevelId(asc: AudioSpecificConfig): number {
  const channels = MAIN_CHANNELS[asc.channelConfiguration] ?? 0;
  const rate = asc.extensionSamplingFrequency ?? asc.samplingFrequency;
  const ps = asc.objectType === 29 || asc.psPresent === true;
  const sbr = ps || asc.objectType === 5 || asc.sbrPresent === true;
  const core = asc.objectType === 5 || asc.objectType === 29 ? asc.coreObjectType : asc.objectType;
  if (core !== 2 || channels === 0) return NO_PROFILE;
  // [max channels, max rate, AAC, HE-AAC, HE-AAC v2]; 0 where the profile has no such level
  const levels = [
    [2, 24000, 0x28, 0, 0],
    [2, 48000, 0x29, 0x2c, 0x30],
    [5, 48000, 0x2a, 0x2e, 0x32],
    [5, 96000, 0x2b, 0x2f, 0x33],
  ] as const;
  for (const [maxChannels, maxRate, aac, he, hev2] of levels) {
    const id = ps ? hev2 : sbr ? he : aac;
    if (id !== 0 && channels <= maxChannels && rate <= maxRate) return id;
  }
  return NO_PROFILE;
}
