import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Camera,
  fileLaunch,
  ffprobe,
  missingPeers,
  recordLaunch,
  requirePeer,
  runClient,
  runProcess,
  startCamera,
  startRelay,
  tempDir,
} from '../src/index.js';

const probe = (url: string, transport: 'tcp' | 'http' = 'tcp') =>
  ffprobe(url, { extraArgs: ['-rtsp_transport', transport], timeoutMs: 20_000 });

// Each test starts gst-rtsp-server and ffmpeg; on a loaded machine that takes seconds.
describe.skipIf(missingPeers('gst-python', 'ffmpeg', 'ffprobe'))(
  'the stand-in camera (gst-rtsp-server)',
  { timeout: 120_000 },
  () => {
    describe('without auth', () => {
      let camera: Camera;
      beforeAll(async () => {
        camera = await startCamera();
      });
      afterAll(() => camera?.stop());

      it('serves the H.264 test pattern over RTSP/TCP and over the HTTP tunnel on the same port', async () => {
        for (const transport of ['tcp', 'http'] as const) {
          const r = await probe(camera.url(), transport);
          expect(
            r.streams.map((s) => [s.codecName, s.width, s.height]),
            transport,
          ).toEqual([['h264', 160, 120]]);
        }
      });
    });

    for (const auth of ['basic', 'digest'] as const) {
      describe(`with ${auth} auth`, () => {
        let camera: Camera;
        beforeAll(async () => {
          camera = await startCamera({ auth });
        });
        afterAll(() => camera?.stop());

        it('refuses a client without credentials and serves one with them', async () => {
          await expect(probe(camera.url())).rejects.toThrow(/401|Unauthorized/);
          const r = await probe(camera.url('/test', { credentials: true }));
          expect(r.streams.map((s) => s.codecName)).toEqual(['h264']);
        });

        it(`asks for ${auth}`, async () => {
          const relay = await startRelay(camera.port);
          try {
            await probe(`rtsp://127.0.0.1:${relay.port}/test`).catch(() => undefined);
            const answers = relay.connections().map((c) => new TextDecoder().decode(c.server));
            expect(answers.join('')).toMatch(new RegExp(`WWW-Authenticate: ${auth}`, 'i'));
          } finally {
            await relay.close();
          }
        });
      });
    }

    describe('files and RECORD', () => {
      const dir = tempDir('rtspkit-camera-');
      let file = '';
      beforeAll(async () => {
        file = join(dir.path, 'clip.h264');
        const r = await runProcess(
          requirePeer('ffmpeg'),
          [
            '-v',
            'error',
            '-f',
            'lavfi',
            '-i',
            'testsrc=size=96x64:rate=10',
            '-t',
            '2',
            '-c:v',
            'libx264',
            '-bsf:v',
            'h264_mp4toannexb',
            '-f',
            'h264',
            file,
          ],
          { timeoutMs: 30_000 },
        );
        expect(r.code, r.stderr).toBe(0);
      });
      afterAll(() => dir.remove());

      it('plays a file on an extra mount', async () => {
        const camera = await startCamera({ mounts: { '/clip': fileLaunch({ path: file, codec: 'h264' }) } });
        try {
          const r = await probe(camera.url('/clip'));
          expect(r.streams.map((s) => [s.codecName, s.width, s.height])).toEqual([['h264', 96, 64]]);
        } finally {
          await camera.stop();
        }
      });

      it('accepts ANNOUNCE/RECORD from ffmpeg, and the relay records the session', async () => {
        const camera = await startCamera({ launch: recordLaunch('h264'), record: true });
        try {
          const relay = await startRelay(camera.port);
          try {
            const url = `rtsp://127.0.0.1:${relay.port}/test`;
            await runClient(
              requirePeer('ffmpeg'),
              ['-v', 'error', '-re', '-i', file, '-c', 'copy', '-rtsp_transport', 'tcp', '-f', 'rtsp', url],
              relay,
            );
            const [session] = relay.connections();
            const sent = new TextDecoder('latin1').decode(session?.client);
            const answered = new TextDecoder('latin1').decode(session?.server);
            expect(sent).toMatch(/^ANNOUNCE rtsp:/m);
            expect(sent).toMatch(/^RECORD rtsp:/m);
            expect(answered.match(/^RTSP\/1\.0 200 OK/gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
            // Interleaved RTP follows the RECORD request ('$', channel 0).
            expect(sent.slice(sent.indexOf('RECORD ')).includes('$\u0000')).toBe(true);
          } finally {
            await relay.close();
          }
        } finally {
          await camera.stop();
        }
      });
    });
  },
);
