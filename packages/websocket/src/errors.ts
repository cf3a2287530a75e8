import { CodecError } from '@rtspkit/bytes';

/**
 * Stable error codes of `@rtspkit/websocket`. Each frame-level code maps to the close code
 * an endpoint sends when it fails the connection (RFC 6455 §7.4.1).
 */
export const WebSocketErrorCode = {
  /** RSV1-3 set while no extension was negotiated (1002). */
  ReservedBits: 'ERR_WS_RESERVED_BITS',
  /** Opcode 0x3-0x7 or 0xB-0xF (1002). */
  ReservedOpcode: 'ERR_WS_RESERVED_OPCODE',
  /** A control frame with FIN clear or a payload over 125 bytes (1002). */
  BadControlFrame: 'ERR_WS_BAD_CONTROL_FRAME',
  /** A client frame without a mask, or a server frame with one (1002). */
  BadMasking: 'ERR_WS_BAD_MASKING',
  /** A 64-bit length with the most significant bit set (1002). */
  BadLength: 'ERR_WS_BAD_LENGTH',
  /** A frame larger than `maxFrameSize` (1009). */
  FrameTooLarge: 'ERR_WS_FRAME_TOO_LARGE',
  /** A message larger than `maxMessageSize` (1009). */
  MessageTooLarge: 'ERR_WS_MESSAGE_TOO_LARGE',
  /** A continuation frame with no message in progress, or a new message inside one (1002). */
  BadFragmentation: 'ERR_WS_BAD_FRAGMENTATION',
  /** A text message or close reason that is not valid UTF-8 (1007). */
  InvalidUtf8: 'ERR_WS_INVALID_UTF8',
  /** A close payload of one byte or with a code that must not appear on the wire (1002). */
  BadCloseFrame: 'ERR_WS_BAD_CLOSE_FRAME',
  /** A frame after the peer's close frame (1002). */
  DataAfterClose: 'ERR_WS_DATA_AFTER_CLOSE',
  /** A text message where RTSP over WebSocket carries only binary ones (1003). */
  UnexpectedText: 'ERR_WS_UNEXPECTED_TEXT',
  /** An opening handshake that does not satisfy RFC 6455 §4 (HTTP 400), or a bad HTTP head. */
  BadHandshake: 'ERR_WS_BAD_HANDSHAKE',
  /** A client asking for a `Sec-WebSocket-Version` other than 13 (HTTP 400 + supported version). */
  UnsupportedVersion: 'ERR_WS_UNSUPPORTED_VERSION',
  /** The origin policy refused the client's `Origin` (HTTP 403). */
  OriginRefused: 'ERR_WS_ORIGIN_REFUSED',
  /** A WSP/1.1 message that does not parse, or a value that cannot be serialized. */
  BadWsp: 'ERR_WS_BAD_WSP',
  /** A value the writer refuses (bad close code, oversized control payload, bad mask). */
  InvalidArgument: 'ERR_WS_INVALID_ARGUMENT',
} as const;

/** One of the {@link WebSocketErrorCode} values. */
export type WebSocketErrorCodeValue = (typeof WebSocketErrorCode)[keyof typeof WebSocketErrorCode];

/** Close code for each frame-level error code (RFC 6455 §7.4.1). */
const CLOSE_CODE: Readonly<Partial<Record<WebSocketErrorCodeValue, number>>> = {
  [WebSocketErrorCode.ReservedBits]: 1002,
  [WebSocketErrorCode.ReservedOpcode]: 1002,
  [WebSocketErrorCode.BadControlFrame]: 1002,
  [WebSocketErrorCode.BadMasking]: 1002,
  [WebSocketErrorCode.BadLength]: 1002,
  [WebSocketErrorCode.FrameTooLarge]: 1009,
  [WebSocketErrorCode.MessageTooLarge]: 1009,
  [WebSocketErrorCode.BadFragmentation]: 1002,
  [WebSocketErrorCode.InvalidUtf8]: 1007,
  [WebSocketErrorCode.BadCloseFrame]: 1002,
  [WebSocketErrorCode.DataAfterClose]: 1002,
  [WebSocketErrorCode.UnexpectedText]: 1003,
};

/** HTTP status refusing an opening handshake, for each handshake error code. */
const STATUS: Readonly<Partial<Record<WebSocketErrorCodeValue, number>>> = {
  [WebSocketErrorCode.BadHandshake]: 400,
  [WebSocketErrorCode.UnsupportedVersion]: 400,
  [WebSocketErrorCode.OriginRefused]: 403,
};

/**
 * The only error `@rtspkit/websocket` throws. `offset` is the byte offset in the stream
 * pushed into a reader (counted from its first byte), `closeCode` the status code to send
 * in the close frame that fails the connection (RFC 6455 §7.4.1), when there is one, and
 * `status` the HTTP status that refuses an opening handshake, when there is one; both
 * follow from `code`.
 *
 * @see RFC 6455 §7.1.7 (fail the WebSocket connection)
 */
export class WebSocketError extends CodecError {
  declare readonly code: WebSocketErrorCodeValue;
  readonly closeCode: number | undefined;
  readonly status: number | undefined;

  constructor(code: WebSocketErrorCodeValue, message: string, offset?: number, options?: { readonly cause?: unknown }) {
    super(code, message, offset, options);
    this.closeCode = CLOSE_CODE[code];
    this.status = STATUS[code];
  }
}
