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
