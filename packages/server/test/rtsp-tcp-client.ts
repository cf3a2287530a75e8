import { connect, type Socket } from 'node:net';
import { getHeader, MessageReader, type RtspResponse, serializeRequest } from '@rtspkit/rtsp';
import { parseRtpPacket } from '@rtspkit/rtp';

/**
 * A minimal RTSP client over TCP for tests: plays a mount interleaved and checks that no RTP
 * packet goes missing (sequence numbers of each channel continue by one).
 */
export class HealthyReader {
  readonly #socket: Socket;
  readonly #reader = new MessageReader();
  readonly #pending: ((r: RtspResponse) => void)[] = [];
  readonly #lastSeq = new Map<number, number>();
  #cseq = 0;
  packets = 0;
  gaps = 0;
  closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const item of this.#reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) {
        if (item.kind === 'response') this.#pending.shift()?.(item);
        else if (item.kind === 'frame' && item.channel % 2 === 0) {
          const seq = parseRtpPacket(item.payload).sequenceNumber;
          const last = this.#lastSeq.get(item.channel);
          if (last !== undefined && seq !== ((last + 1) & 0xffff)) this.gaps++;
          this.#lastSeq.set(item.channel, seq);
          this.packets++;
        }
      }
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  /** Connects and plays `url` (both tracks interleaved). */
  static async play(port: number, url: string): Promise<HealthyReader> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const r = new HealthyReader(socket);
    await r.request('DESCRIBE', url);
    const setup = await r.request('SETUP', `${url}/trackID=0`, [['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1']]);
    const session = (getHeader(setup.headers, 'Session') ?? '').split(';')[0] ?? '';
    await r.request('SETUP', `${url}/trackID=1`, [
      ['Transport', 'RTP/AVP/TCP;unicast;interleaved=2-3'],
      ['Session', session],
    ]);
    const play = await r.request('PLAY', url, [['Session', session]]);
    if (play.status !== 200) throw new Error(`PLAY answered ${play.status}`);
    r.session = session;
    return r;
  }

  session = '';

  request(method: string, uri: string, headers: [string, string][] = []): Promise<RtspResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 15 s`)), 15_000);
      this.#pending.push((res) => {
        clearTimeout(timer);
        resolve(res);
      });
      this.#socket.write(
        serializeRequest({
          method,
          uri,
          version: 'RTSP/1.0',
          headers: [['CSeq', String(++this.#cseq)], ...headers],
          body: new Uint8Array(0),
        }),
      );
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}
