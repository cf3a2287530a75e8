// Browser side of the MseSink tests: fetches a plan of segments and feeds them to an
// MseSink at the pace they would arrive live, then reports what the element does.
import { MseSink } from '../../src/index.js';

type PlanItem = {
  readonly kind: 'init' | 'media';
  readonly at: number;
  readonly key: boolean;
  readonly mediaTime: number;
  readonly mime?: string;
};

type Report = {
  errors: string[];
  infos: string[];
  fed: number;
  planned: number;
  done: boolean;
};

const w = window as unknown as { report: Report; sink: MseSink; snapshot: () => unknown; peak: number };
w.peak = 0;
const report: Report = { errors: [], infos: [], fed: 0, planned: 0, done: false };
w.report = report;
const video = document.getElementById('v') as HTMLVideoElement;
const sink = new MseSink(video, {
  onError: (e) => report.errors.push(`${e.code}: ${e.message}`),
  onInfo: (m) => report.infos.push(m),
});
w.sink = sink;
w.snapshot = () => {
  const s = sink.stats();
  return {
    currentTime: video.currentTime,
    paused: video.paused,
    decodedFrames: s.decodedFrames,
    droppedFrames: s.droppedFrames,
    bufferedSeconds: s.bufferedSeconds,
    latencyMs: s.latencyMs,
    recoveries: s.recoveries,
    peak: w.peak,
    fed: report.fed,
    planned: report.planned,
    errors: report.errors,
    buffered: Array.from({ length: video.buffered.length }, (_, i) => [video.buffered.start(i), video.buffered.end(i)]),
  };
};

if (!video.muted) {
  // Sound through Web Audio: the loudest sample the element has played so far, proof that audio decodes
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaElementSource(video).connect(analyser);
  analyser.connect(context.destination);
  const buffer = new Float32Array(analyser.fftSize);
  setInterval(() => {
    void context.resume();
    analyser.getFloatTimeDomainData(buffer);
    for (const v of buffer) w.peak = Math.max(w.peak, Math.abs(v));
  }, 20);
}

const plan = (await (await fetch('/plan')).json()) as PlanItem[];
report.planned = plan.length;
const bodies = await Promise.all(
  plan.map(async (_, i) => new Uint8Array(await (await fetch(`/seg/${i}`)).arrayBuffer())),
);
const t0 = performance.now();
const wall0 = Date.now();
const feed = () => {
  const t = (performance.now() - t0) / 1000;
  while (report.fed < plan.length && plan[report.fed]!.at <= t) {
    const p = plan[report.fed]!;
    const data = bodies[report.fed]!;
    try {
      if (p.kind === 'init') sink.init(p.mime!, data);
      // capture time = the moment the segment was due: the latency measured is arrival → display
      else sink.append(data, { key: p.key, mediaTime: p.mediaTime, wallClockMs: wall0 + p.at * 1000 });
    } catch (e) {
      report.errors.push(String(e));
    }
    report.fed++;
  }
  if (report.fed < plan.length) setTimeout(feed, 4);
  else report.done = true;
};
feed();
