/** Reason phrases of the statuses the server sends (RFC 2326 §7.1.1, RFC 7826 §17). */
export const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  431: 'Request Header Fields Too Large',
  453: 'Not Enough Bandwidth',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  457: 'Invalid Range',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
};

/** The methods the server implements, as the `Public` header lists them (RFC 2326 §12.28). */
export const PUBLIC_METHODS = [
  'OPTIONS',
  'DESCRIBE',
  'SETUP',
  'PLAY',
  'PAUSE',
  'TEARDOWN',
  'GET_PARAMETER',
  'SET_PARAMETER',
] as const;

/** Methods RTSP defines that a play-only mount refuses with 405 (RFC 2326 §10). */
export const REFUSED_METHODS = ['ANNOUNCE', 'RECORD', 'REDIRECT'] as const;
