import { type Camera, type CameraOptions, startCamera, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll } from 'vitest';

/**
 * A live camera as gst-rtsp-server launch line: H.264 320x240 at 30 fps with a key frame a
 * second (Main profile with two B-frames when `bFrames`, Constrained Baseline otherwise)
 * and AAC 48 kHz stereo (mpeg4-generic).
 */
export function liveLaunch(options: { readonly bFrames?: boolean } = {}): string {
  const x264 = options.bFrames
    ? 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 bframes=2 b-adapt=false ! video/x-h264,profile=main'
    : 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 tune=zerolatency ! video/x-h264,profile=constrained-baseline';
  return (
    `( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! ${x264} ` +
    '! rtph264pay name=pay0 pt=96 config-interval=-1 ' +
    'audiotestsrc is-live=true ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )'
  );
}

/** How long a camera of {@link useCameras} may live: longer than any describe block here. */
const CAMERA_LIFE_MS = 170_000;

/**
 * Stand-in cameras (`startCamera` of @rtspkit/test-utils, gst-rtsp-server) for the tests of
 * one describe block, by name: all start together in a `beforeAll` and stop in an
 * `afterAll`. A camera that started is stopped even when another failed to start.
 *
 * @example
 * const cameras = useCameras({ live: { launch: liveLaunch(), auth: 'digest' } });
 * it('plays', async () => { await play(cameras.live.url('/test', { credentials: true })); });
 */
export function useCameras<const K extends string>(options: Record<K, CameraOptions>): Readonly<Record<K, Camera>> {
  const started = {} as Record<K, Camera>;
  beforeAll(async () => {
    const entries = Object.entries(options) as [K, CameraOptions][];
    const results = await Promise.allSettled(entries.map(([, o]) => startCamera({ maxLifeMs: CAMERA_LIFE_MS, ...o })));
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') started[entries[i]![0]] = r.value;
    });
    const failed = results.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values<Camera>(started).map((c) => c.stop()));
  });
  return started;
}

/** A temporary directory for the tests of one describe block, removed in an `afterAll`. */
export function useTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  afterAll(() => dir.remove());
  return dir.path;
}
