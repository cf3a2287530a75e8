import { WebSocketErrorCode, WebSocketError } from './errors.js';

/** Header fields of a WSP message, in order, as name/value pairs. */
export type WspHeaders = ReadonlyArray<readonly [name: string, value: string]>;

/** A WSP/1.1 request: `INIT`, `JOIN`, `WRAP`, `GET_INFO`, or another method token. */
export type WspRequest = {
  readonly kind: 'request';
  readonly method: string;
  readonly headers: WspHeaders;
  /** Text after the blank line (a `WRAP` carries one RTSP request); `''` when none. */
  readonly payload: string;
};

/** A WSP/1.1 response: status code, reason phrase (required), headers and payload. */
export type WspResponse = {
  readonly kind: 'response';
  readonly code: number;
  readonly reason: string;
  readonly headers: WspHeaders;
  readonly payload: string;
};

/** A WSP/1.1 message, the text of one WebSocket text message. */
export type WspMessage = WspRequest | WspResponse;

/** Subprotocols of the two WSP sockets: `control` carries requests, `data` interleaved frames. */
export const WspSubprotocol = { Control: 'control', Data: 'data' } as const;

/** Options of {@link parseWspMessage}. */
export type WspParseOptions = {
  /** Longest message accepted, in characters. */
  readonly maxLength?: number;
};

// 64 KiB: a WRAP carries one RTSP request or response, an SDP included.
const DEFAULT_MAX_LENGTH = 64 * 1024;
const VERSION = 'WSP/1.1';
const TOKEN = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses one WSP/1.1 message (Streamedian's proxy protocol): a start line
 * `WSP/1.1 <METHOD>` or `WSP/1.1 <code> <reason>`, `name: value` header lines, a blank
 * line, then the payload. A `contentLength` header, when present, delimits the payload.
 * Tolerates LF-only line endings (hand-written clients) and a missing final blank line
 * on a message without payload; `maxLength` bounds the message as received and as
 * {@link serializeWspMessage} writes it back. Offsets in errors are character offsets.
 *
 * @example
 * parseWspMessage('WSP/1.1 INIT\r\nproto: rtsp\r\nhost: 10.0.0.2\r\nport: 554\r\nseq: 1\r\n\r\n');
 * @see Streamedian html5_rtsp_player, WebSocket proxy protocol
 */
export function parseWspMessage(text: string, options: WspParseOptions = {}): WspMessage {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new WebSocketError(
      WebSocketErrorCode.BadWsp,
      `wsp message of ${text.length} characters exceeds ${maxLength}`,
      maxLength,
    );
  }
  let pos = 0;
  const line = (): { value: string; at: number } | undefined => {
    if (pos >= text.length) return undefined;
    const at = pos;
    const lf = text.indexOf('\n', pos);
    const end = lf < 0 ? text.length : lf;
    pos = lf < 0 ? text.length : lf + 1;
    return { value: text.slice(at, end > at && text[end - 1] === '\r' ? end - 1 : end), at };
  };
  const start = line();
  if (!start?.value.startsWith(`${VERSION} `)) {
    throw new WebSocketError(WebSocketErrorCode.BadWsp, `wsp message does not start with "${VERSION} "`, 0);
  }
  const rest = start.value.slice(VERSION.length + 1);
  const headers: Array<readonly [string, string]> = [];
  for (let l = line(); l && l.value !== ''; l = line()) {
    const colon = l.value.indexOf(':');
    const name = colon < 0 ? '' : l.value.slice(0, colon).trim();
    if (!TOKEN.test(name))
      throw new WebSocketError(
        WebSocketErrorCode.BadWsp,
        `malformed wsp header line ${JSON.stringify(l.value.slice(0, 40))}`,
        l.at,
      );
    headers.push([name, l.value.slice(colon + 1).trim()]);
  }
  let payload = text.slice(pos);
  const declared = headerOf(headers, 'contentLength');
  if (declared !== undefined) {
    const n = /^\d{1,9}$/.test(declared) ? Number(declared) : -1;
    if (n < 0 || n > payload.length) {
      throw new WebSocketError(
        WebSocketErrorCode.BadWsp,
        `contentLength ${declared} but ${payload.length} characters follow`,
        pos,
      );
    }
    payload = payload.slice(0, n);
  }
  const status = /^(\d{3}) (.+)$/.exec(rest);
  let message: WspMessage;
  if (status) {
    message = { kind: 'response', code: Number(status[1]), reason: status[2] as string, headers, payload };
  } else if (TOKEN.test(rest)) {
    message = { kind: 'request', method: rest, headers, payload };
  } else {
    throw new WebSocketError(
      WebSocketErrorCode.BadWsp,
      `malformed wsp start line ${JSON.stringify(rest.slice(0, 40))}`,
      0,
    );
  }
  // What this returns, serializeWspMessage writes: LF-only lines grow as CRLF, and the
  // written message must fit the limit it is read back with.
  const canonical = canonicalLength(message);
  if (canonical > maxLength) {
    throw new WebSocketError(
      WebSocketErrorCode.BadWsp,
      `wsp message of ${text.length} characters is ${canonical} written with CRLF lines, over ${maxLength}`,
      0,
    );
  }
  return message;
}

