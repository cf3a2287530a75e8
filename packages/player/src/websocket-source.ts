import { ClientSession, type ClientSessionOptions } from '@rtspkit/client';
import type { Format } from '@rtspkit/format';
import type { PlayerSource, PlayerSourceHandlers } from './player.js';

/** Options of {@link websocketSource}: credentials and the session's own options. */
export type WebSocketSourceOptions = Omit<ClientSessionOptions, 'url' | 'transport'> & {
  /** The WebSocket class; default `globalThis.WebSocket`. */
  readonly WebSocket?: typeof WebSocket;
};

/** The ONVIF subprotocol: binary messages carry the RTSP-over-TCP byte stream. */
const SUBPROTOCOL = 'rtsp.onvif.org';

/**
 * `ws://host/path` (also `rtsp+ws://`, `rtsps+ws://`, `wss://`) → the WebSocket URL the
 * browser opens; the RTSP session keeps the URL as given for its requests.
 */
export function webSocketUrlOf(url: string): string {
  return url.replace(/^rtsps\+ws:/i, 'wss:').replace(/^rtsp\+ws:/i, 'ws:');
}

/**
 * A {@link PlayerSource} that speaks RTSP over a browser WebSocket (subprotocol
 * `rtsp.onvif.org`) through the client's sans-IO `ClientSession`: bytes in from the socket,
 * requests and receiver reports out, timers at the session's `nextWakeup()`. Media is
 * interleaved in the socket (the only way through a WebSocket).
 *
 * @example
 * const player = createPlayer(video, { url: 'ws://127.0.0.1:8554/sample', source: websocketSource() });
 */
export function websocketSource(options: WebSocketSourceOptions = {}): (url: string) => PlayerSource {
  return (url) => {
    const { WebSocket: Socket = globalThis.WebSocket, ...sessionOptions } = options;
    const session = new ClientSession({ ...sessionOptions, url, transport: 'tcp' });
    const wsUrl = webSocketUrlOf(url);
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let handlers: PlayerSourceHandlers | undefined;
    let done = false;

    const flush = () => {
      for (const bytes of session.takeTransmit()) {
        if (socket?.readyState === 1) socket.send(bytes as Uint8Array<ArrayBuffer>);
      }
      for (const event of session.takeEvents()) {
        if (!handlers || done) break;
        switch (event.type) {
          case 'tracks':
            handlers.tracks(
              event.tracks.map(
                (t): Format =>
                  t.selected
                    ? t.format
                    : {
                        codec: 'generic',
                        payloadType: t.format.payloadType,
                        mediaType: t.media,
                        encodingName: 'not set up',
                        clockRate: t.format.clockRate,
                        parameters: [],
                      },
              ),
            );
            break;
          case 'access-unit':
            handlers.unit(event.unit);
            break;
          case 'error':
            fail(event.error);
            return;
          case 'closed':
            if (!done) fail(new Error('the server closed the session'));
            return;
          default:
            break;
        }
      }
      schedule();
    };

    const schedule = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const at = session.nextWakeup();
      if (at === undefined || done) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          session.poll(Date.now());
          flush();
        },
        Math.max(0, at - Date.now()),
      );
    };

    const fail = (error: Error) => {
      if (done) return;
      const h = handlers;
      close();
      h?.error(error);
    };

    const close = () => {
      if (done) return;
      if (socket?.readyState === 1) {
        session.close(Date.now()); // TEARDOWN, sent before the socket closes
        for (const bytes of session.takeTransmit()) socket.send(bytes as Uint8Array<ArrayBuffer>);
      }
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      socket?.close();
    };

    return {
      transport: wsUrl.startsWith('wss:') ? 'websocket+tls' : 'websocket',
      open(h) {
        handlers = h;
        try {
          socket = new Socket(wsUrl, SUBPROTOCOL);
        } catch (e) {
          queueMicrotask(() => fail(e instanceof Error ? e : new Error(String(e))));
          return;
        }
        socket.binaryType = 'arraybuffer';
        socket.onopen = () => {
          session.connect(Date.now());
          flush();
        };
        socket.onmessage = (m) => {
          if (done || !(m.data instanceof ArrayBuffer)) return;
          session.receive(new Uint8Array(m.data), Date.now());
          flush();
        };
        socket.onerror = () => fail(new Error(`WebSocket ${wsUrl} failed`));
        socket.onclose = (c) => {
          if (done) return;
          session.connectionLost(Date.now());
          flush();
          fail(new Error(`WebSocket ${wsUrl} closed (${c.code}${c.reason ? ` ${c.reason}` : ''})`));
        };
      },
      close,
    };
  };
}
