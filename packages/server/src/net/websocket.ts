import type { HttpRequestHead } from '@rtspkit/rtsp';
import {
  answerUpgrade,
  CloseCode,
  RTSP_ONVIF_SUBPROTOCOL,
  serializeUpgradeRefusal,
  unwrapRtspChunks,
  WebSocketError,
  WebSocketMessageReader,
  WebSocketWriter,
} from '@rtspkit/websocket';
import type { RtspConnection } from '../rtsp/connection.js';
import { bytesOf, type Endpoint, feed } from './endpoint.js';

/** Limits of RTSP over WebSocket. */
export type WebSocketLimits = {
  /** Largest WebSocket message accepted from a client (RTSP requests are small). */
  readonly maxMessageBytes: number;
};

/**
 * Upgrades an HTTP connection to RTSP over WebSocket (ONVIF subprotocol `rtsp.onvif.org`):
 * binary messages carry the RTSP-over-TCP byte stream both ways. A handshake that does not
 * offer the subprotocol is refused with 400 and says why. Pings are answered; a protocol
 * error closes with its close code; the RTSP sessions end with the socket.
 *
 * @see RFC 6455 §4.2, ONVIF Streaming Specification §5.1.1.5
 */
export function upgradeToRtsp(
  endpoint: Endpoint,
  head: HttpRequestHead,
  rest: Uint8Array,
  limits: WebSocketLimits,
  engine: () => RtspConnection,
): void {
  const socket = endpoint.socket;
  const decision = answerUpgrade(head, { protocols: [RTSP_ONVIF_SUBPROTOCOL] });
  if (!decision.accepted) {
    socket.end(decision.reply);
    return;
  }
  if (decision.protocol !== RTSP_ONVIF_SUBPROTOCOL) {
    const offered = decision.request.protocols.join(', ') || 'none';
    socket.end(
      serializeUpgradeRefusal(
        400,
        `this endpoint speaks subprotocol ${RTSP_ONVIF_SUBPROTOCOL} only (offered: ${offered})`,
      ),
    );
    return;
  }
  socket.write(decision.reply);
  const link = { rtsp: engine(), lastInput: Date.now() };
  endpoint.link = link;
  endpoint.partialSince = undefined;
  const reader = new WebSocketMessageReader({
    role: 'server',
    maxFrameSize: limits.maxMessageBytes,
    maxMessageSize: limits.maxMessageBytes,
  });
  const writer = new WebSocketWriter({ role: 'server' });
  let closing = false;
  const close = (code: number, reason: string) => {
    if (closing) return;
    closing = true;
    link.rtsp.close(reason);
    socket.end(writer.close(code, reason.slice(0, 120)));
    // A peer that never answers the close frame is not waited for.
    setTimeout(() => socket.destroy(), 2000).unref();
  };
  const onBytes = (bytes: Uint8Array) => {
    if (closing) return;
    const now = Date.now();
    try {
      const messages = reader.push(bytes);
      for (const m of messages) {
        if (m.type === 'ping') socket.write(writer.pong(m.data));
        else if (m.type === 'close') {
          close(CloseCode.Normal, 'closed by the client');
          return;
        }
      }
      for (const chunk of unwrapRtspChunks(messages)) feed(endpoint, link, chunk, now);
      endpoint.lastInput = now;
    } catch (e) {
      if (!(e instanceof WebSocketError)) throw e;
      close(e.closeCode ?? CloseCode.ProtocolError, e.message);
    }
  };
  socket.on('data', (chunk: Buffer) => onBytes(bytesOf(chunk)));
  if (rest.length > 0) onBytes(rest);
  socket.resume();
}
