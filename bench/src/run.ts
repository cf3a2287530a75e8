/**
 * `pnpm bench`: loads every `cases/*.bench.ts`, runs their suites in one process, prints a
 * table and writes `results/latest.json` (and a dated copy).
 *
 *   pnpm bench                 # all suites
 *   pnpm bench -- rtp          # suites whose name or file contains "rtp"
 *   BENCH_ROUNDS=5 pnpm bench  # quicker, noisier
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Suite, type SuiteResult, defaultOptions, formatTable, runSuite, sunkTotal } from './harness.js';

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
for (const file of files) {
  const mod = (await import(pathToFileURL(join(benchRoot, 'cases', file)).href)) as {
    suites: () => Promise<Suite[]> | Suite[];
  };
  for (const suite of await mod.suites()) {
    if (filter && !file.toLowerCase().includes(filter) && !suite.name.toLowerCase().includes(filter)) continue;
    process.stderr.write(`running ${suite.name} (${[suite.ours, ...suite.peers].map((i) => i.name).join(' vs ')})…\n`);
    results.push(runSuite(suite, { rounds, sliceMs }));
  }
}

console.log(formatTable(results));
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${platform()} ${arch()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  rounds,
  sliceMs,
  results,
};
mkdirSync(join(benchRoot, 'results'), { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(join(benchRoot, 'results', 'latest.json'), json);
writeFileSync(join(benchRoot, 'results', `${report.date.replace(/[:.]/g, '-')}.json`), json);
console.log(`\nwrote bench/results/latest.json (${results.length} suites, ${rounds} rounds of ${sliceMs} ms each)`);
console.error(`(sink ${sunkTotal()})`);
