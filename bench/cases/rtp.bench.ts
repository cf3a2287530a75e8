import { type RtpPacket, parseRtpPacket, serializeRtpPacket, serializeRtpPacketInto } from '@rtspkit/rtp';
import { fixturePath, readRtpCapture } from '@rtspkit/test-utils';
import { packets as rtpjs } from 'rtp.js';
import { RtpPacket as WeriftRtpPacket } from 'werift-rtp';
import { type Suite, sink } from '../src/harness.js';

/** The ffmpeg capture of @rtspkit/rtp (see packages/rtp/test/fixtures/FIXTURES.md). */
const readCapture = (): Uint8Array[] => readRtpCapture(fixturePath('rtp', 'ffmpeg-h264.rtp'));

/** What a receiver needs from a packet; every implementation reports it the same way. */
type Summary = { seq: number; ts: number; ssrc: number; payloadLength: number };

/** Sums the fields a receiver reads, so the JIT cannot skip any of them. */
const fold = (acc: number, m: boolean, pt: number, seq: number, ts: number, ssrc: number, cc: number, n: number) =>
  (acc + (m ? 1 : 0) + pt + seq + ts + ssrc + cc + n) | 0;

/** The hand-written reference: a DataView per packet, fields by getUint*, payload by subarray. */
function naiveParse(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b0 = view.getUint8(0);
  const cc = b0 & 0x0f;
  const csrcs: number[] = [];
  let offset = 12;
  for (let i = 0; i < cc; i++, offset += 4) csrcs.push(view.getUint32(offset));
  if (b0 & 0x10) offset += 4 + view.getUint16(offset + 2) * 4;
  const padding = b0 & 0x20 ? view.getUint8(bytes.length - 1) : 0;
  return {
    marker: (view.getUint8(1) & 0x80) !== 0,
    payloadType: view.getUint8(1) & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrcs,
    payload: bytes.subarray(offset, bytes.length - padding),
  };
}

function naiveSerialize(p: RtpPacket): Uint8Array {
  const out = new Uint8Array(12 + p.payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, 0x80);
  view.setUint8(1, (p.marker ? 0x80 : 0) | p.payloadType);
  view.setUint16(2, p.sequenceNumber);
  view.setUint32(4, p.timestamp);
  view.setUint32(8, p.ssrc);
  out.set(p.payload, 12);
  return out;
}

