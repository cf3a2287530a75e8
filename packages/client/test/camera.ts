import { join } from 'node:path';
import { freeTcpPort, repoRoot, startProcess, SYSTEM_PYTHON } from '@rtspkit/test-utils';

/** gst-rtsp-server's stand-in camera script (see its docstring). */
const cameraScript = join(repoRoot, 'packages/rtsp/test/fixtures/camera.py');

/** 320x240 at 30 fps H.264 (two B-frames when `bFrames`) and 48 kHz stereo AAC, both live. */
export function cameraLaunch(options: { bFrames?: boolean; audio?: boolean } = {}): string {
  const video =
    'videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ' +
    `! x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 ${options.bFrames ? 'bframes=2 b-adapt=false' : 'tune=zerolatency'} ` +
    '! video/x-h264,profile=' +
    (options.bFrames ? 'main' : 'constrained-baseline') +
    ' ! rtph264pay name=pay0 pt=96 config-interval=-1';
  const audio =
    'audiotestsrc is-live=true wave=sine ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97';
  return `( ${video} ${options.audio === false ? '' : audio} )`;
}

export type Camera = { readonly port: number; readonly url: string; stop(): Promise<void>; output(): string };

/** Starts camera.py on a free 127.0.0.1 port; it lives at most `maxLifeMs` (default 60 s). */
export async function startCamera(
  options: { digest?: boolean; launch?: string; record?: boolean; port?: number; maxLifeMs?: number } = {},
): Promise<Camera> {
  const port = options.port ?? (await freeTcpPort());
  const args = [cameraScript, String(port), options.digest === true ? 'digest' : 'none'];
  args.push('--launch', options.launch ?? cameraLaunch());
  if (options.record === true) args.push('--record');
  const camera = startProcess(SYSTEM_PYTHON, args, { maxLifeMs: options.maxLifeMs ?? 60_000 });
  try {
    await camera.waitForOutput(/ready/, 15_000);
  } catch (e) {
    await camera.stop();
    throw e;
  }
  return { port, url: `rtsp://127.0.0.1:${port}/test`, stop: () => camera.stop(), output: () => camera.output() };
}
