import { fileURLToPath } from 'node:url';
import { freeTcpPort } from './ports.js';
import { startProcess } from './process.js';
import { SYSTEM_PYTHON } from './peers.js';

/** The gst-rtsp-server stand-in camera (run it with {@link SYSTEM_PYTHON}). */
export const CAMERA_SCRIPT = fileURLToPath(new URL('../camera.py', import.meta.url));

/** The credentials the camera requires when started with `auth`. */
export const CAMERA_CREDENTIALS = { user: 'user', password: 'secret' } as const;

/** How {@link startCamera} configures gst-rtsp-server (see camera.py). */
export type CameraOptions = {
  /** Require Basic or Digest credentials ({@link CAMERA_CREDENTIALS} unless given). */
  readonly auth?: 'basic' | 'digest';
  readonly user?: string;
  readonly password?: string;
  /**
   * The gst-rtsp-server launch line of `/test`, replacing the H.264 test pattern: payloaders
   * `pay0`, `pay1`… (see {@link fileLaunch}), or depayloaders `depay0`… with `record`.
   */
  readonly launch?: string;
  /** More mounts: path (with its leading `/`) → launch line. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Every mount accepts ANNOUNCE/RECORD only (`RTSPTransportMode.RECORD`). */
  readonly record?: boolean;
  /** Clients of one mount share one pipeline. */
  readonly shared?: boolean;
  /** Hard limit on the camera's life (default 30 s). */
  readonly maxLifeMs?: number;
  /** Listen on this port (to start a camera again where it was); default a free one. */
  readonly port?: number;
};

/** A running camera: its port, URLs of its mounts, and `stop()`. */
export type Camera = {
  readonly port: number;
  readonly pid: number;
  /** `rtsp://[user:password@]127.0.0.1:PORT/test` or another mount. */
  url(path?: string, options?: { readonly credentials?: boolean }): string;
  /** What the camera printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
};

/**
 * Starts gst-rtsp-server (camera.py) on a free 127.0.0.1 port and waits until it listens.
 * Serves `/test` (and `mounts`) over RTSP and the QuickTime HTTP tunnel on the same port.
 * The caller stops it (an `afterAll`); it dies by itself after `maxLifeMs`.
 *
 * @example
 * const camera = await startCamera({ auth: 'digest' });
 * try { await play(camera.url('/test', { credentials: true })); } finally { await camera.stop(); }
 */
export async function startCamera(options: CameraOptions = {}): Promise<Camera> {
  const port = options.port ?? (await freeTcpPort());
  const user = options.user ?? CAMERA_CREDENTIALS.user;
  const password = options.password ?? CAMERA_CREDENTIALS.password;
  const args = [CAMERA_SCRIPT, String(port), '--auth', options.auth ?? 'none', '--user', user, '--password', password];
  if (options.launch !== undefined) args.push('--launch', options.launch);
  for (const [path, launch] of Object.entries(options.mounts ?? {})) args.push('--mount', `${path}=${launch}`);
  if (options.record === true) args.push('--record');
  if (options.shared === true) args.push('--shared');
  const camera = startProcess(SYSTEM_PYTHON, args, { maxLifeMs: options.maxLifeMs ?? 30_000 });
  try {
    // gst-rtsp-server with GI bindings can take many seconds to start on a loaded machine.
    await camera.waitForOutput(/^ready$/m, 60_000);
  } catch (e) {
    await camera.stop();
    throw e;
  }
  return {
    port,
    pid: camera.pid,
    url(path = '/test', urlOptions = {}) {
      const auth =
        urlOptions.credentials === true ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}@` : '';
      return `rtsp://${auth}127.0.0.1:${port}${path}`;
    },
    output: () => camera.output(),
    stop: () => camera.stop(),
  };
}

/**
 * A live camera as launch line: H.264 320x240 at 30 fps with a key frame a second (Main
 * profile with two B-frames when `bFrames`, Constrained Baseline otherwise) and, unless
 * `audio` is false, a 48 kHz stereo AAC sine (mpeg4-generic, `pay1`).
 */
export function liveLaunch(options: { readonly bFrames?: boolean; readonly audio?: boolean } = {}): string {
  const x264 = options.bFrames
    ? 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 bframes=2 b-adapt=false ! video/x-h264,profile=main'
    : 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 tune=zerolatency ! video/x-h264,profile=constrained-baseline';
  const video = `videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! ${x264} ! rtph264pay name=pay0 pt=96 config-interval=-1`;
  const audio =
    'audiotestsrc is-live=true wave=sine ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97';
  return `( ${video}${options.audio === false ? '' : ` ${audio}`} )`;
}

/** A codec the camera plays from an elementary-stream file (Annex-B or ADTS). */
export type CameraCodec = 'h264' | 'h265' | 'aac';

const elements: Record<CameraCodec, { parse: string; pay: string; depay: string }> = {
  h264: { parse: 'h264parse', pay: 'rtph264pay', depay: 'rtph264depay' },
  h265: { parse: 'h265parse', pay: 'rtph265pay', depay: 'rtph265depay' },
  // RFC 3640 mpeg4-generic (AAC-hbr), as most cameras send AAC.
  aac: { parse: 'aacparse', pay: 'rtpmp4gpay', depay: 'rtpmp4gdepay' },
};

/**
 * A launch line playing files once, one stream each (`pay0`, `pay1`… with payload types
 * 96, 97…): e.g. the bundled samples, `fileLaunch({ path: samples.h264Baseline.path, codec:
 * 'h264' })`.
 */
export function fileLaunch(...files: ReadonlyArray<{ readonly path: string; readonly codec: CameraCodec }>): string {
  const branches = files.map(({ path, codec }, i) => {
    const e = elements[codec];
    return `filesrc location=${path} ! ${e.parse} ! ${e.pay} name=pay${i} pt=${96 + i}`;
  });
  return `( ${branches.join(' ')} )`;
}

/** A RECORD launch line that accepts one announced stream of `codec` and discards it. */
export function recordLaunch(codec: CameraCodec | 'mp4a-latm'): string {
  const depay = codec === 'mp4a-latm' ? 'rtpmp4adepay' : elements[codec].depay;
  return `( ${depay} name=depay0 ! fakesink )`;
}

/** Caps that make a parser write a playable elementary stream (Annex-B, ADTS). */
const elementaryCaps: Record<CameraCodec, string> = {
  h264: 'video/x-h264,stream-format=byte-stream',
  h265: 'video/x-h265,stream-format=byte-stream',
  aac: 'audio/mpeg,stream-format=adts',
};

/**
 * A RECORD launch line that writes each announced stream (in SDP order: `depay0`,
 * `depay1`…) to an elementary stream file, Annex-B or ADTS, which ffprobe counts frames of.
 * AAC is read as RFC 3640 mpeg4-generic.
 *
 * @example
 * startCamera({ record: true, launch: recordToFilesLaunch({ codec: 'h264', path: 'in.h264' }) });
 */
export function recordToFilesLaunch(
  ...files: ReadonlyArray<{ readonly path: string; readonly codec: CameraCodec }>
): string {
  const branches = files.map(({ path, codec }, i) => {
    const e = elements[codec];
    return `${e.depay} name=depay${i} ! ${e.parse} ! ${elementaryCaps[codec]} ! filesink location=${path}`;
  });
  return `( ${branches.join(' ')} )`;
}
