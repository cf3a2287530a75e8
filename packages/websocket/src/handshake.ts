import { concat, encodeUtf8, toBase64 } from '@rtspkit/bytes';
import { sha1 } from '@noble/hashes/legacy.js';
import { type HttpRequestHead, type HttpResponseHead, type RtspHeaders, getHeader } from '@rtspkit/rtsp';
import { WebSocketError, WebSocketErrorCode } from './errors.js';

/** The GUID appended to the client's key before hashing (RFC 6455 §1.3). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The only protocol version of RFC 6455. */
export const WEBSOCKET_VERSION = '13';

/** A valid client opening handshake. */
export type UpgradeRequest = {
  /** Request target, e.g. `/live?token=…`. */
  readonly uri: string;
  readonly host: string;
  /** `Sec-WebSocket-Key`: Base64 of a 16-byte nonce. */
  readonly key: string;
  /** Subprotocols the client offered, in its order. */
  readonly protocols: readonly string[];
  readonly origin: string | undefined;
  readonly head: HttpRequestHead;
};

const KEY = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

/**
 * `Sec-WebSocket-Accept` for a client key: Base64 of SHA-1 over the key and the GUID.
 *
 * @example
 * computeAcceptKey('dGhlIHNhbXBsZSBub25jZQ=='); // 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 * @see RFC 6455 §4.2.2 item 5.4
 */
export function computeAcceptKey(key: string): string {
  return toBase64(sha1(encodeUtf8(key + WEBSOCKET_GUID)));
}

/** A fresh `Sec-WebSocket-Key`: Base64 of 16 random bytes (RFC 6455 §4.1 item 7). */
export function createWebSocketKey(
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  return toBase64(randomBytes(16).subarray(0, 16));
}

/**
 * Checks a client opening handshake: `GET`, HTTP/1.1, `Host`, `Upgrade` with the
 * `websocket` token, `Connection` with the `upgrade` token (both case-insensitive, in
 * comma lists, possibly repeated), `Sec-WebSocket-Version: 13` and a key that is Base64 of
 * 16 bytes. Throws `ERR_WS_UNSUPPORTED_VERSION` (answer with
 * {@link serializeUpgradeRefusal}, 400 and the supported version) or
 * `ERR_WS_BAD_HANDSHAKE` (400).
 *
 * @see RFC 6455 §4.2.1
 */
export function validateUpgradeRequest(head: HttpRequestHead): UpgradeRequest {
  const bad = (message: string) => new WebSocketError(WebSocketErrorCode.BadHandshake, message);
  if (head.method !== 'GET') throw bad(`upgrade method ${head.method} is not GET`);
  if (head.version !== 'HTTP/1.1') throw bad(`upgrade needs HTTP/1.1, got ${head.version}`);
  const host = getHeader(head.headers, 'host');
  if (host === undefined || host === '') throw bad('upgrade request has no Host');
  if (!listValues(head.headers, 'upgrade').some((t) => t.toLowerCase() === 'websocket')) {
    throw bad('Upgrade does not name websocket');
  }
  if (!listValues(head.headers, 'connection').some((t) => t.toLowerCase() === 'upgrade')) {
    throw bad('Connection does not include upgrade');
  }
  const version = getHeader(head.headers, 'sec-websocket-version');
  if (version?.trim() !== WEBSOCKET_VERSION) {
    throw new WebSocketError(
      WebSocketErrorCode.UnsupportedVersion,
      `Sec-WebSocket-Version ${version ?? '(none)'} is not 13`,
    );
  }
  const key = getHeader(head.headers, 'sec-websocket-key')?.trim();
  if (key === undefined || !KEY.test(key)) throw bad(`Sec-WebSocket-Key ${key ?? '(none)'} is not base64 of 16 bytes`);
  return {
    uri: head.uri,
    host,
    key,
    protocols: listValues(head.headers, 'sec-websocket-protocol'),
    origin: getHeader(head.headers, 'origin'),
    head,
  };
}

/**
 * The server's pick: the first protocol of its own preference list that the client
 * offered, `undefined` when none (the server then answers without the header).
 *
 * @see RFC 6455 §4.2.2 item 5.4 (/subprotocol/)
 */
export function negotiateSubprotocol(offered: readonly string[], supported: readonly string[]): string | undefined {
  return supported.find((p) => offered.includes(p));
}

/**
 * The 101 reply accepting a handshake, with `Sec-WebSocket-Protocol` when a protocol
 * was negotiated.
 *
 * @see RFC 6455 §4.2.2 item 5
 */
