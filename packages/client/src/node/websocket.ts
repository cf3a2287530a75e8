import {
  createWebSocketKey,
  RTSP_ONVIF_SUBPROTOCOL,
  serializeUpgradeRequest,
  validateUpgradeResponse,
  WebSocketMessageReader,
  WebSocketWriter,
} from '@rtspkit/websocket';
import type { RtspUrl } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode } from '../errors.js';
import { readHttpHead } from './http-head.js';
import { openSocket, type Pipe, type PipeHandlers, type PipeOptions, readSocket } from './pipe.js';
import { hostHeader, requestTarget } from './tunnel.js';

/**
 * RTSP over WebSocket (`rtsp+ws://`, `ws://`, `rtsps+ws://`, `wss://`): the subprotocol
 * `rtsp.onvif.org`, binary messages carrying the RTSP-over-TCP byte stream, one RTSP
 * message or interleaved frame per message on the way out, any split on the way in.
 *
 * @see ONVIF Streaming Specification §5.1.1.5, RFC 6455
 */
export async function openWebSocketPipe(url: RtspUrl, options: PipeOptions, handlers: PipeHandlers): Promise<Pipe> {
  const key = createWebSocketKey();
  const protocols = [RTSP_ONVIF_SUBPROTOCOL];
  const socket = await openSocket(url, url.secure, options);
  try {
    socket.write(serializeUpgradeRequest({ host: hostHeader(url), uri: requestTarget(url), key, protocols }));
    const { response, rest } = await readHttpHead(socket, options.connectTimeoutMs ?? 10_000);
    try {
      const { protocol } = validateUpgradeResponse(response, { key, protocols });
      if (protocol !== RTSP_ONVIF_SUBPROTOCOL)
        throw new Error(`subprotocol ${protocol ?? '(none)'} chosen, not ${RTSP_ONVIF_SUBPROTOCOL}`);
    } catch (e) {
      throw new ClientError(ClientErrorCode.Connection, `WebSocket upgrade refused: ${(e as Error).message}`, {
        status: response.status,
        hint: 'the server may not speak RTSP over WebSocket (rtsp.onvif.org) at this URL',
        cause: e,
      });
    }
    const reader = new WebSocketMessageReader({ role: 'client' });
    const writer = new WebSocketWriter({ role: 'client' });
    const onBytes = (bytes: Uint8Array) => {
      let messages: ReturnType<WebSocketMessageReader['push']>;
      try {
        messages = reader.push(bytes);
      } catch (e) {
        socket.destroy(e as Error);
        return;
      }
      for (const m of messages) {
        if (m.type === 'binary') handlers.onData(m.data);
        else if (m.type === 'ping') socket.write(writer.pong(m.data));
        else if (m.type === 'close') {
          socket.end(writer.close(m.code ?? 1000));
        }
      }
    };
    readSocket(socket, onBytes, handlers.onClose, rest);
    return {
      remoteAddress: socket.remoteAddress,
      write(bytes) {
        if (!socket.destroyed) socket.write(writer.binary(bytes));
      },
      close() {
        if (!socket.destroyed) socket.end(writer.close(1000));
        setTimeout(() => socket.destroy(), 1000).unref();
      },
    };
  } catch (e) {
    socket.destroy();
    throw e;
  }
}
