// `pnpm fuzz`: the long run. Workers fuzz the selected targets in parallel; a watchdog turns
// an input that never returns into a `hang` finding; findings are shrunk and written as files.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { examine } from './check.js';
import { FINDINGS_DIR, type Finding, fromBase64, readFindings, toBase64, writeFinding } from './findings.js';
import { fuzz, kindOf, locate } from './fuzz.js';
import { generate } from './generate.js';
import { selectTargets } from './targets/index.js';

type Job = {
  seed: number;
  target: string | undefined;
  inputs?: number;
  deadline?: number;
  job: number;
  jobs: number;
  start: number;
  heartbeat: SharedArrayBuffer;
};
type Message =
  | { type: 'finding'; finding: Finding }
  | { type: 'progress'; done: number }
  | { type: 'done'; done: number };

const HANG_MS = 60_000;

if (!isMainThread) {
  const job = workerData as Job;
  const heartbeat = new Int32Array(job.heartbeat);
  const post = (m: Message) => parentPort?.postMessage(m);
  let last = 0;
  const { inputs } = fuzz({
    seed: job.seed,
    targets: selectTargets(job.target),
    job: job.job,
    jobs: job.jobs,
    start: job.start,
    heartbeat,
    ...(job.inputs === undefined ? {} : { inputs: job.inputs }),
    ...(job.deadline === undefined ? {} : { deadline: job.deadline }),
    onFinding: (finding) => post({ type: 'finding', finding }),
    onProgress: (done) => {
      post({ type: 'progress', done: done - last });
      last = done;
    },
  });
  post({ type: 'done', done: inputs - last });
} else {
  await main();
}

function usage(): never {
  console.log(`usage: pnpm fuzz [options]
  --inputs N     stop after N inputs in all (across targets)
  --minutes M    stop after M minutes (default 10 when --inputs is not given)
  --target X     only targets whose name contains X (comma-separated list)
  --seed S       the run's seed (default: random; printed, so a run can be repeated)
  --jobs J       worker threads (default 1)
  --findings D   where findings are written (default packages/fuzz/findings)
  --list         list the targets and exit
  --replay       re-run every finding in the findings folder and say which still fail`);
  process.exit(0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      inputs: { type: 'string' },
      minutes: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string' },
      jobs: { type: 'string' },
      findings: { type: 'string' },
      list: { type: 'boolean' },
      replay: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) usage();
  const targets = selectTargets(values.target);
  if (values.list) {
    for (const t of targets) console.log(`${t.name}${t.pending ? `  (pending: ${t.pending})` : ''}`);
    return;
  }
  const dir = values.findings ?? FINDINGS_DIR;
  if (values.replay) {
    let open = 0;
    for (const f of readFindings(dir)) {
      const target = targets.find((t) => t.name === f.target);
      if (!target) continue;
      const failure = examine(target, fromBase64(f.input), {
        probe: f.check === 'nonlinear',
        memory: f.check === 'memory',
      });
      if (failure) open++;
      console.log(
        `${failure ? 'FAILS' : 'fixed'}  ${f.file}${failure ? `  ${failure.check}: ${failure.message}` : ''}`,
      );
    }
    process.exitCode = open > 0 ? 1 : 0;
    return;
  }
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const inputs = values.inputs === undefined ? undefined : Number(values.inputs);
  const minutes = values.minutes === undefined ? (inputs === undefined ? 10 : undefined) : Number(values.minutes);
  const deadline = minutes === undefined ? undefined : Date.now() + minutes * 60_000;
  const jobs = Math.max(1, Number(values.jobs ?? 1));
  if (targets.length === 0) throw new Error(`no target matches ${values.target}`);
  console.log(
    `fuzzing ${targets.length} targets, seed ${seed}, ${inputs === undefined ? '' : `${inputs} inputs`}${inputs !== undefined && minutes !== undefined ? ' or ' : ''}${minutes === undefined ? '' : `${minutes} min`}, ${jobs} job(s)`,
  );

  const started = Date.now();
  let done = 0;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const report = (f: Finding) => {
    const key = kindOf(f.target, f.check);
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
    const path = writeFinding(dir, f);
    if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    console.log(`FINDING ${f.target} ${f.check}: ${f.message}\n  ${path}`);
  };
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastLine < (tty ? 1000 : 30_000)) return;
    lastLine = now;
    const s = (now - started) / 1000;
    const line = `${done.toLocaleString('en')} inputs, ${Math.round(done / Math.max(s, 0.001)).toLocaleString('en')}/s, ${findings.length} findings, ${Math.round(s)} s`;
    if (tty) process.stdout.write(`\r\x1b[K${line}`);
    else console.log(line);
  };

  const runJob = (job: number, start: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const heartbeat = new SharedArrayBuffer(8);
      const beat = new Int32Array(heartbeat);
      Atomics.store(beat, 0, -1);
      const data: Job = {
        seed,
        target: values.target,
        job,
        jobs,
        start,
        heartbeat,
        ...(inputs === undefined ? {} : { inputs }),
        ...(deadline === undefined ? {} : { deadline }),
      };
      // Workers load TypeScript through tsx's loader, registered inside the worker.
      const boot = `(async () => { (await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})).register(); await import(${JSON.stringify(import.meta.url)}); })()`;
      const worker = new Worker(boot, { eval: true, workerData: data, execArgv: process.execArgv });
      let seenAt = Date.now();
      let last = -1;
      const watchdog = setInterval(() => {
        const g = Atomics.load(beat, 0);
        if (g !== last) {
          last = g;
          seenAt = Date.now();
          return;
        }
        if (g < 0 || Date.now() - seenAt < HANG_MS) return;
        clearInterval(watchdog);
        void worker.terminate();
        const { target, index } = locate(targets, g);
        const { input } = generate(target, seed, index);
        report({
          target: target.name,
          check: 'hang',
          message: `no answer after ${HANG_MS / 1000} s`,
          seed,
          index,
          input: toBase64(input),
          length: input.length,
        });
        // carry on after the hung input, with the same share of the inputs
        runJob(job, g + jobs - job).then(resolve, reject);
      }, 1000);
      worker.on('message', (m: Message) => {
        if (m.type === 'finding') report(m.finding);
        else done += m.done;
        progress();
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        reject(e);
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        resolve();
      });
    });

  await Promise.all(Array.from({ length: jobs }, (_, job) => runJob(job, 0)));
  progress(true);
  if (tty) process.stdout.write('\n');
  const s = Math.round((Date.now() - started) / 1000);
  console.log(
    `${done} inputs across ${targets.length} targets in ${s} s (seed ${seed}): ${findings.length === 0 ? 'no findings' : `${findings.length} findings in ${dir}`}`,
  );
  process.exitCode = findings.length === 0 ? 0 : 1;
}
