import { createRequire } from 'node:module';
import { H264Depacketizer, isH264AccessUnit } from '@rtspkit/h264';
import { parseRtpPacket } from '@rtspkit/rtp';
import { fixturePath, readRtpCapture } from '@rtspkit/test-utils';
import { RtpPacket as WeriftRtpPacket, dePacketizeRtpPackets } from 'werift-rtp';
import { type Suite, sink } from '../src/harness.js';

/** GStreamer capture of 40 access units (see packages/h264/test/fixtures/FIXTURES.md), as Buffers for the peers. */
function readCapture(): Buffer[] {
  return readRtpCapture(fixturePath('h264', 'gstreamer-baseline-mtu1200.rtp')).map((p) =>
    Buffer.from(p.buffer, p.byteOffset, p.byteLength),
  );
}

/** What each implementation produced: access units and bytes, in one convention. */
type Tally = { units: number; bytes: number };

const isSlice = (type: number) => type === 1 || type === 5;

/** Ours: datagram → RTP packet → access units. Counts every NAL unit with a 4-byte prefix. */
function ours(datagrams: readonly Uint8Array[], slicesOnly: boolean): Tally {
  const d = new H264Depacketizer();
  let units = 0;
  let bytes = 0;
  for (const datagram of datagrams) {
    for (const item of d.push(parseRtpPacket(datagram))) {
      if (!isH264AccessUnit(item)) continue;
      units++;
      for (const nal of item.nalUnits) if (!slicesOnly || isSlice((nal[0] as number) & 0x1f)) bytes += 4 + nal.length;
    }
  }
  return { units, bytes };
}

/** werift-rtp: RtpPacket.deSerialize, packets buffered to the marker, then dePacketizeRtpPackets (as DepacketizeBase does). */
function werift(datagrams: readonly Buffer[]): Tally {
  let buffered: WeriftRtpPacket[] = [];
  let fragment: Buffer | undefined;
  let units = 0;
  let bytes = 0;
  for (const datagram of datagrams) {
    const rtp = WeriftRtpPacket.deSerialize(datagram);
    buffered.push(rtp);
    if (!rtp.header.marker) continue;
    const frame = dePacketizeRtpPackets('MPEG4/ISO/AVC', buffered, fragment);
    fragment = frame.frameFragmentBuffer;
    buffered = [];
    if (frame.data.length > 0) {
      units++;
      bytes += frame.data.length; // Annex-B: 4-byte start code per NAL unit
    }
  }
  return { units, bytes };
}

type MslMessage = { type: number; data: Buffer };
type MslTransform = {
  _transform: (msg: unknown, encoding: string, callback: (err?: Error, out?: unknown) => void) => void;
  read: () => MslMessage | null;
};
// The package's ESM build for Node cannot load (it requires 'tty' dynamically); use its CJS build.
const { H264Depay } = createRequire(import.meta.url)('media-stream-library') as {
  H264Depay: new () => { incoming: unknown };
};
const MSL_SDP = { type: 5, sdp: { media: [{ type: 'video', rtpmap: { payloadType: 96, encodingName: 'H264' } }] } };
const noop = () => {};

/**
 * media-stream-library: its H264Depay component's transform (H264DepayParser.parse per RTP
 * message plus the frame assembly at the marker bit), called directly and drained with
 * read() so no stream scheduling is timed. It extracts NAL types 1, 5 and FU-A only (drops
 * SPS/PPS/SEI and STAP-A) and writes 4-byte length prefixes.
 */
function msl(datagrams: readonly Buffer[]): Tally {
  const incoming = new H264Depay().incoming as unknown as MslTransform;
  incoming._transform(MSL_SDP, 'utf8', noop);
  while (incoming.read() !== null);
  let units = 0;
  let bytes = 0;
  for (const data of datagrams) {
    incoming._transform({ type: 2, data }, 'utf8', noop);
    for (let m = incoming.read(); m !== null; m = incoming.read()) {
      if (m.type !== 7) continue;
      units++;
      bytes += m.data.length;
    }
  }
  return { units, bytes };
}

export function suites(): Suite[] {
  const datagrams = readCapture();
  const count = datagrams.length;
  const same = (name: string, a: Tally, b: Tally) => {
    if (a.units !== b.units || a.bytes !== b.bytes) {
      throw new Error(`${name}: ${b.units} access units / ${b.bytes} bytes, ours ${a.units} / ${a.bytes}`);
    }
  };
  return [
    {
      name: 'H.264 depacketize (GStreamer capture, 40 access units)',
      unit: 'packets',
      ours: { name: 'rtspkit H264Depacketizer', run: () => sink(ours(datagrams, false).bytes, count) },
      peers: [
        { name: 'media-stream-library 13.1.1 H264Depay', run: () => sink(msl(datagrams).bytes, count) },
        { name: 'werift-rtp 0.8.9 dePacketizeRtpPackets', run: () => sink(werift(datagrams).bytes, count) },
      ],
      verify: () => {
        // werift keeps every NAL unit, like us; media-stream-library keeps slices only.
        same('werift-rtp', ours(datagrams, false), werift(datagrams));
        same('media-stream-library', ours(datagrams, true), msl(datagrams));
      },
    },
  ];
}
