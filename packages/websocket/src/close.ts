import { WebSocketErrorCode, WebSocketError } from './errors.js';
import { decodeUtf8Strict, encodeUtf8 } from '@rtspkit/bytes';

/**
 * Close status codes defined by RFC 6455 §7.4.1 and the IANA registry (§11.7).
 *
 * @see RFC 6455 §7.4.1
 */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  /** Reserved: "no status received"; never sent in a close frame. */
  NoStatus: 1005,
  /** Reserved: "abnormal closure"; never sent in a close frame. */
  Abnormal: 1006,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
  BadGateway: 1014,
} as const;

/** The decoded payload of a close frame (RFC 6455 §5.5.1). */
export type ClosePayload = {
  /** `undefined` when the frame had no body (the peer reports 1005, "no status"). */
  readonly code: number | undefined;
  readonly reason: string;
};

/**
 * Whether `code` may appear in a close frame: 1000-1003 and 1007-1014 (registered), and
 * 3000-4999 (libraries, applications). 1004-1006, 1015 and the rest must not.
 *
 * @see RFC 6455 §7.4.1, §7.4.2
 */
export function isValidCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
      (code >= 3000 && code <= 4999))
  );
}

/**
 * Parses a close frame body: empty, or a 2-byte code followed by a UTF-8 reason.
 * A 1-byte body or an invalid code throws `ERR_WS_BAD_CLOSE_FRAME` (close 1002), a reason
 * that is not UTF-8 `ERR_WS_INVALID_UTF8` (1007). `offset` is added to error offsets.
 *
 * @see RFC 6455 §5.5.1, §7.1.5
 */
export function parseClosePayload(payload: Uint8Array, offset = 0): ClosePayload {
  if (payload.length === 0) return { code: undefined, reason: '' };
  if (payload.length === 1) {
    throw new WebSocketError(
      WebSocketErrorCode.BadCloseFrame,
      'close payload of 1 byte has no room for a code',
      offset,
    );
  }
  const code = ((payload[0] as number) << 8) | (payload[1] as number);
  if (!isValidCloseCode(code)) {
    throw new WebSocketError(WebSocketErrorCode.BadCloseFrame, `close code ${code} must not be sent`, offset);
  }
  const reason = decodeUtf8Strict(payload.subarray(2));
  if (reason === undefined) {
    throw new WebSocketError(WebSocketErrorCode.InvalidUtf8, 'close reason is not valid utf-8', offset + 2);
  }
  return { code, reason };
}

/**
 * Serializes a close frame body. Without a code the body is empty (and a reason is not
 * allowed); the code must pass {@link isValidCloseCode}; the reason must fit the 125-byte
 * control payload (123 bytes of UTF-8).
 *
 * @see RFC 6455 §5.5.1
 */
export function serializeClosePayload(code?: number, reason = ''): Uint8Array {
  if (code === undefined) {
    if (reason !== '') throw new WebSocketError(WebSocketErrorCode.InvalidArgument, 'close reason without a code');
    return new Uint8Array(0);
  }
  if (!isValidCloseCode(code))
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `close code ${code} must not be sent`);
  const text = encodeUtf8(reason);
  if (text.length > 123) {
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `close reason of ${text.length} bytes exceeds 123`);
  }
  const out = new Uint8Array(2 + text.length);
  out[0] = code >>> 8;
  out[1] = code & 0xff;
  out.set(text, 2);
  return out;
}
