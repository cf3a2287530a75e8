import { join } from 'node:path';
import { requirePeer } from './peers.js';
import { runProcess, type RunResult } from './process.js';

/**
 * Runs `ffmpeg -v error -nostdin -y …args`; throws with FFmpeg's stderr when it fails or
 * times out (60 s by default), so a test names what FFmpeg refused.
 */
export async function runFfmpeg(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
  const r = await runProcess(requirePeer('ffmpeg'), ['-v', 'error', '-nostdin', '-y', ...args], {
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  if (r.code !== 0)
    throw new Error(`ffmpeg ${args.join(' ')} failed (${r.code}, timed out: ${r.timedOut}): ${r.stderr}`);
  return r;
}

/** What FFmpeg decodes `file` to, as 16-bit native PCM (`-f s16le`); `inputArgs` go before `-i`. */
export async function ffmpegPcm(file: string, inputArgs: readonly string[] = []): Promise<Int16Array> {
  const r = await runFfmpeg([...inputArgs, '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', '-']);
  const bytes = r.stdout;
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Options of {@link writeToneWav}. */
export type ToneWavOptions = {
  /** FFmpeg's audio encoder: `pcm_mulaw`, `pcm_alaw`, `pcm_s16le`, … */
  readonly codec: string;
  readonly channels?: number;
  readonly sampleRate?: number;
  readonly seconds?: number;
};

/** Writes a WAV file of a 440 Hz tone with FFmpeg's WAV muxer (default 3 s, 8 kHz, mono). */
export async function writeToneWav(path: string, options: ToneWavOptions): Promise<void> {
  const { codec, channels = 1, sampleRate = 8000, seconds = 3 } = options;
  await runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-ac',
    String(channels),
    '-ar',
    String(sampleRate),
    '-c:a',
    codec,
    path,
  ]);
}

/**
 * The G.711 WAV files of {@link writeG711Tones}: μ-law mono, A-law mono and A-law stereo,
 * each 3 s of the 440 Hz tone at 8 kHz. `law` is what a reader should find in the file
 * (`G711Law` of `@rtspkit/g711`, by value), `codec` FFmpeg's encoder, `file` the name in the
 * folder.
 */
export const G711_TONE_CASES = [
  { law: 'mulaw', codec: 'pcm_mulaw', channels: 1, file: 'pcm_mulaw-1.wav' },
  { law: 'alaw', codec: 'pcm_alaw', channels: 1, file: 'pcm_alaw-1.wav' },
  { law: 'alaw', codec: 'pcm_alaw', channels: 2, file: 'pcm_alaw-2.wav' },
] as const;

/** One of {@link G711_TONE_CASES}. */
export type G711ToneCase = (typeof G711_TONE_CASES)[number];

/** Writes every file of {@link G711_TONE_CASES} into `dir` with FFmpeg's WAV muxer. */
export async function writeG711Tones(dir: string): Promise<void> {
  for (const c of G711_TONE_CASES) await writeToneWav(join(dir, c.file), { codec: c.codec, channels: c.channels });
}
