/**
 * fMP4 muxing: the same 300 access units of the sample (Constrained Baseline H.264,
 * 640x360, a key frame every 30) into a fragmented MP4, one fragment per GOP for every
 * implementation.
 *
 * mediabunny is asynchronous while the harness times synchronous batches: its batches run
 * in a worker thread that muxes one whole file per batch, and the main thread blocks on
 * `Atomics.wait` until the file is done (the wake-up adds tens of microseconds to a
 * batch of several milliseconds).
 */
import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort, Worker, isMainThread, workerData } from 'node:worker_threads';
import { concat, joinLengthPrefixed, splitAnnexB } from '@rtspkit/bytes';
import { Fmp4Muxer, inspectBoxes, type VideoTrack } from '@rtspkit/fmp4';
import { avcCFromParameterSets, groupH264AccessUnits, isH264KeyFrame, serializeAvcC } from '@rtspkit/h264';
import { samples } from '@rtspkit/sample';
import { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Mp4OutputFormat, Output } from 'mediabunny';
import { ArrayBufferTarget, Muxer } from 'mp4-muxer';
import { type Suite, sink } from '../src/harness.js';

type Frame = { data: Uint8Array; key: boolean; pts: number };
type Input = { track: VideoTrack; frames: Frame[]; codec: string };

const FRAME_US = 1_000_000 / 30;

