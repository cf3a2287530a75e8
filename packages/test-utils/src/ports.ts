import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asks the kernel for port 0, then releases it). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free even UDP port on 127.0.0.1 whose odd neighbour is also free (an RTP/RTCP pair,
 * RFC 3550 §11).
 */
export async function freeUdpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const rtp = await bindUdp(0);
    const port = rtp.port;
    if (port % 2 === 0 && port < 65535) {
      const rtcp = await bindUdp(port + 1).catch(() => null);
      await rtp.close();
      if (rtcp) {
        await rtcp.close();
        return port;
      }
    } else {
      await rtp.close();
    }
  }
  throw new Error('no free even/odd UDP port pair on 127.0.0.1 after 50 attempts');
}

function bindUdp(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      resolve({ port: socket.address().port, close: () => new Promise((r) => socket.close(() => r())) });
    });
  });
}
