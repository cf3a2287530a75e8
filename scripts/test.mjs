#!/usr/bin/env node
// `pnpm test`: build, typecheck, lint, then every package's tests in one vitest run; ends
// with one plain summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n== ${title}: ${[command.replace(`${root}/`, ''), ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  return r.status === 0;
}

const started = Date.now();
const failedSteps = [];
if (!step('build and typecheck', bin('turbo'), ['run', 'build', 'typecheck', '--output-logs=errors-only'])) {
  failedSteps.push('build/typecheck');
}
if (!step('lint', bin('biome'), ['ci', '--colors=off', '.'])) failedSteps.push('lint');

mkdirSync(join(root, '.tmp'), { recursive: true });
const report = join(root, '.tmp', 'vitest-report.json');
// A report left by an earlier run must not be read as this run's.
rmSync(report, { force: true });
const testsOk = step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (!testsOk) failedSteps.push('tests');

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that fails to load counts as a failure even though it ran no test.
  failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
  failed += 1;
}
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;

console.log(
  `\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'} in ${Math.round((Date.now() - started) / 1000)} s`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1);
