import { type CapturedConnection, runProcess, startCamera, startProcess, startRelay } from '@rtspkit/test-utils';

/** The clients the fixtures capture. */
export type CapturePeer = 'ffmpeg-tcp' | 'ffmpeg-http' | 'ffmpeg-digest' | 'gst-tcp';

/**
 * Runs one client against gst-rtsp-server (test-utils' `startCamera`) through a recording relay and returns
 * what crossed each TCP connection. Bounded: the camera lives at most 30 s, each client 15 s.
 */
export async function capture(peer: CapturePeer): Promise<CapturedConnection[]> {
  const camera = await startCamera(peer === 'ffmpeg-digest' ? { auth: 'digest' } : {});
  try {
    const relay = await startRelay(camera.port);
    try {
      const url = `rtsp://${peer === 'ffmpeg-digest' ? 'user:secret@' : ''}127.0.0.1:${relay.port}/test`;
      if (peer === 'gst-tcp') {
        const gst = startProcess(
          'gst-launch-1.0',
          ['-e', 'rtspsrc', `location=${url}`, 'protocols=tcp', '!', 'fakesink'],
          {
            maxLifeMs: 15_000,
          },
        );
        await gst.waitForOutput(/Setting pipeline to PLAYING|New clock/, 10_000);
        await new Promise((r) => setTimeout(r, 1500));
        // SIGINT with -e: EOS, then the pipeline stops and rtspsrc sends TEARDOWN.
        gst.child.kill('SIGINT');
        await gst.exited(8000);
      } else {
        const transport = peer === 'ffmpeg-http' ? 'http' : 'tcp';
        const r = await runProcess(
          'ffmpeg',
          ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', transport, '-i', url, '-t', '1', '-f', 'null', '-'],
          {
            timeoutMs: 15_000,
          },
        );
        if (r.code !== 0) throw new Error(`ffmpeg failed (${r.code}): ${r.stderr}`);
      }
      // Let the relay see the last bytes and the closes.
      await new Promise((r) => setTimeout(r, 300));
      return relay.connections();
    } finally {
      await relay.close();
    }
  } finally {
    await camera.stop();
  }
}