function load(): Input {
  const aus = groupH264AccessUnits(splitAnnexB(readFileSync(samples.h264Baseline.path)));
  const first = aus[0]!;
  const type = (n: Uint8Array) => n[0]! & 0x1f;
  const config = serializeAvcC(
    avcCFromParameterSets(
      first.filter((n) => type(n) === 7),
      first.filter((n) => type(n) === 8),
    ),
  );
  const frames = aus.map((au, i) => ({
    data: joinLengthPrefixed(au.filter((n) => ![7, 8, 9].includes(type(n)))),
    key: isH264KeyFrame(au),
    pts: i * 3000,
  }));
  const sps = first.find((n) => type(n) === 7)!;
  const codec = `avc1.${Array.from(sps.subarray(1, 4), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const track: VideoTrack = { id: 1, kind: 'video', codec: 'avc1', timescale: 90_000, width: 640, height: 360, config };
  return { track, frames, codec };
}

function muxOurs(input: Input): Uint8Array[] {
  const mux = new Fmp4Muxer({ tracks: [input.track], fragment: 'gop' });
  const out: Uint8Array[] = [];
  for (const f of input.frames) for (const c of mux.push(1, f)) out.push(c);
  for (const c of mux.flush()) out.push(c);
  return out;
}

function muxMp4Muxer(input: Input): ArrayBuffer {
  const target = new ArrayBufferTarget();
  const muxer = new Muxer({
    target,
    fastStart: 'fragmented',
    minFragmentDuration: 0, // a fragment at every key frame, as our 'gop' policy
    video: { codec: 'avc', width: 640, height: 360 },
  });
  const meta = {
    decoderConfig: { codec: input.codec, codedWidth: 640, codedHeight: 360, description: input.track.config },
  };
  input.frames.forEach((f, i) => {
    muxer.addVideoChunkRaw(f.data, f.key ? 'key' : 'delta', i * FRAME_US, FRAME_US, i === 0 ? meta : undefined);
  });
  muxer.finalize();
  return target.buffer;
}

async function muxMediabunny(input: Input): Promise<ArrayBuffer> {
  const output = new Output({
    format: new Mp4OutputFormat({ fastStart: 'fragmented', minimumFragmentDuration: 0 }),
    target: new BufferTarget(),
  });
  const source = new EncodedVideoPacketSource('avc');
  output.addVideoTrack(source, { frameRate: 30 });
  await output.start();
  const meta = {
    decoderConfig: { codec: input.codec, codedWidth: 640, codedHeight: 360, description: input.track.config },
  };
  for (let i = 0; i < input.frames.length; i++) {
    const f = input.frames[i]!;
    await source.add(new EncodedPacket(f.data, f.key ? 'key' : 'delta', i / 30, 1 / 30), i === 0 ? meta : undefined);
  }
  await output.finalize();
  return (output.target as BufferTarget).buffer!;
}

/** Samples in every `trun` of a file, read with our inspector. */
function countSamples(file: Uint8Array): number {
  let n = 0;
  for (const moof of inspectBoxes(file).filter((b) => b.type === 'moof')) {
    for (const traf of moof.children.filter((b) => b.type === 'traf')) {
      for (const trun of traf.children) if (trun.fields?.kind === 'trun') n += trun.fields.samples.length;
    }
  }
  return n;
}

type WorkerRequest = { verify: boolean };
type WorkerReply = { samples: number; bytes?: Uint8Array };
type Shared = { signal: Int32Array; output: Uint8Array };

// Room for one muxed file handed back for verify(); the sample muxes to about 0.6 MB.
const OUTPUT_BYTES = 8 << 20;

// Worker side: mux one file per request, then write the result to shared memory and wake
// the main thread (signal[0] = 1, signal[1] = samples, signal[2] = bytes copied for verify).
if (!isMainThread && (workerData as { fmp4Bench?: boolean } | null)?.fmp4Bench) {
  const { port, signal, output } = workerData as { port: MessagePort } & Shared;
  const input = load();
  port.postMessage('ready');
  port.on('message', async (req: WorkerRequest) => {
    const file = new Uint8Array(await muxMediabunny(input));
    signal[1] = req.verify ? countSamples(file) : input.frames.length;
    signal[2] = 0;
    if (req.verify && file.length <= output.length) {
      output.set(file);
      signal[2] = file.length;
    }
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/**
 * A synchronous handle on mediabunny running in a worker, once the worker has loaded
 * (module loading must not happen while the main thread blocks).
 */
async function mediabunnyWorker(): Promise<{ run: (verify: boolean) => WorkerReply }> {
  const signal = new Int32Array(new SharedArrayBuffer(12));
  const output = new Uint8Array(new SharedArrayBuffer(OUTPUT_BYTES));
  const { port1, port2 } = new MessageChannel();
  // The worker loads this TypeScript file itself: register tsx's loader in it first.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(entry, {
    eval: true,
    workerData: { fmp4Bench: true, port: port2, signal, output },
    transferList: [port2],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    port1.once('message', () => resolve());
  });
  worker.unref();
  port1.unref();
  return {
    run(verify) {
      Atomics.store(signal, 0, 0);
      port1.postMessage({ verify } satisfies WorkerRequest);
      if (Atomics.wait(signal, 0, 0, 60_000) === 'timed-out') throw new Error('mediabunny worker timed out');
      const reply: WorkerReply = { samples: signal[1]! };
      if (verify) reply.bytes = output.slice(0, signal[2]!);
      return reply;
    },
  };
}

export async function suites(): Promise<Suite[]> {
  const input = load();
  const frames = input.frames.length;
  const bunny = await mediabunnyWorker();
  const peers = [
    { name: 'mp4-muxer 5.2.2 (ArrayBufferTarget)', run: () => sink(muxMp4Muxer(input).byteLength, frames) },
    { name: 'mediabunny 1.61.0 (BufferTarget, async, in a worker)', run: () => sink(bunny.run(false).samples, frames) },
  ];
  const verify = () => {
    const files: Array<[string, Uint8Array]> = [
      ['rtspkit', concat(...muxOurs(input))],
      ['mp4-muxer', new Uint8Array(muxMp4Muxer(input))],
    ];
    const reply = bunny.run(true);
    if (!reply.bytes?.length) throw new Error('mediabunny returned no file');
    files.push(['mediabunny', reply.bytes]);
    for (const [name, file] of files) {
      const n = countSamples(file);
      if (n !== frames) throw new Error(`${name} wrote ${n} samples, expected ${frames}`);
    }
  };
  return [
    {
      name: 'fMP4 mux, 300 H.264 frames, fragment per GOP (chunks, zero copy)',
      unit: 'frames',
      ours: { name: 'rtspkit Fmp4Muxer (Uint8Array[] chunks)', run: () => sink(muxOurs(input).length, frames) },
      peers,
      verify,
    },
    {
      name: 'fMP4 mux, 300 H.264 frames, fragment per GOP (one contiguous buffer)',
      unit: 'frames',
      ours: { name: 'rtspkit Fmp4Muxer + concat', run: () => sink(concat(...muxOurs(input)).length, frames) },
      peers,
      verify,
    },
  ];
}
