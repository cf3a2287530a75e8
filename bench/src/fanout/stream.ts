import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePeer, runProcess } from '@rtspkit/test-utils';

/** The fan-out bench's stream: the same H.264 as Annex-B (for rtspkit) and MP4 (for GStreamer). */
export type BenchStream = {
  readonly annexB: string;
  readonly mp4: string;
  readonly seconds: number;
  /** Average bit rate of the video, bits per second. */
  readonly bitsPerSecond: number;
};

/**
 * Length of the stream, seconds (`BENCH_FANOUT_STREAM_SECONDS`, default 40). gst-rtsp-server
 * plays the file once, so it must outlast connecting every reader plus the warm-up and the
 * window: about 55 s for 1,000 readers (gst-rtsp-server answers about 20 a second here).
 */
const SECONDS = Number(process.env.BENCH_FANOUT_STREAM_SECONDS ?? 40);
const BITRATE = '4M';

/**
 * A 40 s (by default), ~4 Mbit/s H.264 stream (1280x720, 30 fps, Constrained Baseline, a key frame each
 * second, a noisy test pattern so the encoder spends its budget), made once with FFmpeg and
 * kept in the temporary directory.
 */
export async function benchStream(): Promise<BenchStream> {
  const dir = join(tmpdir(), SECONDS === 40 ? 'rtspkit-bench-fanout-v1' : `rtspkit-bench-fanout-v1-${SECONDS}s`);
  mkdirSync(dir, { recursive: true });
  const annexB = join(dir, 'stream.h264');
  const mp4 = join(dir, 'stream.mp4');
  const ffmpeg = requirePeer('ffmpeg');
  if (!existsSync(annexB)) {
    const partial = `${annexB}.partial.h264`;
    const r = await runProcess(
      ffmpeg,
      [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30,noise=alls=24:allf=t`],
        ...['-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline'],
        ...['-b:v', BITRATE, '-maxrate', BITRATE, '-bufsize', '2M', '-g', '30', '-pix_fmt', 'yuv420p'],
        ...['-f', 'h264', partial],
      ],
      { timeoutMs: 300_000 },
    );
    if (r.code !== 0) throw new Error(`ffmpeg could not make the bench stream: ${r.stderr}`);
    renameSync(partial, annexB);
  }
  if (!existsSync(mp4)) {
    const partial = `${mp4}.partial.mp4`;
    const r = await runProcess(
      ffmpeg,
      ['-v', 'error', '-y', '-r', '30', '-i', annexB, '-c', 'copy', '-movflags', '+faststart', partial],
      { timeoutMs: 120_000 },
    );
    if (r.code !== 0) throw new Error(`ffmpeg could not remux the bench stream: ${r.stderr}`);
    renameSync(partial, mp4);
  }
  return { annexB, mp4, seconds: SECONDS, bitsPerSecond: (statSync(annexB).size * 8) / SECONDS };
}
