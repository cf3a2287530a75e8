import { type RtpPacket, rtpPacketSize, serializeRtpPacketInto } from '@rtspkit/rtp';
import { frameHeaderLength } from '@rtspkit/websocket';

/** `$`, channel, 16-bit length (RFC 2326 §10.12). */
const INTERLEAVED_HEADER = 4;
// RFC 6455 §5.2: FIN + binary opcode.
const WS_FIN_BINARY = 0x82;

/**
 * One access unit's RTP packets, serialized once per mount and shared by every reader:
 * as datagrams (UDP), as one buffer of `$`-interleaved frames per channel number (TCP, TLS,
 * HTTP tunnel), and as one buffer of WebSocket binary messages each holding one interleaved
 * frame per channel number (RTSP over WebSocket). A reader writes one buffer per access
 * unit; a buffer for a channel is built the first time a reader asks for it.
 *
 * The buffers are never written again once built: readers hand them to sockets as they are.
 */
export class EncodedFrame {
  readonly track: number;
  readonly key: boolean;
  /** RTP timestamp of the access unit (32-bit). */
  readonly timestamp: number;
  /** Number of RTP packets. */
  readonly packetCount: number;
  /** Bytes of RTP packets (headers included, interleaved framing excluded). */
  readonly rtpBytes: number;
  /** Interleaved frames on channel `#baseChannel`; packet `i` starts at `#offsets[i]`. */
  readonly #base: Uint8Array;
  readonly #baseChannel: number;
  readonly #offsets: number[];
  readonly #interleaved = new Map<number, Uint8Array>();
  readonly #websocket = new Map<number, Uint8Array>();

  constructor(track: number, key: boolean, packets: readonly RtpPacket[], baseChannel: number) {
    this.track = track;
    this.key = key;
    this.timestamp = packets[0]?.timestamp ?? 0;
    this.packetCount = packets.length;
    this.#baseChannel = baseChannel;
    let total = 0;
    for (const p of packets) total += INTERLEAVED_HEADER + rtpPacketSize(p);
    const base = new Uint8Array(total);
    const offsets: number[] = [];
    let o = 0;
    for (const p of packets) {
      const n = serializeRtpPacketInto(p, base, o + INTERLEAVED_HEADER);
      base[o] = 0x24;
      base[o + 1] = baseChannel;
      base[o + 2] = n >>> 8;
      base[o + 3] = n & 0xff;
      offsets.push(o);
      o += INTERLEAVED_HEADER + n;
    }
    this.#base = base;
    this.#offsets = offsets;
    this.rtpBytes = total - INTERLEAVED_HEADER * packets.length;
    this.#interleaved.set(baseChannel, base);
  }

  /** Calls `send(buffer, offset, length)` for each RTP packet (a view of a shared buffer). */
  forEachPacket(send: (buffer: Uint8Array, offset: number, length: number) => void): void {
    const base = this.#base;
    for (const o of this.#offsets) {
      send(base, o + INTERLEAVED_HEADER, ((base[o + 2] as number) << 8) | (base[o + 3] as number));
    }
  }

  /** Every packet as `$`-interleaved frames on `channel`, in one buffer. */
  interleaved(channel: number): Uint8Array {
    let out = this.#interleaved.get(channel);
    if (out === undefined) {
      out = this.#base.slice();
      for (const o of this.#offsets) out[o + 1] = channel;
      this.#interleaved.set(channel, out);
    }
    return out;
  }

  /** Every packet as one WebSocket binary message holding one interleaved frame on `channel`. */
  websocket(channel: number): Uint8Array {
    let out = this.#websocket.get(channel);
    if (out !== undefined) return out;
    const base = this.#base;
    const sizes = this.#offsets.map(
      (o) => INTERLEAVED_HEADER + (((base[o + 2] as number) << 8) | (base[o + 3] as number)),
    );
    out = new Uint8Array(sizes.reduce((n, s) => n + frameHeaderLength(s, false) + s, 0));
    let w = 0;
    this.#offsets.forEach((o, i) => {
      const size = sizes[i] as number;
      out![w] = WS_FIN_BINARY;
      if (size < 126) {
        out![w + 1] = size;
        w += 2;
      } else {
        out![w + 1] = 126;
        out![w + 2] = size >>> 8;
        out![w + 3] = size & 0xff;
        w += 4;
      }
      out!.set(base.subarray(o, o + size), w);
      out![w + 1] = channel;
      w += size;
    });
    this.#websocket.set(channel, out);
    return out;
  }

  /** The channel the shared buffer was built for. */
  get baseChannel(): number {
    return this.#baseChannel;
  }
}
