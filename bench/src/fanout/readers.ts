import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';

/** What one reader counted since its last {@link FanoutReader.take}. */
export type ReaderCounts = {
  /** Bytes received (`$` framing included). */
  readonly bytes: number;
  /** Video access units completed (RTP marker bit on channel 0). */
  readonly frames: number;
  /** RTP sequence numbers skipped on channel 0. */
  readonly missing: number;
  /** Per completed frame: arrival time minus media time (RTP timestamp at 90 kHz), ms. */
  readonly offsets: readonly number[];
};

type Response = { readonly head: string; readonly body: string };

const DOLLAR = 0x24;

/**
 * A deliberately cheap RTSP reader for the fan-out bench: it plays the first track of a
 * mount interleaved on channels 0-1 (or over UDP), then only counts bytes and walks the `$`
 * headers (RFC 2326 §10.12), reading the sequence number, marker and timestamp of channel-0
 * RTP packets (or of each datagram). For a reader that keeps up, a frame's arrival time minus its media time is
 * constant; how far it rises above its minimum is how late the frame is.
 */
export class FanoutReader {
  readonly #socket: Socket;
  #udp: UdpSocket | undefined;
  #bytes = 0;
  #frames = 0;
  #missing = 0;
  #offsets: number[] = [];
  /** RTSP text at a frame boundary (responses), until a complete message is in. */
  #text: Buffer | undefined;
  /** `$` header (4 bytes) plus the first 8 bytes of the RTP header. */
  readonly #header = Buffer.alloc(12);
  #headerBytes = 0;
  #left = 0;
  #lastSeq = -1;
  #baseTs = -1;
  #lastTs = 0;
  #tsCycles = 0;
  #pending: ((r: Response) => void)[] = [];
  #cseq = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
  }

  /** Connects, then DESCRIBE, SETUP (interleaved 0-1, or UDP) and PLAY of the first track of `url`. */
  static async play(port: number, url: string, transport: 'tcp' | 'udp' = 'tcp'): Promise<FanoutReader> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.on('error', () => {});
    const reader = new FanoutReader(socket);
    const describe = await reader.#request('DESCRIBE', url, ['Accept: application/sdp']);
    const base = /\r\nContent-Base:\s*(\S+)/i.exec(describe.head)?.[1] ?? `${url}/`;
    // The first media section's control URL (gst-rtsp-server: stream=0, rtspkit: trackID=0).
    const control = /\nm=[\s\S]*?\na=control:(\S+)/.exec(describe.body)?.[1] ?? '';
    const track = /^\w+:\/\//.test(control) ? control : new URL(control, base).href;
    let offer = 'RTP/AVP/TCP;unicast;interleaved=0-1';
    if (transport === 'udp') {
      const udp = createSocket('udp4');
      await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
      udp.on('message', (m: Buffer) => reader.#onDatagram(m));
      reader.#udp = udp;
      // RTCP goes to the next port, where nobody listens: the bench reads media only.
      const p = udp.address().port;
      offer = `RTP/AVP;unicast;client_port=${p}-${p + 1}`;
    }
    const setup = await reader.#request('SETUP', track, [`Transport: ${offer}`]);
    const session = /\r\nSession:\s*([^;\r\n]+)/i.exec(setup.head)?.[1] ?? '';
    await reader.#request('PLAY', url, [`Session: ${session}`]);
    return reader;
  }

  /** Counts since the previous call, and starts counting afresh. */
  take(): ReaderCounts {
    const counts = { bytes: this.#bytes, frames: this.#frames, missing: this.#missing, offsets: this.#offsets };
    this.#bytes = 0;
    this.#frames = 0;
    this.#missing = 0;
    this.#offsets = [];
    return counts;
  }

  close(): void {
    this.#socket.destroy();
    this.#udp?.close();
  }

  #onDatagram(m: Buffer): void {
    this.#bytes += m.length;
    if (m.length < 12) return;
    // The datagram is the RTP packet: fake the `$` header in front, as on TCP.
    m.copy(this.#header, 4, 0, 8);
    this.#header[1] = 0;
    this.#onRtpHeader();
  }

  #request(method: string, uri: string, headers: string[]): Promise<Response> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} ${uri} within 60 s`)), 60_000);
      this.#pending.push((r) => {
        clearTimeout(timer);
        if (/^RTSP\/1\.0 200 /.test(r.head)) resolve(r);
        else reject(new Error(`${method} ${uri} answered ${r.head.split('\r\n')[0]}`));
      });
      const lines = [`${method} ${uri} RTSP/1.0`, `CSeq: ${++this.#cseq}`, ...headers];
      this.#socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }

  #onData(chunk: Buffer): void {
    this.#bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      if (this.#left > 0) {
        // Payload bytes: skipped, but for the RTP header bytes still wanted.
        let n: number;
        if (this.#headerBytes < 12) {
          n = Math.min(12 - this.#headerBytes, this.#left, chunk.length - i);
          chunk.copy(this.#header, this.#headerBytes, i, i + n);
          this.#headerBytes += n;
          if (this.#headerBytes === 12) this.#onRtpHeader();
        } else n = Math.min(this.#left, chunk.length - i);
        this.#left -= n;
        i += n;
        if (this.#left === 0) this.#headerBytes = 0;
        continue;
      }
      if (this.#text === undefined && this.#headerBytes === 0 && chunk[i] !== DOLLAR) this.#text = Buffer.alloc(0);
      if (this.#text !== undefined) {
        i = this.#onText(chunk, i);
        continue;
      }
      // `$`, channel, 16-bit length.
      this.#header[this.#headerBytes++] = chunk[i++] as number;
      if (this.#headerBytes === 4) {
        this.#left = this.#header.readUInt16BE(2);
        if (this.#left === 0) this.#headerBytes = 0;
      }
    }
  }

  /** A frame's first 8 RTP header bytes are in: channel 0 counts sequence, marker and time. */
  #onRtpHeader(): void {
    const h = this.#header;
    if (h[1] !== 0) return;
    const seq = h.readUInt16BE(6);
    if (this.#lastSeq >= 0) this.#missing += (seq - this.#lastSeq - 1) & 0xffff;
    this.#lastSeq = seq;
    if ((h[5] as number) & 0x80) {
      const ts = h.readUInt32BE(8);
      if (this.#baseTs < 0) this.#baseTs = ts;
      if (ts < this.#lastTs && this.#lastTs - ts > 0x80000000) this.#tsCycles++;
      this.#lastTs = ts;
      const media = (this.#tsCycles * 0x1_0000_0000 + ts - this.#baseTs) / 90;
      this.#offsets.push(performance.now() - media);
      this.#frames++;
    }
  }

  /** RTSP text from `start`: returns where it ends once a whole response is in. */
  #onText(chunk: Buffer, start: number): number {
    const text = Buffer.concat([this.#text as Buffer, chunk.subarray(start)]);
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) {
      this.#text = text;
      return chunk.length;
    }
    const head = text.subarray(0, end).toString('latin1');
    const length = Number(/\r\nContent-Length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (text.length < end + 4 + length) {
      this.#text = text;
      return chunk.length;
    }
    const used = end + 4 + length - (this.#text as Buffer).length;
    const body = text.subarray(end + 4, end + 4 + length).toString('latin1');
    this.#text = undefined;
    this.#pending.shift()?.({ head, body });
    return start + used;
  }
}
