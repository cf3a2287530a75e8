import { RTSP_ONVIF_SUBPROTOCOL } from '@rtspkit/websocket';
import type { RtspUrl } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode } from '../errors.js';
import type { Pipe, PipeHandlers } from '../pipe.js';

/** The parts of the WHATWG `WebSocket` the pipe uses (the browser's, or a compatible one). */
export type WebSocketLike = {
  binaryType: string;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
};

/** A `WebSocket` constructor: `globalThis.WebSocket` in browsers. */
export type WebSocketConstructor = new (url: string, protocols: string[]) => WebSocketLike;

/** Options of {@link openBrowserWebSocketPipe}. */
export type BrowserWebSocketOptions = {
  /** Default `globalThis.WebSocket`. */
  readonly WebSocket?: WebSocketConstructor;
  /** Give up opening after this long, ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
};

/** The `ws://`/`wss://` URL a WebSocket opens for an RTSP URL of any WebSocket scheme. */
export function webSocketUrl(url: RtspUrl): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `${url.secure ? 'wss' : 'ws'}://${host}:${url.port}${url.path === '' ? '/' : url.path}${url.query === undefined ? '' : `?${url.query}`}`;
}

/**
 * RTSP over a WebSocket (`rtsp.onvif.org`) with the WHATWG WebSocket API: what a browser
 * page uses (it cannot open TCP sockets). Credentials go inside RTSP, not in the handshake
 * (browsers cannot set `Authorization` on it).
 *
 * @see ONVIF Streaming Specification §5.1.1.5
 */
export function openBrowserWebSocketPipe(
  url: RtspUrl,
  options: BrowserWebSocketOptions,
  handlers: PipeHandlers,
): Promise<Pipe> {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (Ctor === undefined) {
    return Promise.reject(
      new ClientError(ClientErrorCode.Connection, 'no WebSocket in this environment', {
        hint: 'pass options.WebSocket',
      }),
    );
  }
  const target = webSocketUrl(url);
  return new Promise((resolve, reject) => {
    const ws = new Ctor(target, [RTSP_ONVIF_SUBPROTOCOL]);
    ws.binaryType = 'arraybuffer';
    let open = false;
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      ws.close();
      reject(
        new ClientError(ClientErrorCode.Connection, `no WebSocket answer from ${target} within ${timeoutMs} ms`, {
          url: target,
        }),
      );
    }, timeoutMs);
    ws.onopen = () => {
      clearTimeout(timer);
      if (ws.protocol !== RTSP_ONVIF_SUBPROTOCOL) {
        ws.close(1002);
        reject(
          new ClientError(
            ClientErrorCode.Connection,
            `the WebSocket server chose subprotocol ${JSON.stringify(ws.protocol)}`,
            {
              url: target,
              hint: 'the server may not speak RTSP over WebSocket (rtsp.onvif.org) at this URL',
            },
          ),
        );
        return;
      }
      open = true;
      resolve({
        remoteAddress: undefined,
        write: (bytes) => ws.send(bytes),
        close: () => ws.close(1000),
      });
    };
    ws.onmessage = (event) => {
      const data = event.data;
      if (data instanceof ArrayBuffer) handlers.onData(new Uint8Array(data));
      else if (ArrayBuffer.isView(data)) handlers.onData(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    };
    ws.onerror = () => {
      // onclose follows with the code; nothing to add here.
    };
    ws.onclose = (event) => {
      clearTimeout(timer);
      if (!open) {
        reject(
          new ClientError(
            ClientErrorCode.Connection,
            `WebSocket to ${target} closed before opening (code ${event.code})`,
            {
              url: target,
              hint: 'check the URL and that the server accepts WebSocket connections',
            },
          ),
        );
        return;
      }
      handlers.onClose(
        event.code === 1000 ? undefined : new Error(`WebSocket closed with code ${event.code} ${event.reason}`),
      );
    };
  });
}
