import type { Socket } from 'node:net';
import {
  createSessionCookie,
  encodeTunnelMessage,
  serializeTunnelGetRequest,
  serializeTunnelPostRequest,
} from '@rtspkit/http-tunnel';
import type { RtspUrl } from '@rtspkit/rtsp';
import { ClientError, ClientErrorCode } from '../errors.js';
import { readHttpHead } from './http-head.js';
import { openSocket, type Pipe, type PipeHandlers, type PipeOptions, readSocket } from './pipe.js';

/** `Host` header value: the host, bracketed when IPv6, and the port. */
export function hostHeader(url: RtspUrl): string {
  return `${url.host.includes(':') ? `[${url.host}]` : url.host}:${url.port}`;
}

/** The request target of a URL: path (at least `/`) and query. */
export function requestTarget(url: RtspUrl): string {
  return `${url.path === '' ? '/' : url.path}${url.query === undefined ? '' : `?${url.query}`}`;
}

/**
 * The QuickTime RTSP-over-HTTP tunnel (`rtsp+http://`, `rtsps+http://`): a GET whose
 * endless response carries what the server sends, and a POST whose endless body carries
 * what the client sends, each RTSP message or interleaved frame Base64-encoded on its own.
 * The two are paired by one `x-sessioncookie`. Media inside a tunnel is interleaved only.
 *
 * @see Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export async function openTunnelPipe(url: RtspUrl, options: PipeOptions, handlers: PipeHandlers): Promise<Pipe> {
  const cookie = createSessionCookie();
  const request = { uri: requestTarget(url), cookie, host: hostHeader(url), userAgent: 'rtspkit' };
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const get = await openSocket(url, url.secure, options);
  let post: Socket | undefined;
  try {
    get.write(serializeTunnelGetRequest(request));
    const { response, rest } = await readHttpHead(get, timeoutMs);
    if (response.status !== 200) {
      throw new ClientError(
        ClientErrorCode.Connection,
        `the HTTP tunnel GET was answered ${response.status} ${response.reason}`.trim(),
        {
          status: response.status,
          hint: 'the server may not offer the RTSP-over-HTTP tunnel on this port; try rtsp:// or another port',
        },
      );
    }
    post = await openSocket(url, url.secure, options);
    post.setNoDelay(true);
    post.write(serializeTunnelPostRequest(request));
    // The POST is never answered; a server that answers anyway (an error) ends the tunnel.
    post.on('data', () => get.destroy());
    post.on('error', () => get.destroy());
    post.on('close', () => get.destroy());
    const up = post;
    readSocket(
      get,
      handlers.onData,
      (error) => {
        up.destroy();
        handlers.onClose(error);
      },
      rest,
    );
    return {
      remoteAddress: get.remoteAddress,
      write(bytes) {
        if (!up.destroyed) up.write(encodeTunnelMessage(bytes));
      },
      close() {
        up.end();
        get.end();
        setTimeout(() => {
          up.destroy();
          get.destroy();
        }, 1000).unref();
      },
    };
  } catch (e) {
    get.destroy();
    post?.destroy();
    throw e;
  }
}
