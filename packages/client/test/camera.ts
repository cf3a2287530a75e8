import { CAMERA_SCRIPT, type Camera, startProcess, SYSTEM_PYTHON } from '@rtspkit/test-utils';

/**
 * A live camera: 320x240 at 30 fps H.264 (two B-frames, Main profile, when `bFrames`;
 * Constrained Baseline otherwise) and 48 kHz stereo AAC (mpeg4-generic), as
 * gst-rtsp-server launch line for `startCamera({ launch })`.
 */
export function cameraLaunch(options: { bFrames?: boolean; audio?: boolean } = {}): string {
  const x264 = options.bFrames
    ? 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 bframes=2 b-adapt=false ! video/x-h264,profile=main'
    : 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 tune=zerolatency ! video/x-h264,profile=constrained-baseline';
  const video = `videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! ${x264} ! rtph264pay name=pay0 pt=96 config-interval=-1`;
  const audio =
    'audiotestsrc is-live=true wave=sine ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97';
  return `( ${video} ${options.audio === false ? '' : audio} )`;
}

/**
 * Starts the camera script on a given port (to restart a camera where it was); the test
 * stops it. `startCamera` of @rtspkit/test-utils picks the port itself.
 */
export async function startCameraOn(port: number, launch = cameraLaunch()): Promise<Pick<Camera, 'stop' | 'output'>> {
  const camera = startProcess(SYSTEM_PYTHON, [CAMERA_SCRIPT, String(port), '--launch', launch], { maxLifeMs: 60_000 });
  try {
    await camera.waitForOutput(/^ready$/m, 20_000);
  } catch (e) {
    await camera.stop();
    throw e;
  }
  return { stop: () => camera.stop(), output: () => camera.output() };
}
