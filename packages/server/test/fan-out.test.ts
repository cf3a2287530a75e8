import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtspServer, ServerResources } from '../src/server.js';
import { startSampleServer } from './peers.js';
import { type ReaderTransport, TransportReader } from './transport-reader.js';

let server: RtspServer;
let port: number;

beforeAll(async () => {
  ({ server, port } = await startSampleServer());
});
afterAll(async () => {
  await server.close();
});

const KINDS: readonly ReaderTransport[] = ['udp', 'tcp', 'http-tunnel', 'websocket'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a set of readers holds on the server: a session each, two UDP pairs per UDP reader… */
function held(readers: readonly TransportReader[]): Partial<ServerResources> {
  const of = (kind: ReaderTransport) => readers.filter((r) => r.kind === kind).length;
  return {
    sessions: readers.length,
    readers: readers.length,
    waitingForKeyFrame: 0,
    udpPortPairs: 2 * of('udp'),
    tunnels: of('http-tunnel'),
    // A tunnel is a GET and a POST connection.
    connections: readers.length + of('http-tunnel'),
  };
}

/** Every packet of every track since PLAY: the first is the one RTP-Info names, none missing. */
function expectEveryPacket(reader: TransportReader, label: string): void {
  for (const [t, track] of reader.tracks.entries()) {
    expect(track.packets, `${label} track ${t}: packets`).toBeGreaterThan(0);
    expect(track.firstSeq, `${label} track ${t}: first packet is the one RTP-Info names`).toBe(track.rtpInfoSeq);
    expect(track.missing, `${label} track ${t}: sequence numbers missing`).toBe(0);
  }
}

/** Bound UDP sockets and TCP handles of this process, by Node's resource names. */
function handles(): { udp: number; tcp: number } {
  const info = process.getActiveResourcesInfo();
  return {
    udp: info.filter((n) => n === 'UDPWrap').length,
    tcp: info.filter((n) => n === 'TCPSocketWrap' || n === 'TCPWrap').length,
  };
}

describe('fan-out to 50 readers over UDP, TCP, the HTTP tunnel and WebSocket', () => {
  it('every reader gets every packet; readers that leave free sessions, ports, tunnels and queues', {
    timeout: 180_000,
  }, async () => {
    const baseline = handles();
    const readers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        TransportReader.play(KINDS[i % KINDS.length] as ReaderTransport, port, '/sample'),
      ),
    );
    expect(server.resources()).toMatchObject(held(readers));

    // About three seconds of the 30 fps stream for everyone.
    await expect
      .poll(() => Math.min(...readers.map((r) => r.videoFrames)), {
        timeout: 60_000,
        message: 'every reader receives 90 video frames',
      })
      .toBeGreaterThanOrEqual(90);
    const stats = server.stats();
    expect(stats.sessions).toHaveLength(50);
    for (const kind of KINDS)
      expect(stats.sessions.filter((s) => s.transport === kind)).toHaveLength(
        kind === 'udp' || kind === 'tcp' ? 13 : 12,
      );
    expect(stats.sessions.map((s) => s.framesDropped)).toEqual(stats.sessions.map(() => 0));

    // Half leave mid-stream, each transport both ways: TEARDOWN first, or just dropping the connection.
    const leaves = (i: number) => Math.floor(i / KINDS.length) % 2 === 1;
    const leaving = readers.filter((_, i) => leaves(i));
    const staying = readers.filter((_, i) => !leaves(i));
    const freedPorts = leaving
      .filter((r) => r.kind === 'udp')
      .flatMap((r) => r.tracks.map((t) => t.serverPort as number));
    expect(freedPorts.length).toBeGreaterThan(0);
    await Promise.all(leaving.map((r, i) => r.leave(i % (2 * KINDS.length) < KINDS.length ? 'teardown' : 'drop')));
    await expect
      .poll(() => server.resources(), { timeout: 15_000, message: 'what the leaving readers held is freed' })
      .toMatchObject(held(staying));
    // Their server ports really are free: anyone can bind them now.
    for (const p of freedPorts) {
      for (const q of [p, p + 1]) {
        const socket = createSocket('udp4');
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(q, '127.0.0.1', () => resolve());
        });
        await new Promise<void>((resolve) => socket.close(() => resolve()));
      }
    }

    // The others keep going, still without a gap.
    const before = staying.map((r) => r.videoFrames);
    await expect
      .poll(() => staying.every((r, i) => r.videoFrames >= (before[i] as number) + 30), {
        timeout: 30_000,
        message: 'the readers that stay receive another second of video',
      })
      .toBe(true);
    for (const [i, r] of readers.entries()) expectEveryPacket(r, `reader ${i} (${r.kind})`);

    await Promise.all(staying.map((r, i) => r.leave(i % 2 === 0 ? 'teardown' : 'drop')));
    await expect
      .poll(() => server.resources(), { timeout: 15_000, message: 'nothing is held once every reader left' })
      .toMatchObject({ ...held([]), queuedBytes: 0 });
    expect(server.stats().sessions).toEqual([]);
    expect(server.stats().mounts.map((m) => m.readers)).toEqual([0, 0, 0]);
    // No socket of a session outlives it (the server's and the readers' alike).
    let now = handles();
    for (let i = 0; i < 40 && (now.udp !== baseline.udp || now.tcp !== baseline.tcp); i++) {
      await sleep(250);
      now = handles();
    }
    expect(now).toEqual(baseline);
  });
});
