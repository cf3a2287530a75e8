import { createSocket, type Socket } from 'node:dgram';
import type { UdpAllocator, UdpPairHandle } from '../rtsp/session.js';
import type { UdpTrackOutput } from '../reader.js';

/** Options of {@link UdpPortPool}. */
export type UdpPortPoolOptions = {
  /** Address the UDP sockets bind to. */
  readonly host: string;
  /** First and last port of the range; pairs start at even ports (RFC 3550 §11). */
  readonly range: readonly [number, number];
};

const bind = (socket: Socket, port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });

const closeQuietly = (socket: Socket) => {
  try {
    socket.close();
  } catch {
    // already closed
  }
};

/** IPv4-mapped IPv6 addresses as plain IPv4 (what a dual-stack listener reports). */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * RTP/RTCP port pairs for UDP sessions, bound on demand from a range and released when the
 * session ends. Ports in use by anything else are skipped.
 */
export class UdpPortPool implements UdpAllocator {
  readonly #host: string;
  readonly #first: number;
  readonly #last: number;
  #cursor: number;
  readonly #inUse = new Set<number>();

  constructor(options: UdpPortPoolOptions) {
    const [first, last] = options.range;
    this.#host = options.host;
    this.#first = first + (first % 2);
    this.#last = last;
    this.#cursor = this.#first;
  }

  /** Port pairs currently held. */
  get size(): number {
    return this.#inUse.size;
  }

  async allocate(): Promise<UdpPairHandle> {
    const pairs = Math.floor((this.#last - this.#first + 1) / 2);
    for (let attempt = 0; attempt < pairs; attempt++) {
      const port = this.#cursor;
      this.#cursor = port + 2 > this.#last - 1 ? this.#first : port + 2;
      if (this.#inUse.has(port)) continue;
      this.#inUse.add(port);
      const family = this.#host.includes(':') ? 'udp6' : 'udp4';
      const rtp = createSocket(family);
      const rtcp = createSocket(family);
      try {
        await bind(rtp, port, this.#host);
        await bind(rtcp, port + 1, this.#host);
      } catch {
        closeQuietly(rtp);
        closeQuietly(rtcp);
        this.#inUse.delete(port);
        continue;
      }
      return this.#pair(port, rtp, rtcp);
    }
    throw new Error(`no free udp port pair in ${this.#first}-${this.#last}`);
  }

  #pair(port: number, rtp: Socket, rtcp: Socket): UdpPairHandle {
    let peer: string | undefined;
    let closed = false;
    // Sends to a closed client port raise ICMP errors asynchronously: not the server's problem.
    rtp.on('error', () => {});
    rtcp.on('error', () => {});
    return {
      rtpPort: port,
      rtcpPort: port + 1,
      connect(address: string, rtpPort: number, rtcpPort: number): UdpTrackOutput {
        peer = plainAddress(address);
        const to = peer;
        // A connected RTP socket sends without an address: no lookup (a nextTick and a
        // closure in Node's dgram) per packet per reader. Until then, and for RTCP (whose
        // socket also receives reports, from wherever the client sends them), the address form.
        let connected = false;
        rtp.connect(rtpPort, to, () => {
          connected = !closed;
        });
        return {
          send(buffer, offset, length, isRtcp) {
            if (closed) return;
            if (isRtcp) rtcp.send(buffer, offset, length, rtcpPort, to);
            else if (connected) rtp.send(buffer, offset, length);
            else rtp.send(buffer, offset, length, rtpPort, to);
          },
          get queuedBytes() {
            return closed ? 0 : rtp.getSendQueueSize();
          },
        };
      },
      onRtcp(listener) {
        rtcp.on('message', (message, from) => {
          if (plainAddress(from.address) === peer)
            listener(new Uint8Array(message.buffer, message.byteOffset, message.length));
        });
      },
      close: () => {
        if (closed) return;
        closed = true;
        closeQuietly(rtp);
        closeQuietly(rtcp);
        this.#inUse.delete(port);
      },
    };
  }
}
