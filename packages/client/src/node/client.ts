import type { RtspUrl } from '@rtspkit/rtsp';
import type { PipeHandlers } from '../pipe.js';
import { ClientRunner, type ClientRunnerOptions, type Connector, type UdpBinding } from '../runner.js';
import { connectionError } from './connection-error.js';
import { openTcpPipe, type PipeOptions } from './pipe.js';
import { openTunnelPipe } from './tunnel.js';
import { bindUdpPair, type UdpPair } from './udp.js';
import { openWebSocketPipe } from './websocket.js';

/** Options of {@link RtspClient}: the session's, the runner's, and TLS and connect settings. */
export type RtspClientOptions = ClientRunnerOptions & PipeOptions;

/** The Node connector: TCP, TLS, HTTP tunnel and WebSocket pipes, UDP sockets. */
export function nodeConnector(options: PipeOptions = {}): Connector {
  return {
    openPipe(url: RtspUrl, handlers: PipeHandlers) {
      if (url.transport === 'http') return openTunnelPipe(url, options, handlers);
      if (url.transport === 'ws') return openWebSocketPipe(url, options, handlers);
      return openTcpPipe(url, options, handlers);
    },
    async bindUdp(count, server, onDatagram): Promise<UdpBinding> {
      const pairs: UdpPair[] = [];
      try {
        for (let i = 0; i < count; i++) pairs.push(await bindUdpPair(server));
      } catch (e) {
        for (const p of pairs) p.close();
        throw e;
      }
      pairs.forEach((pair, position) => {
        const accept = (kind: 'rtp' | 'rtcp') => (msg: Buffer, info: { address: string }) => {
          // Media comes only from the server we asked (RFC 2326 §12.39 `source`).
          if (!sameHost(info.address, server)) return;
          onDatagram(position, kind, new Uint8Array(msg.buffer, msg.byteOffset, msg.length));
        };
        pair.rtp.on('message', accept('rtp'));
        pair.rtcp.on('message', accept('rtcp'));
      });
      return {
        ports: pairs.map((p) => [p.rtpPort, p.rtcpPort] as const),
        send(position, kind, data, port) {
          const pair = pairs[position];
          if (pair !== undefined) (kind === 'rtp' ? pair.rtp : pair.rtcp).send(data, port, server);
        },
        close() {
          for (const p of pairs) p.close();
        },
      };
    },
    describeError: connectionError,
  };
}

function sameHost(a: string, b: string): boolean {
  const plain = (x: string) => (x.startsWith('::ffff:') ? x.slice(7) : x);
  return plain(a) === plain(b);
}

/**
 * An RTSP client on Node sockets: `rtsp://` (TCP), `rtsps://` (TLS), `rtsp+http://` and
 * `rtsps+http://` (HTTP tunnel), `rtsp+ws://`, `ws://`, `rtsps+ws://`, `wss://` (WebSocket),
 * UDP or interleaved media with fallback to TCP, reconnect with backoff, teardown on
 * {@link RtspClient.close} and on abort.
 *
 * @example
 * const client = new RtspClient({ url: 'rtsp://user:pass@cam/live' });
 * for await (const event of client.events()) {
 *   if (event.type === 'access-unit') console.log(event.unit.track, event.unit.pts);
 *   if (event.type === 'error') console.error(event.error.message, event.error.hint);
 * }
 */
export class RtspClient extends ClientRunner {
  constructor(options: RtspClientOptions) {
    super(options, nodeConnector(options));
  }
}
