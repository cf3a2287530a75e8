import { once } from 'node:events';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort, runProcess, SYSTEM_PYTHON, startProcess } from '@rtspkit/test-utils';

/** Both directions of one TCP connection through the relay. */
export type CapturedConnection = { readonly client: Uint8Array; readonly server: Uint8Array };

const cameraScript = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'camera.py');

/** A TCP relay on 127.0.0.1 that forwards to `targetPort` and records every byte both ways. */
export async function startRelay(
  targetPort: number,
): Promise<{ port: number; connections: () => CapturedConnection[]; close: () => Promise<void> }> {
  const records: Array<{ client: Buffer[]; server: Buffer[] }> = [];
  const server: Server = createServer((down) => {
    const record = { client: [] as Buffer[], server: [] as Buffer[] };
    records.push(record);
    const up = createConnection({ host: '127.0.0.1', port: targetPort });
    down.on('data', (d: Buffer) => {
      record.client.push(d);
      up.write(d);
    });
    up.on('data', (d: Buffer) => {
      record.server.push(d);
      down.write(d);
    });
    const end = () => {
      down.destroy();
      up.destroy();
    };
    down.on('close', end);
    up.on('close', end);
    down.on('error', end);
    up.on('error', end);
  });
  const port = await freeTcpPort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    port,
    connections: () =>
      records.map((r) => ({
        client: new Uint8Array(Buffer.concat(r.client)),
        server: new Uint8Array(Buffer.concat(r.server)),
      })),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** How {@link startCamera} configures gst-rtsp-server (see camera.py). */
export type CameraOptions = {
  /** Digest credentials user / secret required. */
  readonly digest?: boolean;
  /** A gst-rtsp-server launch line replacing the test pattern (pay0… or depay0…). */
  readonly launch?: string;
  /** The mount accepts ANNOUNCE/RECORD only. */
  readonly record?: boolean;
};

/** A running camera.py: its port, and `stop()` to end it. */
export type Camera = { readonly port: number; readonly stop: () => Promise<void> };

/** Starts gst-rtsp-server (camera.py) on a free 127.0.0.1 port; it lives at most 30 s. */
export async function startCamera(options: CameraOptions = {}): Promise<Camera> {
  const port = await freeTcpPort();
  const args = [cameraScript, String(port), options.digest === true ? 'digest' : 'none'];
  if (options.launch !== undefined) args.push('--launch', options.launch);
  if (options.record === true) args.push('--record');
  const camera = startProcess(SYSTEM_PYTHON, args, { maxLifeMs: 30_000 });
  try {
    await camera.waitForOutput(/ready/, 15_000);
  } catch (e) {
    await camera.stop();
    throw e;
  }
  return { port, stop: () => camera.stop() };
}

/** The clients the fixtures capture. */
export type CapturePeer = 'ffmpeg-tcp' | 'ffmpeg-http' | 'ffmpeg-digest' | 'gst-tcp';

/**
 * Runs one client against gst-rtsp-server (camera.py) through a recording relay and returns
 * what crossed each TCP connection. Bounded: the camera lives at most 30 s, each client 15 s.
 */
export async function capture(peer: CapturePeer): Promise<CapturedConnection[]> {
  const camera = await startCamera({ digest: peer === 'ffmpeg-digest' });
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