export function serializeUpgradeResponse(accept: { key: string; protocol?: string | undefined }): Uint8Array {
  let text =
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${computeAcceptKey(accept.key)}\r\n`;
  if (accept.protocol !== undefined) text += `Sec-WebSocket-Protocol: ${checkValue(accept.protocol)}\r\n`;
  return encodeUtf8(`${text}\r\n`);
}

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };

/**
 * A reply refusing a handshake: `status` (400 by default) with a short text body and
 * `Connection: close`; 400 carries `Sec-WebSocket-Version: 13` so a client can retry with
 * the version this server speaks.
 *
 * @see RFC 6455 §4.2.2 item 4, §4.4
 */
export function serializeUpgradeRefusal(status = 400, message = ''): Uint8Array {
  const reason = REASONS[status] ?? 'Error';
  const body = encodeUtf8(`${message || reason}\n`);
  let text = `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n`;
  if (status === 400) text += `Sec-WebSocket-Version: ${WEBSOCKET_VERSION}\r\n`;
  text += `Content-Length: ${body.length}\r\n\r\n`;
  const head = encodeUtf8(text);
  return concat(head, body);
}

/** Options of {@link answerUpgrade}. */
export type UpgradeOptions = {
  /** Subprotocols this server speaks, most preferred first. */
  readonly protocols?: readonly string[];
  /**
   * Origin policy: return false to refuse with 403. Browsers always send `Origin`;
   * other clients may not (then `origin` is undefined). Default: allow all.
   */
  readonly checkOrigin?: (origin: string | undefined, request: UpgradeRequest) => boolean;
};

/** What {@link answerUpgrade} decided, with the bytes to send. */
export type UpgradeDecision =
  | {
      readonly accepted: true;
      readonly request: UpgradeRequest;
      readonly protocol: string | undefined;
      readonly reply: Uint8Array;
    }
  | { readonly accepted: false; readonly error: WebSocketError; readonly status: number; readonly reply: Uint8Array };

/**
 * The server side of the opening handshake in one call: validate, apply the origin
 * policy, negotiate the subprotocol, and build the 101 reply or the refusal (400 with the
 * supported version, 403 for a refused origin).
 *
 * @example
 * const decision = answerUpgrade(head, { protocols: [RTSP_ONVIF_SUBPROTOCOL] });
 * socket.write(decision.reply);
 * @see RFC 6455 §4.2
 */
export function answerUpgrade(head: HttpRequestHead, options: UpgradeOptions = {}): UpgradeDecision {
  let request: UpgradeRequest;
  try {
    request = validateUpgradeRequest(head);
    if (options.checkOrigin && !options.checkOrigin(request.origin, request)) {
      throw new WebSocketError(WebSocketErrorCode.OriginRefused, `origin ${request.origin ?? '(none)'} refused`);
    }
  } catch (e) {
    if (!(e instanceof WebSocketError)) throw e;
    const status = e.status ?? 400;
    return { accepted: false, error: e, status, reply: serializeUpgradeRefusal(status, e.message) };
  }
  const protocol = negotiateSubprotocol(request.protocols, options.protocols ?? []);
  return { accepted: true, request, protocol, reply: serializeUpgradeResponse({ key: request.key, protocol }) };
}

/**
 * The client's opening handshake request.
 *
 * @see RFC 6455 §4.1
 */
export function serializeUpgradeRequest(request: {
  host: string;
  uri: string;
  key: string;
  protocols?: readonly string[];
  origin?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
}): Uint8Array {
  if (!/^\/\S*$/.test(request.uri))
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `request target ${request.uri}`);
  let text =
    `GET ${request.uri} HTTP/1.1\r\nHost: ${checkValue(request.host)}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${checkValue(request.key)}\r\nSec-WebSocket-Version: ${WEBSOCKET_VERSION}\r\n`;
  if (request.protocols && request.protocols.length > 0) {
    text += `Sec-WebSocket-Protocol: ${request.protocols.map(checkValue).join(', ')}\r\n`;
  }
  if (request.origin !== undefined) text += `Origin: ${checkValue(request.origin)}\r\n`;
  for (const [name, value] of request.headers ?? []) text += `${checkValue(name)}: ${checkValue(value)}\r\n`;
  return encodeUtf8(`${text}\r\n`);
}

/**
 * Checks the server's reply on the client side: 101, `Upgrade: websocket`,
 * `Connection: upgrade`, the expected `Sec-WebSocket-Accept`, and a subprotocol only if
 * one was offered. Returns the negotiated protocol; throws `ERR_WS_BAD_HANDSHAKE`.
 *
 * @see RFC 6455 §4.1 (client requirements on the server's handshake)
 */
export function validateUpgradeResponse(
  head: HttpResponseHead,
  expected: { key: string; protocols?: readonly string[] },
): { protocol: string | undefined } {
  const bad = (message: string) => new WebSocketError(WebSocketErrorCode.BadHandshake, message);
  if (head.status !== 101) throw bad(`server answered ${head.status} ${head.reason}, not 101`);
  if (!listValues(head.headers, 'upgrade').some((t) => t.toLowerCase() === 'websocket')) {
    throw bad('Upgrade does not name websocket');
  }
  if (!listValues(head.headers, 'connection').some((t) => t.toLowerCase() === 'upgrade')) {
    throw bad('Connection does not include upgrade');
  }
  const accept = getHeader(head.headers, 'sec-websocket-accept')?.trim();
  if (accept !== computeAcceptKey(expected.key)) throw bad(`Sec-WebSocket-Accept ${accept ?? '(none)'} does not match`);
  const protocols = listValues(head.headers, 'sec-websocket-protocol');
  if (protocols.length > 1) throw bad(`server chose ${protocols.length} subprotocols`);
  const protocol = protocols[0];
  if (protocol !== undefined && !(expected.protocols ?? []).includes(protocol)) {
    throw bad(`server chose subprotocol ${protocol} that was not offered`);
  }
  return { protocol };
}

/** Comma-separated list elements of every header `name`, trimmed, empty ones dropped. */
function listValues(headers: RtspHeaders, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) continue;
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

function checkValue(value: string): string {
  if (/[\r\n]/.test(value))
    throw new WebSocketError(WebSocketErrorCode.InvalidArgument, `header value ${JSON.stringify(value)}`);
  return value;
}