/** Length of the message as {@link serializeWspMessage} writes it; 0 when it refuses to. */
function canonicalLength(message: WspMessage): number {
  try {
    return serializeWspMessage(message).length;
  } catch (e) {
    if (e instanceof WebSocketError) return 0;
    throw e;
  }
}

/**
 * Serializes a WSP/1.1 message with CRLF line endings, its headers as given: what
 * {@link parseWspMessage} returns is written back to the same message. The builders
 * ({@link wspWrap}, {@link wspResponse}) put a `contentLength` header on a payload, as
 * Streamedian's player and proxies send it; a message without one carries its payload to
 * the end of the text. Strict: method and header names must be tokens, a response needs a
 * 3-digit code and a non-empty reason, header values must not contain `:` or line breaks
 * (Streamedian splits header lines at every colon), and a `contentLength` must state the
 * payload's length.
 *
 * @see Streamedian html5_rtsp_player, WebSocket proxy protocol
 */
export function serializeWspMessage(message: WspMessage): string {
  let start: string;
  if (message.kind === 'request') {
    if (!TOKEN.test(message.method)) throw invalid(`wsp method ${JSON.stringify(message.method)} is not a token`);
    start = `${VERSION} ${message.method}`;
  } else {
    if (!Number.isInteger(message.code) || message.code < 100 || message.code > 999) {
      throw invalid(`wsp status ${message.code} is not a 3-digit code`);
    }
    if (message.reason.trim() === '' || /[\r\n]/.test(message.reason)) {
      throw invalid(`wsp reason ${JSON.stringify(message.reason)} must be a non-empty single line`);
    }
    start = `${VERSION} ${message.code} ${message.reason}`;
  }
  let out = `${start}\r\n`;
  for (const [name, value] of message.headers) {
    if (!TOKEN.test(name)) throw invalid(`wsp header name ${JSON.stringify(name)} is not a token`);
    if (/[:\r\n]/.test(value))
      throw invalid(`wsp header ${name} value ${JSON.stringify(value)} contains ":" or a line break`);
    out += `${name}: ${value}\r\n`;
  }
  const declared = headerOf(message.headers, 'contentLength');
  if (declared !== undefined && !(/^\d{1,9}$/.test(declared) && Number(declared) === message.payload.length)) {
    throw invalid(
      `wsp contentLength ${JSON.stringify(declared)} but the payload has ${message.payload.length} characters`,
    );
  }
  return `${out}\r\n${message.payload}`;
}

/** First value of a WSP header, names compared case-insensitively. */
export function getWspHeader(message: { readonly headers: WspHeaders }, name: string): string | undefined {
  return headerOf(message.headers, name);
}

/**
 * `INIT` on the control socket: asks the proxy to connect to an RTSP server.
 * The proxy answers `200 OK` with a `channel` header.
 */
export function wspInit(init: { host: string; port: number; seq: number; proto?: string }): WspRequest {
  return request('INIT', [
    ['proto', init.proto ?? 'rtsp'],
    ['host', init.host],
    ['port', String(init.port)],
    ['seq', String(init.seq)],
  ]);
}

/** `JOIN` on the data socket: binds it to a channel from `INIT`. */
export function wspJoin(join: { channel: string | number; seq: number }): WspRequest {
  return request('JOIN', [
    ['channel', String(join.channel)],
    ['seq', String(join.seq)],
  ]);
}

/** `WRAP`: one RTSP request (text) for the proxy to forward; the response wraps the reply. */
export function wspWrap(wrap: { seq: number; rtsp: string }): WspRequest {
  return request('WRAP', withLength([['seq', String(wrap.seq)]], wrap.rtsp), wrap.rtsp);
}

/** `GET_INFO`: asks the proxy about a server, as `INIT` does, without connecting. */
export function wspGetInfo(info: { host: string; port: number; seq: number; proto?: string }): WspRequest {
  return { ...wspInit(info), method: 'GET_INFO' };
}

/**
 * A response: `seq` echoed, optional extra headers (e.g. `channel`) and payload; a payload
 * gets a `contentLength` header unless the headers carry one.
 */
export function wspResponse(response: {
  code: number;
  reason: string;
  seq?: string | number;
  headers?: WspHeaders;
  payload?: string;
}): WspResponse {
  const headers: Array<readonly [string, string]> = [];
  if (response.seq !== undefined) headers.push(['seq', String(response.seq)]);
  headers.push(...(response.headers ?? []));
  const payload = response.payload ?? '';
  return {
    kind: 'response',
    code: response.code,
    reason: response.reason,
    headers: withLength(headers, payload),
    payload,
  };
}

/** `headers` with a `contentLength` for a non-empty payload, unless they carry one. */
function withLength(headers: WspHeaders, payload: string): WspHeaders {
  if (payload === '' || headerOf(headers, 'contentLength') !== undefined) return headers;
  return [...headers, ['contentLength', String(payload.length)]];
}

function request(method: string, headers: WspHeaders, payload = ''): WspRequest {
  return { kind: 'request', method, headers, payload };
}

function headerOf(headers: WspHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

function invalid(message: string) {
  return new WebSocketError(WebSocketErrorCode.BadWsp, message);
}
