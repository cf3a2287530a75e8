import { ClientRunner, type ClientRunnerOptions } from '../runner.js';
import { type BrowserWebSocketOptions, openBrowserWebSocketPipe } from './websocket.js';

export {
  openBrowserWebSocketPipe,
  webSocketUrl,
  type BrowserWebSocketOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './websocket.js';
export type { RtspClientEvent, ReconnectOptions } from '../runner.js';

/** Options of the browser {@link RtspClient}. */
export type RtspClientOptions = ClientRunnerOptions & BrowserWebSocketOptions;

/**
 * An RTSP client for browser pages: RTSP over a WebSocket (`ws://`, `wss://`,
 * `rtsp+ws://`, `rtsps+ws://`, subprotocol `rtsp.onvif.org`), media interleaved in it.
 *
 * @example
 * const client = new RtspClient({ url: 'wss://gateway.example/cam1' });
 * for await (const event of client.events()) if (event.type === 'access-unit') feed(event.unit);
 */
export class RtspClient extends ClientRunner {
  constructor(options: RtspClientOptions) {
    super(options, { openPipe: (url, handlers) => openBrowserWebSocketPipe(url, options, handlers) });
  }
}
