/**
 * The sending side, standing in for a camera: it turns the bundled sample (H.264 High with
 * B-frames, AAC-LC) into an SDP and RTP packets with @rtspkit/format's packetizers. Like many
 * cameras it leaves the H.264 parameter sets out of the SDP (`sprop-parameter-sets`), so the
 * receiver has to find them in band. Isomorphic: the caller reads the files.
 */
import { ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import { splitAnnexB } from '@rtspkit/bytes';
import { createPacketizer, formatToMedia, h264Format, mpeg4AudioFormat } from '@rtspkit/format';
import {
  type H264Pps,
  type H264Sps,
  H264NalUnitType,
  groupH264AccessUnits,
  h264NalUnitType,
  parseH264Pps,
  parseH264SliceHeader,
  parseH264Sps,
} from '@rtspkit/h264';
import { serializeRtpPacket } from '@rtspkit/rtp';
import { buildSession, serializeSdp } from '@rtspkit/sdp';

/** What the camera sends: its description and its RTP packets, tagged with the `m=` section they belong to. */
export type CameraOutput = {
  readonly sdp: string;
  readonly packets: ReadonlyArray<{ readonly media: number; readonly datagram: Uint8Array }>;
};

const VIDEO_CLOCK = 90_000;
const FRAME = 3000; // 30 fps
// Start near the 32-bit end so the RTP timestamps wrap within the 10 s sample.
const VIDEO_START = 0xfffe0000;
const AUDIO_START = 0x7fff0000;

/**
 * Presentation time of each access unit (decode order in, 90 kHz out). An encoder knows it;
 * here it comes from the picture order count: x264 counts POC in steps of 2 from each IDR
 * (POC type 0, H.264 §8.2.1.1: the LSB wraps, the MSB follows reference pictures), so the
 * display slot is the frames before that IDR plus POC / 2.
 */
function presentationTimes(units: readonly (readonly Uint8Array[])[]): number[] {
  let sps: H264Sps | undefined;
  let pps: H264Pps | undefined;
  let idrIndex = 0;
  let prevMsb = 0;
  let prevLsb = 0;
  return units.map((unit, i) => {
    let pts = 0;
    for (const nal of unit) {
      const type = h264NalUnitType(nal);
      if (type === H264NalUnitType.Sps) sps = parseH264Sps(nal);
      else if (type === H264NalUnitType.Pps) pps = parseH264Pps(nal);
      else if (type === H264NalUnitType.IdrSlice || type === H264NalUnitType.NonIdrSlice) {
        if (sps === undefined || pps === undefined) throw new Error('slice before its parameter sets');
        if (type === H264NalUnitType.IdrSlice) {
          idrIndex = i;
          prevMsb = 0;
          prevLsb = 0;
        }
        const header = parseH264SliceHeader(nal, sps, pps);
        const lsb = header.picOrderCntLsb ?? 0;
        const max = 2 ** (sps.log2MaxPicOrderCntLsb ?? 4);
        let msb = prevMsb;
        if (lsb < prevLsb && prevLsb - lsb >= max / 2) msb += max;
        else if (lsb > prevLsb && lsb - prevLsb > max / 2) msb -= max;
        if (header.nalRefIdc !== 0) {
          prevMsb = msb;
          prevLsb = lsb;
        }
        pts = VIDEO_START + (idrIndex + (msb + lsb) / 2) * FRAME;
        break;
      }
    }
    return pts;
  });
}

/** The camera's SDP and packets for the sample's Annex-B H.264 and ADTS AAC. */
export function simulateCamera(h264AnnexB: Uint8Array, adts: Uint8Array, mtu = 1200): CameraOutput {
  const units = groupH264AccessUnits(splitAnnexB(h264AnnexB));
  const first = units[0] ?? [];
  const video = h264Format({
    sps: first.filter((n) => h264NalUnitType(n) === H264NalUnitType.Sps),
    pps: first.filter((n) => h264NalUnitType(n) === H264NalUnitType.Pps),
  });
  const frames = splitAdts(adts);
  const header = frames[0]?.header;
  if (header === undefined) throw new Error('no ADTS frame');
  const asc = ascFromAdtsHeader(header);
  const audio = mpeg4AudioFormat({ config: serializeAudioSpecificConfig(asc) });

  const sdp = serializeSdp(
    buildSession({
      sessionName: 'rtspkit sample camera',
      media: [
        // No sprop-parameter-sets: SPS and PPS travel in band with every IDR.
        formatToMedia({ ...video, sps: [], pps: [] }, { control: 'trackID=0' }),
        formatToMedia(audio, { control: 'trackID=1' }),
      ],
    }),
  );

  const videoOut = createPacketizer(video, { mtu });
  const audioOut = createPacketizer(audio, { mtu });
  const pts = presentationTimes(units);
  // Send in decode order, interleaved by send time: video frame i at i / 30 s, AAC frame j at j × 1024 / 48000 s.
  const timed: Array<{ at: number; media: number; datagram: Uint8Array }> = [];
  units.forEach((unit, i) => {
    for (const p of videoOut.packetize(unit, pts[i] ?? 0)) {
      timed.push({ at: (i * FRAME) / VIDEO_CLOCK, media: 0, datagram: serializeRtpPacket(p) });
    }
  });
  frames.forEach((frame, j) => {
    for (const p of audioOut.packetize([frame.payload], AUDIO_START + j * 1024)) {
      timed.push({ at: (j * 1024) / asc.samplingFrequency, media: 1, datagram: serializeRtpPacket(p) });
    }
  });
  timed.sort((a, b) => a.at - b.at);
  return { sdp, packets: timed.map(({ media, datagram }) => ({ media, datagram })) };
}
