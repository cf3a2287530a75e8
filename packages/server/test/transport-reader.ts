import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { encodeTunnelMessage, serializeTunnelGetRequest, serializeTunnelPostRequest } from '@rtspkit/http-tunnel';
import {
  getHeader,
  MessageReader,
  parseRtpInfo,
  parseTransport,
  type RtspResponse,
  serializeRequest,
} from '@rtspkit/rtsp';
import { parseRtpPacket } from '@rtspkit/rtp';
import { freeUdpPortPair } from '@rtspkit/test-utils';
import WebSocket from 'ws';

/** How a test reader reaches the server; the names are those `/stats` uses. */
export type ReaderTransport = 'udp' | 'tcp' | 'http-tunnel' | 'websocket';

/** RTP sequence continuity of one track, from the first packet after PLAY. */
export type TrackCount = {
  /** `seq` of this track in the PLAY response's RTP-Info. */
  rtpInfoSeq: number | undefined;
  firstSeq: number | undefined;
  lastSeq: number | undefined;
  /** Packets received. */
  packets: number;
  /** Packets whose marker bit ends an access unit. */
  frames: number;
  /** Sequence numbers skipped (lost packets). */
  missing: number;
  /** The server's RTP port for this track (UDP only). */
  serverPort: number | undefined;
};

/** The RTSP byte stream of one reader: TCP, a tunnel GET + POST, or a WebSocket. */
type Pipe = {
  write(bytes: Uint8Array): void;
  /** Stops reading from the socket (the kernel buffers fill, then the server's queue). */
  pause(): void;
  close(): void;
};

const connected = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });

const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

async function openPipe(
  kind: ReaderTransport,
  port: number,
  path: string,
  onBytes: (b: Uint8Array) => void,
  onClose: () => void,
) {
  if (kind === 'websocket') {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, 'rtsp.onvif.org');
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => onBytes(view(data)));
    ws.on('error', () => {});
    ws.on('close', onClose);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { write: (b) => ws.send(b), pause: () => ws.pause(), close: () => ws.terminate() } satisfies Pipe;
  }
  if (kind === 'http-tunnel') {
    const cookie = `c${Math.random().toString(36).slice(2)}`;
    const get = await connected(port);
    get.on('error', () => {});
    // The GET carries the session: when it closes, the tunnel is gone.
    get.on('close', onClose);
    let head: Buffer | undefined = Buffer.alloc(0);
    const answered = new Promise<void>((resolve, reject) => {
      get.on('data', (chunk: Buffer) => {
        if (head === undefined) return onBytes(view(chunk));
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const text = head.subarray(0, end).toString('latin1');
        const rest = head.subarray(end + 4);
        head = undefined;
        if (!/^HTTP\/1\.[01] 200 /.test(text)) reject(new Error(`tunnel GET answered ${text}`));
        else resolve();
        if (rest.length > 0) onBytes(view(rest));
      });
    });
    get.write(serializeTunnelGetRequest({ uri: path, cookie, host: `127.0.0.1:${port}` }));
    await answered;
    const post = await connected(port);
    post.on('error', () => {});
    post.write(serializeTunnelPostRequest({ uri: path, cookie, host: `127.0.0.1:${port}` }));
    return {
      write: (b) => post.write(encodeTunnelMessage(b)),
      pause: () => get.pause(),
      close: () => {
        post.destroy();
        get.destroy();
      },
    } satisfies Pipe;
  }
  const socket = await connected(port);
  socket.on('error', () => {});
  socket.on('close', onClose);
  socket.on('data', (chunk: Buffer) => onBytes(view(chunk)));
  return { write: (b) => socket.write(b), pause: () => socket.pause(), close: () => socket.destroy() } satisfies Pipe;
}

const bindUdp = (port: number) =>
  new Promise<UdpSocket>((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });

/**
 * A test client that plays every track of a mount over one transport and counts, per track,
 * the RTP packets it gets and the sequence numbers it misses. Cheap on purpose: one
 * MessageReader per reader, RTP headers only.
 */
export class TransportReader {
  readonly kind: ReaderTransport;
  readonly tracks: TrackCount[] = [];
  session = '';
  /** The connection (the GET of a tunnel) is closed, by either side. */
  closed = false;
  #pipe: Pipe | undefined;
  readonly #reader = new MessageReader();
  readonly #pending: ((r: RtspResponse) => void)[] = [];
  readonly #udp: UdpSocket[] = [];
  readonly #url: string;
  #cseq = 0;

  private constructor(kind: ReaderTransport, url: string) {
    this.kind = kind;
    this.#url = url;
  }

