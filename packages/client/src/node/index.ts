export { RtspClient, type RtspClientOptions, type RtspClientEvent, type ReconnectOptions } from './client.js';
export { type Pipe, type PipeHandlers, type PipeOptions, type TlsOptions, openTcpPipe } from './pipe.js';
export { bindUdpPair, type UdpPair } from './udp.js';
export { connectionError } from './connection-error.js';
