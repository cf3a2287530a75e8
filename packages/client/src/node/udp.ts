import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/** An RTP/RTCP socket pair on consecutive ports, the RTP port even (RFC 3550 §11). */
export type UdpPair = {
  readonly rtpPort: number;
  readonly rtcpPort: number;
  readonly rtp: Socket;
  readonly rtcp: Socket;
  close(): void;
};

const ATTEMPTS = 50;

function bind(family: 'udp4' | 'udp6', port: number, address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: family });
    socket.once('error', (e) => {
      socket.close();
      reject(e);
    });
    socket.bind(port, address, () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/**
 * Binds an even/odd UDP port pair for media from `server` (an IP address), on the local
 * wildcard address of its family. Tries up to 50 kernel-chosen ports.
 */
export async function bindUdpPair(server: string): Promise<UdpPair> {
  const family = isIPv6(server) ? 'udp6' : 'udp4';
  const address = family === 'udp6' ? '::' : '0.0.0.0';
  for (let i = 0; i < ATTEMPTS; i++) {
    const rtp = await bind(family, 0, address);
    const port = rtp.address().port;
    if (port % 2 !== 0 || port === 65535) {
      rtp.close();
      continue;
    }
    const rtcp = await bind(family, port + 1, address).catch(() => undefined);
    if (rtcp === undefined) {
      rtp.close();
      continue;
    }
    return {
      rtpPort: port,
      rtcpPort: port + 1,
      rtp,
      rtcp,
      close() {
        for (const s of [rtp, rtcp]) {
          try {
            s.close();
          } catch {
            // already closed
          }
        }
      },
    };
  }
  throw new Error(`no free even/odd UDP port pair after ${ATTEMPTS} attempts`);
}
