export { RtspError, RtspErrorCode, type RtspErrorCodeValue } from './errors.js';
export { type RtspLimits, defaultRtspLimits } from './limits.js';
export {
  type RtspHeaders,
  type RtspRequest,
  type RtspResponse,
  type RtspMessage,
  type InterleavedFrame,
  RTSP_VERSIONS,
  getHeader,
  getHeaderValues,
} from './message.js';
export { parseMessageHead, parseRequest, parseResponse } from './parse.js';
export { type HttpRequestHead, type HttpResponseHead, type HttpHeadOptions, parseHttpHead } from './http-head.js';
export { serializeRequest, serializeResponse } from './serialize.js';
export { MessageReader, type MessageReaderOptions, type GarbageRun, type RtspStreamItem } from './reader.js';
export {
  type Transport,
  type PortRange,
  parseTransports,
  parseTransport,
  serializeTransport,
  serializeTransports,
} from './headers/transport.js';
export { type Session, parseSession, serializeSession } from './headers/session.js';
export { type Range, type NptTime, parseRange, serializeRange } from './headers/range.js';
export { type RtpInfoEntry, parseRtpInfo, serializeRtpInfo } from './headers/rtp-info.js';
export { parseCSeq, serializeCSeq } from './headers/cseq.js';
export { parseTokenList, serializeTokenList } from './headers/token-list.js';
export {
  type AuthHeader,
  parseWwwAuthenticate,
  parseAuthorization,
  serializeWwwAuthenticate,
  serializeAuthorization,
} from './headers/auth.js';
export {
  type RtspUrl,
  type RtspScheme,
  RTSP_SCHEMES,
  parseRtspUrl,
  serializeRtspUrl,
  resolveBaseUrl,
  resolveControlUrl,
} from './url.js';
export {
  type DigestAlgorithm,
  type DigestInput,
  DIGEST_ALGORITHMS,
  digestAlgorithm,
  digestResponse,
  constantTimeEqual,
} from './auth/digest.js';
export { basicCredentials, parseBasicCredentials } from './auth/basic.js';
export { AuthClient, type AuthClientOptions, selectChallenge } from './auth/client.js';
export { AuthServer, type AuthServerOptions, type AuthResult } from './auth/server.js';
