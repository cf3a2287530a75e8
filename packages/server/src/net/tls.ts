import type { Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';

/**
 * Terminates TLS on a connection whose first bytes (`head`, already read) are a ClientHello:
 * the bytes go back into the socket, a server-side TLS socket takes it over, and the
 * plaintext can be sniffed again. Handshake failures surface as the socket's close.
 *
 * @see RFC 8446 §4.1.2
 */
export function unwrapTls(socket: Socket, head: Uint8Array, secureContext: SecureContext): TLSSocket {
  socket.unshift(Buffer.from(head.buffer, head.byteOffset, head.length));
  const tls = new TLSSocket(socket, { isServer: true, secureContext });
  tls.on('error', () => {
    // A failed handshake or a reset: 'close' follows and cleans up.
  });
  return tls;
}
