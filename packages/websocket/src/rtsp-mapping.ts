import { WebSocketErrorCode, WebSocketError } from './errors.js';
import { Opcode, serializeFrame } from './frame.js';
import type { WebSocketMessage } from './message-reader.js';

/**
 * The WebSocket subprotocol of RTSP over WebSocket; the server echoes it in its 101 reply.
 *
 * @see ONVIF Streaming Specification §5.1.1.5 (RTSP over WebSocket)
 */
export const RTSP_ONVIF_SUBPROTOCOL = 'rtsp.onvif.org';

/**
 * Wraps one unit of the RTSP-over-TCP byte stream — one whole RTSP message (head and body)
 * or one `$`-interleaved frame (RFC 2326 §10.12), already framed by the caller — into one
 * binary WebSocket message (a single frame). Pass a 4-byte `mask` on the client side
 * (RFC 6455 §5.3); a server sends unmasked frames.
 *
 * The unit boundaries are the caller's: this function does not parse RTSP. Receivers
 * must accept any split or coalescing anyway (see {@link unwrapRtspChunks}).
 *
 * @example
 * socket.write(wrapRtspUnit(serializeResponse(response)));
 * @see ONVIF Streaming Specification §5.1.1.5
 */
export function wrapRtspUnit(unit: Uint8Array, mask?: Uint8Array): Uint8Array {
  return serializeFrame({ fin: true, opcode: Opcode.Binary, mask, payload: unit });
}

/**
 * The inbound side: the RTSP-over-TCP byte stream as chunks, one per binary message, in
 * order, to push into an RTSP `MessageReader` (which accepts any split or coalescing).
 * Each chunk is the message's own array (no copy). Control messages are skipped (the
 * connection handles ping, pong and close); a text message throws `ERR_WS_UNEXPECTED_TEXT`
 * (close 1003, "unsupported data").
 *
 * @see ONVIF Streaming Specification §5.1.1.5
 */
export function unwrapRtspChunks(messages: readonly WebSocketMessage[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of messages) {
    if (m.type === 'binary') out.push(m.data);
    else if (m.type === 'text')
      throw new WebSocketError(WebSocketErrorCode.UnexpectedText, 'text message in an rtsp.onvif.org stream');
  }
  return out;
}
