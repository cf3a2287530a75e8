import { getHeader, MessageReader, type RtspResponse, serializeRequest } from '@rtspkit/rtsp';
import { parseRtpPacket } from '@rtspkit/rtp';
import WebSocket from 'ws';

/** What an RTSP-over-WebSocket play session saw. */
export type WsPlayResult = {
  readonly protocol: string;
  readonly statuses: number[];
  /** Video access units (RTP packets with the marker bit on channel 0) and their arrival times. */
  readonly videoFrames: number[];
  readonly audioPackets: number;
  /** WebSocket messages that were not exactly one RTSP message or one interleaved frame. */
  readonly badMessages: number;
  readonly sessionId: string | undefined;
};

/**
 * Plays `mount` through a WebSocket with the `ws` package (OPTIONS, DESCRIBE, SETUP of
 * both tracks interleaved, PLAY) for `seconds`, then TEARDOWN and close.
 */
export async function playOverWebSocket(
  url: string,
  mountUrl: string,
  seconds: number,
  options: WebSocket.ClientOptions = {},
): Promise<WsPlayResult> {
  const ws = new WebSocket(url, 'rtsp.onvif.org', options);
  ws.binaryType = 'nodebuffer';
  const reader = new MessageReader();
  const pending: ((r: RtspResponse) => void)[] = [];
  const result = {
    protocol: '',
    statuses: [] as number[],
    videoFrames: [] as number[],
    audioPackets: 0,
    badMessages: 0,
    sessionId: undefined as string | undefined,
  };
  ws.on('message', (data: Buffer) => {
    const items = reader.push(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (items.length !== 1 || reader.bufferedBytes !== 0) result.badMessages++;
    for (const item of items) {
      if (item.kind === 'response') pending.shift()?.(item);
      else if (item.kind === 'frame' && item.channel === 0 && parseRtpPacket(item.payload).marker)
        result.videoFrames.push(Date.now());
      else if (item.kind === 'frame' && item.channel === 2) result.audioPackets++;
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
  });
  result.protocol = ws.protocol;
  let cseq = 0;
  const request = (method: string, uri: string, headers: [string, string][] = []) =>
    new Promise<RtspResponse>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 15 s`)), 15_000);
      pending.push((r) => {
        clearTimeout(timer);
        result.statuses.push(r.status);
        resolve(r);
      });
      ws.send(
        serializeRequest({
          method,
          uri,
          version: 'RTSP/1.0',
          headers: [['CSeq', String(++cseq)], ...headers],
          body: new Uint8Array(0),
        }),
      );
    });
  await request('OPTIONS', mountUrl);
  await request('DESCRIBE', mountUrl, [['Accept', 'application/sdp']]);
  const setup = await request('SETUP', `${mountUrl}/trackID=0`, [['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1']]);
  const session = getHeader(setup.headers, 'Session')?.split(';')[0] ?? '';
  result.sessionId = session;
  await request('SETUP', `${mountUrl}/trackID=1`, [
    ['Transport', 'RTP/AVP/TCP;unicast;interleaved=2-3'],
    ['Session', session],
  ]);
  await request('PLAY', mountUrl, [['Session', session]]);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await request('TEARDOWN', mountUrl, [['Session', session]]);
  ws.close();
  await new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return result;
}
