// Names in @rtspkit/h264 that are being prefixed (groupAccessUnits → groupH264AccessUnits);
// the tests take whichever the package exports.
import * as h264 from '@rtspkit/h264';

type Group = (nals: readonly Uint8Array[]) => Uint8Array[][];
const exported = h264 as unknown as Record<string, unknown>;
export const groupH264AccessUnits = (exported.groupH264AccessUnits ?? exported.groupAccessUnits) as Group;
export const H264Packetizer = h264.H264Packetizer;
