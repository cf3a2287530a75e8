import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RtpPacket, parseRtpPacket, serializeRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import {
  captureRtpSender,
  freeUdpPortPair,
  missingPeers,
  runProcess,
  startProcess,
  tempDir,
} from '@rtspkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ascFromAdtsHeader,
  isAacAccessUnit,
  LatmPacketizer,
  audioProfileLevelId,
  serializeStreamMuxConfig,
  streamMuxConfigFromAsc,
  Mpeg4GenericDepacketizer,
  Mpeg4GenericPacketizer,
  serializeAudioSpecificConfig,
  splitAdts,
} from '../src/index.js';
import { aacHbr } from './fmtp.js';
import { toHex } from '@rtspkit/bytes';

const source = splitAdts(new Uint8Array(readFileSync(samples.aac.path)));
const asc = ascFromAdtsHeader(source[0]!.header);
/** About 2 s of the sample (48 kHz, 1024 samples per AU). */
const AUS = 94;
const sourceAus = source.slice(0, AUS).map((f) => f.payload);

const scratch = tempDir('rtspkit-aac-interop-');
afterAll(() => scratch.remove());

function fmtpLine(fmtp: Record<string, string>): string {
  return Object.entries(fmtp)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

function sdp(port: number, rtpmap: string, fmtp: Record<string, string>): string {
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=rtspkit aac',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 96`,
    `a=rtpmap:96 ${rtpmap}`,
    `a=fmtp:96 ${fmtpLine(fmtp)}`,
    '',
  ].join('\r\n');
}

/**
 * Starts ffmpeg reading `sdpText`, sends `packets` to it over UDP (paced so its socket does
 * not drop), waits until it has written `frames` AUs and returns the ADTS payloads.
 */
async function ffmpegReceives(
  name: string,
  port: number,
  sdpText: string,
  packets: RtpPacket[],
  frames: number,
): Promise<Uint8Array[]> {
  const sdpPath = join(scratch.path, `${name}.sdp`);
  const out = join(scratch.path, `${name}.aac`);
  writeFileSync(sdpPath, sdpText);
  const ffmpeg = startProcess(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'verbose', '-protocol_whitelist', 'file,udp,rtp'],
      ...['-i', sdpPath, '-c', 'copy', '-frames:a', String(frames), '-f', 'adts', '-y', out],
    ],
    { maxLifeMs: 20_000 },
  );
  const socket = createSocket('udp4');
  try {
    // Logged once the RTP and RTCP sockets are bound. Packets sent in the first moments
    // after it left FFmpeg 5.1 stuck after one frame, so wait a second more.
    await ffmpeg.waitForOutput(/setting jitter buffer size/, 10_000);
    await sleep(1000);
    for (const packet of packets) {
      await new Promise<void>((resolve, reject) =>
        socket.send(serializeRtpPacket(packet), port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
      );
      await sleep(2); // paced, not bursted: keep clear of the socket buffer
    }
    // -frames:a ends FFmpeg once every AU is written; a lost packet makes this time out.
    const code = await ffmpeg.exited(10_000);
    expect(code, ffmpeg.output().slice(-2000)).toBe(0);
  } finally {
    socket.close();
    await ffmpeg.stop();
  }
  return splitAdts(new Uint8Array(readFileSync(out))).map((f) => f.payload);
}