  /** Connects over `kind` and plays every track of `path` (DESCRIBE, SETUP each, PLAY). */
  static async play(kind: ReaderTransport, port: number, path: string): Promise<TransportReader> {
    const url = `rtsp://127.0.0.1:${port}${path}`;
    const r = new TransportReader(kind, url);
    r.#pipe = await openPipe(
      kind,
      port,
      path,
      (b) => r.#onBytes(b),
      () => {
        r.closed = true;
      },
    );
    const describe = await r.request('DESCRIBE', url, [['Accept', 'application/sdp']]);
    if (describe.status !== 200) throw new Error(`DESCRIBE answered ${describe.status}`);
    const trackCount = new TextDecoder().decode(describe.body).split('\nm=').length - 1;
    for (let t = 0; t < trackCount; t++) {
      const count: TrackCount = {
        rtpInfoSeq: undefined,
        firstSeq: undefined,
        lastSeq: undefined,
        packets: 0,
        frames: 0,
        missing: 0,
        serverPort: undefined,
      };
      r.tracks.push(count);
      let transport = `RTP/AVP/TCP;unicast;interleaved=${2 * t}-${2 * t + 1}`;
      if (kind === 'udp') {
        const first = await freeUdpPortPair();
        const rtp = await bindUdp(first);
        const rtcp = await bindUdp(first + 1);
        rtp.on('message', (m: Buffer) => r.#onRtp(count, view(m)));
        r.#udp.push(rtp, rtcp);
        transport = `RTP/AVP;unicast;client_port=${first}-${first + 1}`;
      }
      const setup = await r.request('SETUP', `${url}/trackID=${t}`, [
        ['Transport', transport],
        ...(r.session ? ([['Session', r.session]] as [string, string][]) : []),
      ]);
      if (setup.status !== 200) throw new Error(`SETUP of track ${t} over ${kind} answered ${setup.status}`);
      r.session = (getHeader(setup.headers, 'Session') ?? '').split(';')[0] ?? '';
      count.serverPort = parseTransport(getHeader(setup.headers, 'Transport') ?? '').serverPort?.[0];
    }
    const play = await r.request('PLAY', url, [['Session', r.session]]);
    if (play.status !== 200) throw new Error(`PLAY over ${kind} answered ${play.status}`);
    for (const entry of parseRtpInfo(getHeader(play.headers, 'RTP-Info') ?? '')) {
      const track = Number(/trackID=(\d+)$/.exec(entry.url)?.[1]);
      const count = r.tracks[track];
      if (count !== undefined) count.rtpInfoSeq = entry.seq;
    }
    return r;
  }

  /** Sends a request and waits (15 s at most) for its answer. */
  request(method: string, uri: string, headers: [string, string][] = []): Promise<RtspResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} over ${this.kind} within 15 s`)), 15_000);
      this.#pending.push((res) => {
        clearTimeout(timer);
        resolve(res);
      });
      this.#pipe?.write(
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

  /** Stops reading: the server's queue for this reader grows until it gives up on it. */
  stopReading(): void {
    this.#pipe?.pause();
  }

  /** Leaves: with `teardown`, TEARDOWN first; otherwise the connection just drops. */
  async leave(how: 'teardown' | 'drop'): Promise<void> {
    if (how === 'teardown') {
      const r = await this.request('TEARDOWN', this.#url, [['Session', this.session]]);
      if (r.status !== 200) throw new Error(`TEARDOWN over ${this.kind} answered ${r.status}`);
    }
    this.#pipe?.close();
    for (const s of this.#udp) s.close();
    this.#udp.length = 0;
  }

  /** RTP packets received, every track. */
  get packets(): number {
    return this.tracks.reduce((n, t) => n + t.packets, 0);
  }

  /** RTP sequence numbers missed, every track. */
  get missing(): number {
    return this.tracks.reduce((n, t) => n + t.missing, 0);
  }

  /** Video frames (marker bits on track 0) received so far. */
  get videoFrames(): number {
    return this.tracks[0]?.frames ?? 0;
  }

  #onBytes(bytes: Uint8Array): void {
    for (const item of this.#reader.push(bytes)) {
      if (item.kind === 'response') this.#pending.shift()?.(item);
      else if (item.kind === 'frame' && item.channel % 2 === 0) {
        const count = this.tracks[item.channel / 2];
        if (count !== undefined) this.#onRtp(count, item.payload);
      }
    }
  }

  #onRtp(count: TrackCount, payload: Uint8Array): void {
    const packet = parseRtpPacket(payload);
    const seq = packet.sequenceNumber;
    if (count.lastSeq === undefined) count.firstSeq = seq;
    else count.missing += (seq - count.lastSeq - 1) & 0xffff;
    count.lastSeq = seq;
    count.packets++;
    if (packet.marker) count.frames++;
  }
}
