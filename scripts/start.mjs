#!/usr/bin/env node
// `pnpm start [serve options]`: builds the CLI and what it depends on (turbo: cached by the
// content of every input, so dist always matches the sources), then runs `rtspkit serve`
// with the bundled sample. Extra arguments pass through (`pnpm start --port 9554`). A build
// that fails or produces no CLI stops here with a message: nothing stale is ever served.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'cli', 'dist', 'index.js');
const fail = (message) => {
  console.error(`pnpm start: ${message}`);
  process.exit(1);
};

const build = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  ['run', 'build', '--filter=@rtspkit/cli...', '--output-logs=errors-only'],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);
if (build.error) fail(`could not run turbo (${build.error.message}); run \`pnpm install\` first`);
if (build.status !== 0) fail('the build failed (see above); nothing was started');
if (!existsSync(cli)) fail(`the build did not produce ${cli}`);

const child = spawn(process.execPath, [cli, 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
