import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ffprobe,
  freeUdpPortPair,
  missingPeers,
  requirePeer,
  runProcess,
  tempDir,
  writeToneWav,
} from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RtspServer } from '../src/server.js';
import { readG711Wav } from '../src/source/elementary.js';
import { FileSource } from '../src/source/file-source.js';

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('G.711 WAV mounts', () => {
  const dir = tempDir('rtspkit-server-g711-');
  const wav = (codec: 'pcm_mulaw' | 'pcm_alaw') => join(dir.path, `${codec}.wav`);
  let server: RtspServer;
  let port: number;

  beforeAll(async () => {
    for (const codec of ['pcm_mulaw', 'pcm_alaw'] as const) await writeToneWav(wav(codec), { codec, seconds: 4 });
    const first = await freeUdpPortPair();
    server = createServer({
      port: 0,
      host: '127.0.0.1',
      udpPortRange: [first, Math.min(65535, first + 100)],
      mounts: {
        '/pcmu': new FileSource({ files: [wav('pcm_mulaw')] }),
        '/pcma': new FileSource({ files: [wav('pcm_alaw')] }),
      },
    });
    port = (await server.listen()).port;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    dir.remove();
  });

  it('a WAV file is read as 20 ms G.711 frames with the static payload type', () => {
    const track = readG711Wav(new Uint8Array(readFileSync(wav('pcm_mulaw'))));
    expect(track.format).toEqual({ codec: 'g711', payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 });
    expect(track.frames).toHaveLength(200); // 4 s in 20 ms packets
    expect(track.frames[1]).toMatchObject({ timestamp: 160, decodeTime: 160, key: true });
    expect(track.frames[1]!.units[0]).toHaveLength(160);
    expect(track.duration).toBe(32_000);
  });

  for (const [mount, codec] of [
    ['/pcmu', 'pcm_mulaw'],
    ['/pcma', 'pcm_alaw'],
  ] as const) {
    it(`FFmpeg reads ${mount} over TCP: ${codec}, 8 kHz mono`, { timeout: 60_000 }, async () => {
      const out = join(dir.path, `${mount.slice(1)}.mka`);
      const r = await runProcess(
        requirePeer('ffmpeg'),
        [
          '-v',
          'error',
          '-rtsp_transport',
          'tcp',
          '-timeout',
          '10000000',
          '-i',
          `rtsp://127.0.0.1:${port}${mount}`,
        ].concat(['-t', '3', '-c', 'copy', '-y', out]),
        { timeoutMs: 45_000 },
      );
      expect(r.code, r.stderr).toBe(0);
      const probe = await ffprobe(out);
      expect(probe.streams).toHaveLength(1);
      expect(probe.streams[0]).toMatchObject({ codecType: 'audio', codecName: codec, sampleRate: 8000, channels: 1 });
      expect(probe.duration).toBeGreaterThan(2.5);
    });
  }
});
