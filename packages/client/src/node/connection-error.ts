import type { RtspUrl } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode } from '../errors.js';

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL|ERR_TLS|EPROTO/;

/** A socket error as something a person can act on: what failed, where, what to try. */
export function connectionError(error: unknown, url: RtspUrl, shownUrl: string): ClientError {
  const code = (error as { code?: string }).code ?? '';
  const where = `${url.host}:${url.port}`;
  const safeUrl = shownUrl.replace(/\/\/[^@/]*@/, '//');
  const make = (message: string, hint: string) =>
    new ClientError(ClientErrorCode.Connection, `${message} (${safeUrl})`, { url: safeUrl, hint, cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return make(`unknown host ${JSON.stringify(url.host)}`, 'check the host name in the URL');
  if (code === 'ECONNREFUSED')
    return make(`connection refused by ${where}`, 'check the port, and that the server or camera is running');
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return make(`no answer from ${where}`, 'check the address and that no firewall blocks the port');
  if (code === 'ECONNRESET') return make(`connection reset by ${where}`, 'the server dropped the connection');
  if (TLS_CODES.test(code))
    return make(
      `TLS with ${where} failed: ${(error as Error).message}`,
      'give the server certificate authority (ca), or for a self-signed camera allow it explicitly (insecure)',
    );
  return make(`cannot connect to ${where}: ${(error as Error).message ?? String(error)}`, 'check the URL');
}
