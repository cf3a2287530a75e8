import { requirePeer } from './peers.js';
import { runProcess } from './process.js';

export type ProbedStream = {
  readonly index: number;
  readonly codecType: 'video' | 'audio' | string;
  readonly codecName: string;
  readonly profile: string | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly sampleRate: number | undefined;
  readonly channels: number | undefined;
  /** Decoded frame count (`-count_frames`), when asked for. */
  readonly frames: number | undefined;
  /** Stream duration in seconds, when the container states it. */
  readonly duration: number | undefined;
};

export type ProbeResult = {
  readonly formatName: string;
  /** Container duration in seconds, when known. */
  readonly duration: number | undefined;
  readonly streams: readonly ProbedStream[];
};

const num = (v: unknown): number | undefined => (v === undefined || v === 'N/A' ? undefined : Number(v));

/**
 * Runs `ffprobe -of json` on a file or URL. With `countFrames`, decodes everything to count
 * frames (slower, exact).
 */
export async function ffprobe(
  input: string,
  options: { countFrames?: boolean; timeoutMs?: number; extraArgs?: readonly string[] } = {},
): Promise<ProbeResult> {
  const args = ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', ...(options.extraArgs ?? [])];
  if (options.countFrames) args.push('-count_frames');
  args.push(input);
  const r = await runProcess(requirePeer('ffprobe'), args, { timeoutMs: options.timeoutMs ?? 60_000 });
  if (r.code !== 0) throw new Error(`ffprobe ${input} failed (${r.code}, timed out: ${r.timedOut}): ${r.stderr}`);
  const json = JSON.parse(r.stdout.toString('utf8')) as {
    format?: { format_name?: string; duration?: string };
    streams?: Array<Record<string, unknown>>;
  };
  return {
    formatName: json.format?.format_name ?? '',
    duration: num(json.format?.duration),
    streams: (json.streams ?? []).map((s) => ({
      index: Number(s.index),
      codecType: String(s.codec_type),
      codecName: String(s.codec_name),
      profile: s.profile === undefined ? undefined : String(s.profile),
      width: num(s.width),
      height: num(s.height),
      sampleRate: num(s.sample_rate),
      channels: num(s.channels),
      frames: num(s.nb_read_frames),
      duration: num(s.duration),
    })),
  };
}

/** Per-packet timing as ffprobe reports it: what DTS/PTS tests compare against. */
export async function ffprobePackets(
  input: string,
  options: { stream?: string; timeoutMs?: number } = {},
): Promise<
  Array<{ pts: number | undefined; dts: number | undefined; duration: number | undefined; size: number; key: boolean }>
> {
  const r = await runProcess(
    requirePeer('ffprobe'),
    [
      '-v',
      'error',
      '-of',
      'json',
      '-select_streams',
      options.stream ?? 'v:0',
      '-show_entries',
      'packet=pts,dts,duration,size,flags',
      input,
    ],
    { timeoutMs: options.timeoutMs ?? 60_000 },
  );
  if (r.code !== 0) throw new Error(`ffprobe packets ${input} failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout.toString('utf8')) as { packets?: Array<Record<string, string>> };
  return (json.packets ?? []).map((p) => ({
    pts: num(p.pts),
    dts: num(p.dts),
    duration: num(p.duration),
    size: Number(p.size),
    key: (p.flags ?? '').includes('K'),
  }));
}
