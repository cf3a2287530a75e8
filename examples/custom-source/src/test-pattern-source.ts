import { type ChildProcess, spawn } from 'node:child_process';
import { splitAnnexB } from '@rtspkit/bytes';
import { type Format, h264Format } from '@rtspkit/format';
import { H264NalUnitType, h264NalUnitType, startsH264AccessUnit } from '@rtspkit/h264';
import type { SourceSink, StreamSource } from '@rtspkit/server';

/** Options of {@link TestPatternSource}. */
export type TestPatternOptions = {
  /** The FFmpeg program; `ffmpeg` on the PATH by default. */
  readonly ffmpeg?: string;
  /** Picture size, `WxH`; 640x360 by default. */
  readonly size?: string;
  /** Frames per second; 30 by default. */
  readonly fps?: number;
};

/**
 * A live source of your own: FFmpeg encodes a test pattern in real time (`-re`) and pipes
 * Annex-B H.264 to it; it splits the byte stream into NAL units and access units and hands
 * each one to the server the moment it is complete. The server does the rest: SDP, RTP,
 * fan-out to every reader over every transport.
 */
export class TestPatternSource implements StreamSource {
  readonly #options: Required<TestPatternOptions>;
  #child: ChildProcess | undefined;
  #sink: SourceSink | undefined;
  /** Bytes after the last start code seen: the NAL unit still arriving. */
  #rest: Uint8Array = new Uint8Array(0);
  #unit: Uint8Array[] = [];
  #unitHasPicture = false;
  #frames = 0;
  #sps: Uint8Array | undefined;
  #pps: Uint8Array | undefined;
  #onParameterSets: (() => void) | undefined;

  constructor(options: TestPatternOptions = {}) {
    this.#options = { ffmpeg: 'ffmpeg', size: '640x360', fps: 30, ...options };
  }

  /** Starts FFmpeg and resolves with the H.264 format once the first SPS and PPS arrive. */
  open(): Promise<readonly Format[]> {
    const { ffmpeg, size, fps } = this.#options;
    const child = spawn(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline'],
        ...['-g', String(fps), '-bf', '0', '-pix_fmt', 'yuv420p', '-f', 'h264', 'pipe:1'],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.#child = child;
    child.stdout?.on('data', (chunk: Buffer) =>
      this.#push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
    );
    return new Promise((resolve, reject) => {
      this.#onParameterSets = () =>
        resolve([h264Format({ sps: [this.#sps as Uint8Array], pps: [this.#pps as Uint8Array] })]);
      child.once('error', reject);
      child.once('exit', (code) => {
        reject(new Error(`ffmpeg exited with ${code} before sending SPS and PPS`));
        this.#sink?.end(new Error(`ffmpeg exited with ${code}`));
      });
    });
  }

  start(sink: SourceSink): void {
    this.#sink = sink;
  }

  stop(): void {
    this.#sink = undefined;
    this.#child?.kill();
  }

  /** Annex-B bytes in any chunking: every NAL unit before the last start code is complete. */
  #push(chunk: Uint8Array): void {
    const bytes = new Uint8Array(this.#rest.length + chunk.length);
    bytes.set(this.#rest);
    bytes.set(chunk, this.#rest.length);
    let last = -1;
    for (let i = bytes.length - 3; i > 0; i--) {
      if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) {
        last = bytes[i - 1] === 0 ? i - 1 : i;
        break;
      }
    }
    if (last <= 0) {
      this.#rest = bytes;
      return;
    }
    this.#rest = bytes.subarray(last);
    for (const nal of splitAnnexB(bytes.subarray(0, last))) this.#nal(nal);
  }

  /** One NAL unit: a new access unit starts at its first NAL unit after a picture (H.264 §7.4.1.2.3). */
  #nal(nal: Uint8Array): void {
    const type = h264NalUnitType(nal);
    if (type === H264NalUnitType.Sps) this.#sps ??= nal;
    if (type === H264NalUnitType.Pps) this.#pps ??= nal;
    if (this.#sps !== undefined && this.#pps !== undefined) this.#onParameterSets?.();
    if (this.#unitHasPicture && startsH264AccessUnit(nal)) {
      const units = this.#unit;
      const key = units.some((n) => h264NalUnitType(n) === H264NalUnitType.IdrSlice);
      // No B-frames: decode order is presentation order, one frame every 1/fps s (90 kHz clock).
      const timestamp = Math.round((this.#frames++ * 90_000) / this.#options.fps);
      this.#sink?.frame({ track: 0, timestamp, key, units });
      this.#unit = [];
      this.#unitHasPicture = false;
    }
    this.#unit.push(nal);
    if (type === H264NalUnitType.IdrSlice || type === H264NalUnitType.NonIdrSlice) this.#unitHasPicture = true;
  }
}
