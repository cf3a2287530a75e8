import { hex } from '@rtspkit/bytes';
import { getHeader, MessageReader, type RtspResponse, type RtspStreamItem, serializeRequest } from '@rtspkit/rtsp';
import { type Format, h264Format, mpeg4AudioFormat } from '@rtspkit/format';
import { Mount } from '../src/mount.js';
import { defaultServerLimits } from '../src/options.js';
import {
  type ConnectionInfo,
  type ConnectionOutput,
  RtspConnection,
  type ServerContext,
} from '../src/rtsp/connection.js';
import { SessionTable, type UdpAllocator, type UdpPairHandle } from '../src/rtsp/session.js';
import type { SourceFrame, SourceSink, StreamSource } from '../src/source/types.js';

/** A real SPS/PPS pair (x264 baseline 640x360) for formats of test mounts. */
export const SPS = hex`67 42 c0 1e da 02 80 bf e5 c0 44 00 00 03 00 04 00 00 03 00 f0 3c 58 ba 80`;
export const PPS = hex`68 ce 3c 80`;

export const H264: Format = h264Format({ sps: [SPS], pps: [PPS] });
export const AAC: Format = mpeg4AudioFormat({ config: hex`11 90` });

/** A source the test drives: frames go out when the test calls `emit`. */
export class ManualSource implements StreamSource {
  readonly formats: readonly Format[];
  sink: SourceSink | undefined;
  stopped = false;
  readonly origin: number | undefined = undefined;

  constructor(formats: readonly Format[]) {
    this.formats = formats;
  }

  async open(): Promise<readonly Format[]> {
    return this.formats;
  }

  start(sink: SourceSink): void {
    this.sink = sink;
  }

  stop(): void {
    this.stopped = true;
  }

  emit(frame: SourceFrame): void {
    this.sink?.frame(frame);
  }
}

/** A video frame: an IDR (key) or a non-IDR slice of `size` bytes. */
export function videoFrame(timestamp: number, key: boolean, size = 100): SourceFrame {
  const slice = new Uint8Array(size).fill(0xab);
  slice[0] = key ? 0x65 : 0x41;
  return { track: 0, timestamp, key, units: key ? [SPS, PPS, slice] : [slice] };
}

export function audioFrame(timestamp: number, size = 50): SourceFrame {
  return { track: 1, timestamp, key: true, units: [new Uint8Array(size).fill(0x21)] };
}

/** A fake UDP allocator: records what was sent, frees ports on close. */
export class FakeUdp implements UdpAllocator {
  next = 40000;
  readonly open = new Set<number>();
  readonly sent: { port: number; rtcp: boolean; bytes: Uint8Array; to: string }[] = [];
  rtcpListeners = new Map<number, (packet: Uint8Array) => void>();

  async allocate(): Promise<UdpPairHandle> {
    const port = this.next;
    this.next += 2;
    this.open.add(port);
    return {
      rtpPort: port,
      rtcpPort: port + 1,
      connect: (address, rtpPort, rtcpPort) => ({
        send: (buffer, offset, length, rtcp) =>
          this.sent.push({
            port: rtcp ? rtcpPort : rtpPort,
            rtcp,
            bytes: buffer.slice(offset, offset + length),
            to: address,
          }),
        queuedBytes: 0,
      }),
      onRtcp: (listener) => this.rtcpListeners.set(port, listener),
      close: () => this.open.delete(port),
    };
  }
}

/** A server context with fake time, counting session ids and a fake UDP allocator. */
export function makeContext(mounts: Map<string, Mount>, udp: UdpAllocator | undefined = new FakeUdp()) {
  const clock = { now: 1_000_000 };
  let ids = 0;
  const context: ServerContext = {
    mounts,
    sessions: new SessionTable(),
    udp,
    limits: { ...defaultServerLimits, rtsp: {} },
    now: () => clock.now,
    sessionId: () => `S${++ids}`,
  };
  return { context, clock };
}

/** A mount around a manual source, opened. */
export async function manualMount(path: string, formats: readonly Format[], clock = { now: 1_000_000 }) {
  const source = new ManualSource(formats);
  let r = 0x12345678;
  const mount = new Mount(path, source, {
    mtu: 1400,
    senderReportIntervalMs: 5000,
    maxKeyFrameWaitMs: 3000,
    cname: 'test',
    now: () => clock.now,
    randomUint32: () => {
      r = (r * 1103515245 + 12345) >>> 0;
      return r;
    },
  });
  await mount.open();
  return { mount, source };
}

/** The client end of an in-memory connection: writes requests, reads what the server sent. */
export class TestClient {
  readonly connection: RtspConnection;
  readonly #reader = new MessageReader();
  readonly items: RtspStreamItem[] = [];
  destroyed: string | undefined;
  queued = 0;
  #cseq = 0;

  constructor(
    context: ServerContext,
    info: Partial<ConnectionInfo> = {},
    framing: 'interleaved' | 'websocket' = 'interleaved',
  ) {
    const self = this;
    const output: ConnectionOutput = {
      framing,
      write: (bytes) => {
        if (framing === 'interleaved') self.items.push(...self.#reader.push(bytes));
        else self.raw.push(bytes);
      },
      get queuedBytes() {
        return self.queued;
      },
      destroy: (reason) => {
        self.destroyed = reason;
      },
    };
    this.connection = new RtspConnection(
      {
        id: info.id ?? 'c1',
        peerAddress: info.peerAddress ?? '127.0.0.1',
        kind: info.kind ?? 'tcp',
        tls: info.tls ?? false,
      },
      output,
      context,
    );
  }

  readonly raw: Uint8Array[] = [];

  /** Sends a request and returns the bytes it was. */
  request(method: string, uri: string, headers: [string, string][] = [], version = 'RTSP/1.0'): Uint8Array {
    const bytes = serializeRequest({
      method,
      uri,
      version,
      headers: [['CSeq', String(++this.#cseq)], ...headers],
      body: new Uint8Array(0),
    });
    this.connection.push(bytes);
    return bytes;
  }

  /** Responses received so far. */
  responses(): RtspResponse[] {
    return this.items.filter((i): i is RtspResponse => i.kind === 'response');
  }

  last(): RtspResponse {
    const r = this.responses().at(-1);
    if (r === undefined) throw new Error('no response received');
    return r;
  }

  frames() {
    return this.items.filter((i) => i.kind === 'frame');
  }

  header(name: string): string | undefined {
    return getHeader(this.last().headers, name);
  }
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