export function suites(): Suite[] {
  const capture = readCapture();
  // About 1000 packets per batch: the 2 s capture (116 packets) nine times over.
  const datagrams = Array.from({ length: 9 }, () => capture).flat();
  const n = datagrams.length;
  // werift takes Buffers, as a dgram socket hands them out: wrap once, outside the timing.
  const buffers = datagrams.map((d) => Buffer.from(d.buffer, d.byteOffset, d.byteLength));

  const ours = (): Summary[] =>
    datagrams.map((d) => {
      const p = parseRtpPacket(d);
      return { seq: p.sequenceNumber, ts: p.timestamp, ssrc: p.ssrc, payloadLength: p.payload.length };
    });
  const rtpJs = (): Summary[] =>
    datagrams.map((d) => {
      const p = new rtpjs.RtpPacket(new DataView(d.buffer, d.byteOffset, d.byteLength));
      return {
        seq: p.getSequenceNumber(),
        ts: p.getTimestamp(),
        ssrc: p.getSsrc(),
        payloadLength: p.getPayload().byteLength,
      };
    });
  const werift = (): Summary[] =>
    buffers.map((b) => {
      const p = WeriftRtpPacket.deSerialize(b);
      return {
        seq: p.header.sequenceNumber,
        ts: p.header.timestamp,
        ssrc: p.header.ssrc,
        payloadLength: p.payload.length,
      };
    });
  const naive = (): Summary[] =>
    datagrams.map((d) => {
      const p = naiveParse(d);
      return { seq: p.sequenceNumber, ts: p.timestamp, ssrc: p.ssrc, payloadLength: p.payload.length };
    });

  // Packets to serialize, as each implementation holds them after parsing.
  const ourPackets = datagrams.map((d) => parseRtpPacket(d));
  const rtpJsPackets = datagrams.map((d) => new rtpjs.RtpPacket(new DataView(d.buffer, d.byteOffset, d.byteLength)));
  const weriftPackets = buffers.map((b) => WeriftRtpPacket.deSerialize(b));
  const target = new Uint8Array(2048);
  // rtp.js refuses to serialize into the buffer its packet currently lives in (after a
  // serialize(buffer), that is the target), so it alternates between two.
  const targetBuffers = [new ArrayBuffer(2048), new ArrayBuffer(2048)] as const;
  const otherTarget = (p: InstanceType<typeof rtpjs.RtpPacket>) =>
    p.getView().buffer === targetBuffers[0] ? targetBuffers[1] : targetBuffers[0];

  const sameSummaries = (a: Summary[], b: Summary[], name: string) => {
    if (a.length !== b.length) throw new Error(`${name}: ${b.length} packets, expected ${a.length}`);
    a.forEach((x, i) => {
      const y = b[i]!;
      if (x.seq !== y.seq || x.ts !== y.ts || x.ssrc !== y.ssrc || x.payloadLength !== y.payloadLength) {
        throw new Error(`${name}: packet ${i} differs: ${JSON.stringify(y)} vs ${JSON.stringify(x)}`);
      }
    });
  };
  const sameBytes = (serialize: (i: number) => Uint8Array, name: string) => {
    datagrams.forEach((d, i) => {
      const out = serialize(i);
      if (out.length !== d.length || out.some((b, k) => b !== d[k])) throw new Error(`${name}: packet ${i} differs`);
    });
  };

  return [
    {
      name: 'RTP parse (ffmpeg capture)',
      unit: 'packets',
      ours: {
        name: 'rtspkit parseRtpPacket',
        run: () => {
          let acc = 0;
          for (let i = 0; i < n; i++) {
            const p = parseRtpPacket(datagrams[i]!);
            acc = fold(
              acc,
              p.marker,
              p.payloadType,
              p.sequenceNumber,
              p.timestamp,
              p.ssrc,
              p.csrcs.length,
              p.payload.length,
            );
          }
          return sink(acc, n);
        },
      },
      peers: [
        {
          name: 'rtp.js 0.15.5 new RtpPacket(DataView)',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) {
              const d = datagrams[i]!;
              const p = new rtpjs.RtpPacket(new DataView(d.buffer, d.byteOffset, d.byteLength));
              acc = fold(
                acc,
                p.getMarker(),
                p.getPayloadType(),
                p.getSequenceNumber(),
                p.getTimestamp(),
                p.getSsrc(),
                p.getCsrcs().length,
                p.getPayload().byteLength,
              );
            }
            return sink(acc, n);
          },
        },
        {
          name: 'werift-rtp 0.8.9 RtpPacket.deSerialize(Buffer)',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) {
              const p = WeriftRtpPacket.deSerialize(buffers[i]!);
              const h = p.header;
              acc = fold(
                acc,
                h.marker,
                h.payloadType,
                h.sequenceNumber,
                h.timestamp,
                h.ssrc,
                h.csrc.length,
                p.payload.length,
              );
            }
            return sink(acc, n);
          },
        },
        {
          name: 'naive DataView',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) {
              const p = naiveParse(datagrams[i]!);
              acc = fold(
                acc,
                p.marker,
                p.payloadType,
                p.sequenceNumber,
                p.timestamp,
                p.ssrc,
                p.csrcs.length,
                p.payload.length,
              );
            }
            return sink(acc, n);
          },
        },
      ],
      verify: () => {
        const expected = ours();
        sameSummaries(expected, rtpJs(), 'rtp.js');
        sameSummaries(expected, werift(), 'werift-rtp');
        sameSummaries(expected, naive(), 'naive DataView');
      },
    },
    {
      name: 'RTP serialize (ffmpeg capture)',
      unit: 'packets',
      ours: {
        name: 'rtspkit serializeRtpPacket',
        run: () => {
          let acc = 0;
          for (let i = 0; i < n; i++) acc = (acc + serializeRtpPacket(ourPackets[i]!).length) | 0;
          return sink(acc, n);
        },
      },
      peers: [
        {
          name: 'rtp.js 0.15.5 serialize()',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) {
              const p = rtpJsPackets[i]!;
              p.serialize();
              acc = (acc + p.getView().byteLength) | 0;
            }
            return sink(acc, n);
          },
        },
        {
          name: 'werift-rtp 0.8.9 serialize()',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) acc = (acc + weriftPackets[i]!.serialize().length) | 0;
            return sink(acc, n);
          },
        },
        {
          name: 'naive DataView',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) acc = (acc + naiveSerialize(ourPackets[i]!).length) | 0;
            return sink(acc, n);
          },
        },
      ],
      verify: () => {
        sameBytes((i) => serializeRtpPacket(ourPackets[i]!), 'rtspkit');
        sameBytes((i) => {
          const p = rtpJsPackets[i]!;
          p.serialize();
          const v = p.getView();
          return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        }, 'rtp.js');
        sameBytes((i) => new Uint8Array(weriftPackets[i]!.serialize()), 'werift-rtp');
        sameBytes((i) => naiveSerialize(ourPackets[i]!), 'naive DataView');
      },
    },
    {
      name: 'RTP serialize into a reused buffer (ffmpeg capture)',
      unit: 'packets',
      ours: {
        name: 'rtspkit serializeRtpPacketInto',
        run: () => {
          let acc = 0;
          for (let i = 0; i < n; i++) acc = (acc + serializeRtpPacketInto(ourPackets[i]!, target, 0)) | 0;
          return sink(acc, n);
        },
      },
      peers: [
        {
          name: 'rtp.js 0.15.5 serialize(buffer)',
          run: () => {
            let acc = 0;
            for (let i = 0; i < n; i++) {
              const p = rtpJsPackets[i]!;
              p.serialize(otherTarget(p), 0);
              acc = (acc + p.getByteLength()) | 0;
            }
            return sink(acc, n);
          },
        },
      ],
      verify: () => {
        datagrams.forEach((d, i) => {
          const written = serializeRtpPacketInto(ourPackets[i]!, target, 0);
          const p = rtpJsPackets[i]!;
          p.serialize(otherTarget(p), 0);
          const v = p.getView();
          const theirs = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
          const mine = target.subarray(0, written);
          if (mine.some((b, k) => b !== d[k]) || theirs.some((b, k) => b !== d[k])) {
            throw new Error(`serialize into: packet ${i} differs`);
          }
        });
      },
    },
  ];
}
