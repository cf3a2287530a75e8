import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { splitAnnexB } from '@rtspkit/bytes';
import { serializeRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { freeUdpPortPair, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { H265Packetizer, groupH265AccessUnits, h265NalUnitType } from '../src/index.js';

const ACCESS_UNITS = 40;
const withoutParameterSets = (units: ReadonlyArray<readonly Uint8Array[]>) =>
  units.map((u) => u.filter((n) => h265NalUnitType(n) < 32 || h265NalUnitType(n) > 34).map((n) => Array.from(n)));

describe.skipIf(missingPeers('ffmpeg'))('ffmpeg 5.1 receives what H265Packetizer sends', () => {
  it('the access units ffmpeg writes from our RTP are the source access units', async () => {
    // One access unit more than ffmpeg keeps: its arrival ends the last one kept.
    const sent = groupH265AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h265.path)))).slice(
      0,
      ACCESS_UNITS + 1,
    );
    const source = sent.slice(0, ACCESS_UNITS);
    const dir = tempDir();
    const port = await freeUdpPortPair();
    const sdp = join(dir.path, 'in.sdp');
    const out = join(dir.path, 'out.h265');
    writeFileSync(
      sdp,
      [
        'v=0',
        'o=- 0 0 IN IP4 127.0.0.1',
        's=rtspkit',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=video ${port} RTP/AVP 96`,
        'a=rtpmap:96 H265/90000',
        '',
      ].join('\n'),
    );
    const receiver = runProcess(
      requirePeer('ffmpeg'),
      [
        ...['-v', 'error', '-protocol_whitelist', 'file,udp,rtp', '-i', sdp],
        ...['-c', 'copy', '-frames:v', String(ACCESS_UNITS), '-f', 'hevc', '-y', out],
      ],
      { timeoutMs: 20_000 },
    );
    await sleep(1000); // ffmpeg binds its socket after reading the SDP.
    const socket = createSocket('udp4');
    // MTU 600 so that IDR and P pictures are fragmented; VPS+SPS+PPS go in one AP.
    const packetizer = new H265Packetizer({ payloadType: 96, mtu: 600, ssrc: 0x5eed, sequenceNumber: 65500 });
    for (const [i, au] of sent.entries()) {
      for (const packet of packetizer.packetize(au, (1000 + i * 3000) >>> 0)) {
        await new Promise<void>((resolve, reject) =>
          socket.send(serializeRtpPacket(packet), port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
        );
      }
      await sleep(5); // paced, not bursted: keep clear of the socket buffer
    }
    const r = await receiver;
    socket.close();
    expect(r.code, r.stderr.toString()).toBe(0);
    const received = groupH265AccessUnits(splitAnnexB(new Uint8Array(readFileSync(out))));
    expect(received).toHaveLength(ACCESS_UNITS);
    expect(withoutParameterSets(received)).toEqual(withoutParameterSets(source));
  });
});
