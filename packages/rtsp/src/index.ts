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
export { serializeRequest, serializeResponse } from './serialize.js';
export { MessageReader, type MessageReaderOptions, type RtspStreamItem } from './reader.js';
