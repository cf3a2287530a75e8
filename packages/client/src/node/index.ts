export { RtspClient, type RtspClientOptions, nodeConnector } from './client.js';
export type { RtspClientEvent, ReconnectOptions } from '../runner.js';
export { type Pipe, type PipeHandlers, type PipeOptions, type TlsOptions, openTcpPipe } from './pipe.js';
export { openTunnelPipe } from './tunnel.js';
export { openWebSocketPipe } from './websocket.js';
export { bindUdpPair, type UdpPair } from './udp.js';
export { connectionError } from './connection-error.js';
