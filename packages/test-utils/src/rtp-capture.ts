import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { freeUdpPortPair } from './ports.js';
import { runProcess } from './process.js';

/**
 * RTP capture files (`*.rtp`) used as fixtures across packages: each record is a 16-bit
 * big-endian length followed by one datagram (an RTP or RTCP packet), in arrival order.
 */
export function writeRtpCapture(path: string, packets: readonly Uint8Array[]): void {
  const total = packets.reduce((n, p) => n + 2 + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of packets) {
    if (p.length > 0xffff) throw new Error(`datagram of ${p.length} bytes does not fit a capture record`);
    out[o] = p.length >>> 8;
    out[o + 1] = p.length & 0xff;
    out.set(p, o + 2);
    o += 2 + p.length;
  }
  writeFileSync(path, out);
}

/** Reads a capture written by {@link writeRtpCapture}; the packets are copies. */
export function readRtpCapture(path: string): Uint8Array[] {
  const data = new Uint8Array(readFileSync(path));
  const packets: Uint8Array[] = [];
  let o = 0;
  while (o + 2 <= data.length) {
    const len = ((data[o] as number) << 8) | (data[o + 1] as number);
    if (o + 2 + len > data.length) throw new Error(`${path}: truncated record at byte ${o}`);
    packets.push(data.slice(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (o !== data.length) throw new Error(`${path}: ${data.length - o} trailing bytes`);
  return packets;
}

/**
 * Listens on 127.0.0.1:`port` (UDP) and collects datagrams until `idleMs` pass without one
 * (after the first), `maxPackets` arrive, or `timeoutMs` ends. Call it, then start the sender.
 */
export function captureUdp(options: {
  readonly port: number;
  readonly idleMs?: number;
  readonly maxPackets?: number;
  readonly timeoutMs: number;
}): { ready: Promise<void>; packets: Promise<Uint8Array[]> } {
  const socket = createSocket('udp4');
  const packets: Uint8Array[] = [];
  let idleTimer: NodeJS.Timeout | undefined;
  let finish: () => void = () => {};
  const done = new Promise<Uint8Array[]>((resolve) => {
    finish = () => {
      clearTimeout(idleTimer);
      clearTimeout(hardTimer);
      socket.close();
      resolve(packets);
    };
  });
  const hardTimer = setTimeout(() => finish(), options.timeoutMs);
  socket.on('message', (msg) => {
    packets.push(new Uint8Array(msg));
    if (packets.length >= (options.maxPackets ?? Number.POSITIVE_INFINITY)) return finish();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => finish(), options.idleMs ?? 1500);
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, '127.0.0.1', () => resolve());
  });
  return { ready, packets: done };
}

/**
 * Captures what a sender streams to 127.0.0.1: takes a free even UDP port (RTCP on the next
 * one, when asked), runs `command` with `args(port)`, and returns the datagrams that arrived
 * on each port with the sender's stdout. Throws when the sender fails. What the codec
 * packages' `make-fixtures.ts` and interop tests record peers with.
 */
export async function captureRtpSender(
  command: string,
  args: (port: number) => readonly string[],
  options: { readonly timeoutMs: number; readonly idleMs?: number; readonly rtcp?: boolean },
): Promise<{ rtp: Uint8Array[]; rtcp: Uint8Array[]; stdout: string }> {
  const port = await freeUdpPortPair();
  const idleMs = options.idleMs ?? 1500;
  const rtp = captureUdp({ port, idleMs, timeoutMs: options.timeoutMs });
  const rtcp = options.rtcp
    ? captureUdp({ port: port + 1, idleMs: 2 * idleMs, timeoutMs: options.timeoutMs })
    : undefined;
  await Promise.all([rtp.ready, rtcp?.ready]);
  const run = await runProcess(command, args(port), { timeoutMs: options.timeoutMs });
  if (run.code !== 0) throw new Error(`${command} exited ${run.code}: ${run.stderr.slice(-2000)}`);
  return { rtp: await rtp.packets, rtcp: (await rtcp?.packets) ?? [], stdout: run.stdout.toString('utf8') };
}
