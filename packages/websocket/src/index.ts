export { WebSocketError, WebSocketErrorCode, type WebSocketErrorCodeValue } from './errors.js';
export {
  Opcode,
  type WebSocketFrame,
  isControlOpcode,
  frameHeaderLength,
  serializedFrameLength,
  serializeFrame,
  serializeFrameInto,
} from './frame.js';
export { WebSocketFrameReader, type WebSocketFrameReaderOptions, type ReadFrame } from './frame-reader.js';
export {
  WebSocketMessageReader,
  type WebSocketMessage,
  type WebSocketMessageReaderOptions,
} from './message-reader.js';
export {
  CloseCode,
  type ClosePayload,
  isValidCloseCode,
  parseClosePayload,
  serializeClosePayload,
} from './close.js';
export { WebSocketWriter, type WebSocketWriterOptions } from './writer.js';
export { RTSP_ONVIF_SUBPROTOCOL, wrapRtspUnit, unwrapRtspChunks } from './rtsp-mapping.js';
export {
  type WspHeaders,
  type WspRequest,
  type WspResponse,
  type WspMessage,
  type WspParseOptions,
  WspSubprotocol,
  parseWspMessage,
  serializeWspMessage,
  getWspHeader,
  wspInit,
  wspJoin,
  wspWrap,
  wspGetInfo,
  wspResponse,
} from './wsp.js';
export {
  WEBSOCKET_GUID,
  WEBSOCKET_VERSION,
  type UpgradeRequest,
  type UpgradeOptions,
  type UpgradeDecision,
  computeAcceptKey,
  createWebSocketKey,
  validateUpgradeRequest,
  negotiateSubprotocol,
  serializeUpgradeResponse,
  serializeUpgradeRefusal,
  answerUpgrade,
  serializeUpgradeRequest,
  validateUpgradeResponse,
} from './handshake.js';