describe.skipIf(missingPeers('ffmpeg'))('live interop with FFmpeg 5.1', () => {
  it('FFmpeg -f rtp mpeg4-generic → Mpeg4GenericDepacketizer gives the sample AUs byte for byte', async () => {
    // FFmpeg refuses ADTS input for RTP with -c copy ("AAC with no global headers"): remux to
    // MP4 first, which keeps the AUs and gives the muxer the AudioSpecificConfig.
    const m4a = join(scratch.path, 'sample.m4a');
    const remux = await runProcess(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-y', '-i', samples.aac.path, '-c', 'copy', '-t', '2', m4a],
      { timeoutMs: 10_000 },
    );
    expect(remux.code, remux.stderr).toBe(0);
    const sdpPath = join(scratch.path, 'ffmpeg-out.sdp');
    const { rtp: datagrams } = await captureRtpSender(
      'ffmpeg',
      (port) => [
        ...['-hide_banner', '-loglevel', 'error', '-i', m4a, '-c', 'copy'],
        ...['-f', 'rtp', '-sdp_file', sdpPath, `rtp://127.0.0.1:${port}`],
      ],
      { timeoutMs: 15_000, idleMs: 1000 },
    );
    const fmtpText = readFileSync(sdpPath, 'utf8').match(/a=fmtp:\d+ (.*)/)?.[1] ?? '';
    const fmtp = Object.fromEntries(
      fmtpText
        .split(';')
        .map((p) => p.trim().split('='))
        .filter((kv): kv is [string, string] => kv.length === 2),
    );
    expect(fmtp.mode).toBe('AAC-hbr');
    expect(fmtp.config?.toLowerCase().startsWith(toHex(serializeAudioSpecificConfig(asc)))).toBe(true);
    const d = new Mpeg4GenericDepacketizer(aacHbr(fmtp));
    const out = datagrams.map((p) => parseRtpPacket(p)).flatMap((p) => d.push(p));
    expect(out.every(isAacAccessUnit)).toBe(true);
    const aus = out.filter(isAacAccessUnit);
    // -t 2 cuts at about 2 s; every AU FFmpeg sent is the sample's, in order, 1024 ticks apart
    expect(aus.length).toBeGreaterThanOrEqual(90);
    expect(aus.map((a) => a.data)).toEqual(source.slice(0, aus.length).map((f) => f.payload));
    expect(aus.map((a) => (a.timestamp - aus[0]!.timestamp) >>> 0)).toEqual(aus.map((_, i) => i * 1024));
    expect(datagrams.length).toBeLessThan(aus.length); // FFmpeg aggregates AUs
  }, 20_000);

  it('Mpeg4GenericPacketizer → FFmpeg (SDP, -c copy -f adts) writes the sample AUs byte for byte', async () => {
    const port = await freeUdpPortPair();
    const p = new Mpeg4GenericPacketizer({ payloadType: 96, mtu: 1200, ssrc: 0x5eed, sequenceNumber: 65500 });
    // AU by AU, as a live sender does: FFmpeg 5.1 stamps every AU of an aggregated packet
    // with the packet's timestamp, and its muxer then refuses the repeated DTS.
    const packets = sourceAus.flatMap((au, i) => p.packetize([au], 0xfffff000 + i * 1024));
    const fmtp = {
      streamtype: '5',
      'profile-level-id': '1',
      mode: 'AAC-hbr',
      sizelength: '13',
      indexlength: '3',
      indexdeltalength: '3',
      config: toHex(serializeAudioSpecificConfig(asc)),
    };
    const got = await ffmpegReceives('mpeg4-generic', port, sdp(port, 'mpeg4-generic/48000/2', fmtp), packets, AUS);
    expect(got).toEqual(sourceAus);
  }, 20_000);

  it('LatmPacketizer → FFmpeg (SDP with the LATM fmtp, -c copy -f adts) writes the sample AUs byte for byte', async () => {
    const port = await freeUdpPortPair();
    // a 200-byte MTU fragments most AudioMuxElements (the sample's AUs are 150 to 400 bytes)
    const p = new LatmPacketizer({ payloadType: 96, mtu: 200, ssrc: 0x1a7e, sequenceNumber: 65000 });
    const packets = p.packetize(sourceAus, 12345);
    expect(packets.some((x) => !x.marker)).toBe(true);
    const fmtp = {
      'profile-level-id': String(audioProfileLevelId(asc)),
      cpresent: '0',
      object: String(asc.objectType),
      config: toHex(serializeStreamMuxConfig(streamMuxConfigFromAsc(asc))),
    };
    const got = await ffmpegReceives('latm', port, sdp(port, 'MP4A-LATM/48000/2', fmtp), packets, AUS);
    expect(got).toEqual(sourceAus);
  }, 20_000);
});
