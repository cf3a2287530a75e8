import { describe, expect, it } from 'vitest';
import { type PeerName, findPeer, missingPeers, peersRequired, runProcess } from '../src/index.js';

const all: PeerName[] = ['ffmpeg', 'ffprobe', 'gst-launch-1.0', 'gst-python', 'chromium'];

describe('interop peers', () => {
  it.runIf(peersRequired)('are all present when RTSPKIT_REQUIRE_PEERS=1 (CI installs them)', () => {
    expect(all.filter((name) => findPeer(name) === null)).toEqual([]);
  });

  describe.skipIf(missingPeers('ffmpeg'))('ffmpeg', () => {
    it('runs and has the encoders the sample script needs', async () => {
      const r = await runProcess(findPeer('ffmpeg')!, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 });
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toMatch(/libx264/);
      expect(r.stdout.toString()).toMatch(/libx265/);
    });
  });

  describe.skipIf(missingPeers('gst-launch-1.0'))('GStreamer', () => {
    it('has the RTSP and H.264 elements the interop tests use', async () => {
      const inspect = findPeer('gst-launch-1.0')!.replace(/gst-launch-1\.0$/, 'gst-inspect-1.0');
      for (const element of ['rtspsrc', 'rtspclientsink', 'rtph264pay', 'rtph265pay', 'x264enc', 'matroskamux']) {
        const r = await runProcess(inspect, [element], { timeoutMs: 10_000 });
        expect(r.code, `${element} missing`).toBe(0);
      }
    });
  });
});
