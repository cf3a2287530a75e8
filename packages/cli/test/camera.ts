import { type Camera, type CameraOptions, startCamera, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll } from 'vitest';

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
