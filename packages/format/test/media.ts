import { readFileSync } from 'node:fs';
import { ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import { splitAnnexB } from '@rtspkit/bytes';
import { groupH264AccessUnits as groupH264 } from '@rtspkit/h264';
import { groupH265AccessUnits as groupH265 } from '@rtspkit/h265';
import { samples } from '@rtspkit/sample';

/** The bundled sample's access units (NAL units without start codes), in decode order. */
export const h264Units = groupH264(splitAnnexB(new Uint8Array(readFileSync(samples.h264Baseline.path))));
export const h265Units = groupH265(splitAnnexB(new Uint8Array(readFileSync(samples.h265.path))));

const adts = splitAdts(new Uint8Array(readFileSync(samples.aac.path)));
/** The sample's raw AAC frames (ADTS headers removed). */
export const aacFrames = adts.map((f) => f.payload);
/** The sample's AudioSpecificConfig (AAC-LC 48 kHz stereo). */
export const aacConfig = serializeAudioSpecificConfig(ascFromAdtsHeader(adts[0]!.header));

/** NAL units of `unit` of type `type` (H.264: low 5 bits of the first byte). */
export const h264OfType = (unit: readonly Uint8Array[], type: number) => unit.filter((n) => (n[0]! & 0x1f) === type);
/** NAL units of `unit` of type `type` (H.265: bits 1..6 of the first byte). */
export const h265OfType = (unit: readonly Uint8Array[], type: number) =>
  unit.filter((n) => ((n[0]! >> 1) & 0x3f) === type);
