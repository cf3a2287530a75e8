import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  parseRtcpCompound,
  parseRtpPacket,
  type RtcpPacket,
  type RtcpSenderReport,
  type RtpPacket,
  ntpToUnixMs,
} from '@rtspkit/rtp';
import { parseTransport, serializeTransport } from '@rtspkit/rtsp';
import { parseSdp } from '@rtspkit/sdp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspClient } from '../src/node/index.js';
import { FakeServer, SERVER_SSRC, samplePackets, sampleSdp, serializeRtpPacket } from './fake-server.js';

type Received = { rtp: RtpPacket[]; rtcp: RtcpPacket[][] };

/** A UDP socket on 127.0.0.1 that keeps what it receives. */
async function receiver(onData: (data: Uint8Array) => void): Promise<UdpSocket> {
  const socket = createSocket('udp4');
  socket.on('message', (msg) => onData(new Uint8Array(msg)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * Sends the sample's packets (2 s) as a publisher paced in real time would: each at its
 * media time from the moment of the call.
 */
async function sendSample(client: RtspClient, video: readonly RtpPacket[], audio: readonly RtpPacket[]): Promise<void> {
  const queue = [
    ...video.map((p) => ({ track: 0, at: (p.timestamp - video[0]!.timestamp) / 90, p })),
    ...audio.map((p) => ({ track: 1, at: ((p.timestamp - audio[0]!.timestamp) * 1000) / 48_000, p })),
  ].sort((a, b) => a.at - b.at);
  const start = Date.now();
  for (const { track, at, p } of queue) {
    const wait = start + at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    client.sendRtp(track, serializeRtpPacket(p));
  }
}

describe('RTCP sender reports over UDP, through Node sockets', () => {
  const received: Received[] = [
    { rtp: [], rtcp: [] },
    { rtp: [], rtcp: [] },
  ];
  const sockets: UdpSocket[] = [];
  let rtsp: Server;
  let url: string;
  beforeAll(async () => {
    for (const r of received) {
      sockets.push(await receiver((d) => r.rtp.push(parseRtpPacket(d))));
      sockets.push(await receiver((d) => r.rtcp.push(parseRtcpCompound(d))));
    }
    const port = (s: UdpSocket) => (s.address() as AddressInfo).port;
    // The scripted server answers on a real TCP socket, and names our UDP sockets as server_port.
    const fake = new FakeServer({
      transport: (requested, track) =>
        serializeTransport({
          ...parseTransport(requested),
          serverPort: [port(sockets[2 * track]!), port(sockets[2 * track + 1]!)],
        }),
    });
    rtsp = createServer((socket) =>
      socket.on('data', (d: Buffer) => {
        for (const answer of fake.receive(new Uint8Array(d))) socket.write(answer);
      }),
    );
    await new Promise<void>((resolve) => rtsp.listen(0, '127.0.0.1', resolve));
    url = `rtsp://127.0.0.1:${(rtsp.address() as AddressInfo).port}/live`;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await new Promise((r) => rtsp?.close(r));
  });

  it('reports each track: its SSRC, packet and payload octet counts, RTP time that follows the wall clock', {
    timeout: 30_000,
  }, async () => {
    const { video, audio } = samplePackets();
    const client = new RtspClient({
      url,
      transport: 'udp',
      publish: parseSdp(sampleSdp()),
      reconnect: false,
      senderReportMs: 500,
    });
    for await (const e of client.events()) {
      if (e.type === 'recording') {
        expect(e.transport).toBe('udp');
        await sendSample(client, video, audio);
        // The periodic report after the last packet.
        await new Promise((r) => setTimeout(r, 700));
        await client.close();
      }
      if (e.type === 'error') throw e.error;
    }
    for (const [track, sent, rate] of [
      [0, video, 90_000],
      [1, audio, 48_000],
    ] as const) {
      const { rtp, rtcp } = received[track]!;
      // Loopback UDP loses nothing here; what arrived is what was sent, in order.
      expect(rtp.map((p) => p.sequenceNumber)).toEqual(sent.map((p) => p.sequenceNumber));
      const reports = rtcp.map((compound) => {
        expect(compound.map((p) => p.type)).toEqual(['sr', 'sdes']);
        return compound[0] as RtcpSenderReport;
      });
      // The first at the first packet, then one every 500 ms of a 2 s stream, and one after.
      expect(reports.length, `sender reports of track ${track}`).toBeGreaterThanOrEqual(3);
      const first = reports[0]!;
      expect(first.ssrc).toBe(SERVER_SSRC[track]);
      expect([first.packetCount, first.rtpTimestamp]).toEqual([1, sent[0]!.timestamp]);
      let octets = 0;
      const prefix = sent.map((p) => (octets += p.payload.length));
      for (const r of reports) {
        expect(r.ssrc).toBe(SERVER_SSRC[track]);
        expect(r.packetCount).toBeGreaterThanOrEqual(1);
        expect(r.packetCount).toBeLessThanOrEqual(sent.length);
        expect(r.octetCount, 'payload octets of the packets counted').toBe(prefix[r.packetCount - 1]);
        // RTP time advances with the NTP time of the reports at the track's clock rate.
        const ms = ntpToUnixMs(r.ntpTimestamp) - ntpToUnixMs(first.ntpTimestamp);
        expect(Math.abs(r.rtpTimestamp - first.rtpTimestamp - (ms * rate) / 1000)).toBeLessThanOrEqual(1);
      }
      const last = reports.at(-1)!;
      expect([last.packetCount, last.octetCount]).toEqual([sent.length, octets]);
    }
    expect(client.stats().senderReportsSent).toBeGreaterThanOrEqual(6);
  });
});
