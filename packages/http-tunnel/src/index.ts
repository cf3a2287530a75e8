export { HttpTunnelError, HttpTunnelErrorCode, type HttpTunnelErrorCodeValue } from './errors.js';
export { Base64StreamDecoder, type Base64StreamDecoderOptions } from './base64-decoder.js';
export {
  TUNNEL_CONTENT_TYPE,
  type TunnelRequest,
  type TunnelParseOptions,
  parseTunnelRequest,
  classifyTunnelRequest,
} from './classify.js';
export {
  serializeTunnelGetReply,
  serializeHttpError,
  serializePreflightReply,
  createSessionCookie,
  type TunnelClientRequest,
  serializeTunnelGetRequest,
  serializeTunnelPostRequest,
  encodeTunnelMessage,
} from './replies.js';
export { type TunnelPeer, type TunnelSession, type TunnelRegistryOptions, TunnelRegistry } from './registry.js';
