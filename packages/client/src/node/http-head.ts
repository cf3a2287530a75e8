import type { Socket } from 'node:net';
import { concat } from '@rtspkit/bytes';
import { parseMessageHead, type RtspResponse } from '@rtspkit/rtsp';

/** Most bytes of an HTTP response head the client waits for (a proxy's error page fits). */
const MAX_HEAD_BYTES = 16 * 1024;

/**
 * Reads the HTTP/1.x response head that starts what `socket` receives, for the tunnel's
 * GET and the WebSocket upgrade: resolves with the head and the bytes that followed it in
 * the same reads (the first RTSP or WebSocket bytes). Rejects when the socket closes or
 * errs first, when `timeoutMs` passes, or when the head is not HTTP.
 */
export function readHttpHead(
  socket: Socket,
  timeoutMs: number,
): Promise<{ readonly response: RtspResponse; readonly rest: Uint8Array }> {
  return new Promise((resolve, reject) => {
    let buffered: Uint8Array = new Uint8Array(0);
    const done = (f: () => void) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
      f();
    };
    const onData = (chunk: Buffer) => {
      buffered = concat(buffered, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      let head: ReturnType<typeof parseMessageHead>;
      try {
        head = parseMessageHead(buffered, { maxHeaderBytes: MAX_HEAD_BYTES });
      } catch (e) {
        done(() => reject(e));
        return;
      }
      if (head === null) {
        if (buffered.length > MAX_HEAD_BYTES) done(() => reject(new Error('HTTP response head too large')));
        return;
      }
      const { message, headLength } = head;
      if (message.kind !== 'response' || !message.version.startsWith('HTTP/')) {
        done(() =>
          reject(
            new Error(
              `not an HTTP response: ${JSON.stringify(message.kind === 'response' ? message.version : message.method)}`,
            ),
          ),
        );
        return;
      }
      socket.pause();
      done(() => resolve({ response: message, rest: buffered.subarray(headLength) }));
    };
    const onClose = () =>
      done(() =>
        reject(Object.assign(new Error('the server closed the connection before answering'), { code: 'ECONNRESET' })),
      );
    const onError = (e: Error) => done(() => reject(e));
    const timer = setTimeout(
      () =>
        done(() => reject(Object.assign(new Error(`no HTTP answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }))),
      timeoutMs,
    );
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onError);
  });
}
