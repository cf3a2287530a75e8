/**
 * `pnpm bench`: loads every `cases/*.bench.ts`, runs their suites in one process (and their
 * comparisons, which start servers of their own), prints tables and writes
 * `results/latest.json` (and a dated copy).
 *
 *   pnpm bench                 # all suites
 *   pnpm bench -- rtp          # suites whose name or file contains "rtp"
 *   BENCH_ROUNDS=5 pnpm bench  # quicker, noisier
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Comparison,
  formatComparisons,
  type Suite,
  type SuiteResult,
  defaultOptions,
  formatTable,
  runSuite,
  sunkTotal,
} from './harness.js';

const benchRoot = join(import.meta.dirname, '..');
const filter = process.argv
  .slice(2)
  .find((a) => a !== '--')
  ?.toLowerCase();
const rounds = Number(process.env.BENCH_ROUNDS ?? defaultOptions.rounds);
const sliceMs = Number(process.env.BENCH_SLICE_MS ?? defaultOptions.sliceMs);

const files = readdirSync(join(benchRoot, 'cases'))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const results: SuiteResult[] = [];
const comparisons: Comparison[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(benchRoot, 'cases', file)).href)) as {
    suites?: () => Promise<Suite[]> | Suite[];
    comparisons?: (selected: (name: string) => boolean) => Promise<Comparison[]>;
  };
  const selected = (name: string) =>
    !filter || file.toLowerCase().includes(filter) || name.toLowerCase().includes(filter);
  for (const suite of (await mod.suites?.()) ?? []) {
    if (!selected(suite.name)) continue;
    process.stderr.write(`running ${suite.name} (${[suite.ours, ...suite.peers].map((i) => i.name).join(' vs ')})…\n`);
    results.push(runSuite(suite, { rounds, sliceMs }));
  }
  comparisons.push(...((await mod.comparisons?.(selected)) ?? []));
}

if (results.length > 0) console.log(formatTable(results));
if (comparisons.length > 0) console.log(`\n${formatComparisons(comparisons)}`);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${platform()} ${arch()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  rounds,
  sliceMs,
  results,
  comparisons,
};
mkdirSync(join(benchRoot, 'results'), { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(join(benchRoot, 'results', 'latest.json'), json);
writeFileSync(join(benchRoot, 'results', `${report.date.replace(/[:.]/g, '-')}.json`), json);
console.log(
  `\nwrote bench/results/latest.json (${results.length} suites, ${rounds} rounds of ${sliceMs} ms each; ${comparisons.length} comparisons)`,
);
console.error(`(sink ${sunkTotal()})`);
