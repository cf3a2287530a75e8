#!/usr/bin/env node
// `pnpm start`: serves the bundled sample once @rtspkit/server exists; until then it prints
// the package table with each package's state.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const serverCli = join(root, 'packages', 'cli', 'dist', 'index.js');
if (existsSync(serverCli)) {
  await import(serverCli);
} else {
  const planned = {
    server: 'one port for RTSP, TLS, HTTP tunnel and WebSocket; file, publisher and relay sources',
    client: 'sans-IO RTSP client session with every transport',
    player: 'browser player: WebSocket → RTSP → fMP4 → MediaSource',
    cli: 'rtspkit serve | probe | record | proxy',
  };
  const rows = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.private) continue;
    const state = existsSync(join(root, 'packages', dir, 'src', 'index.ts')) ? 'ready' : 'in progress';
    rows.push([pkg.name, state, pkg.description ?? '']);
  }
  for (const [name, what] of Object.entries(planned)) {
    if (!rows.some((r) => r[0] === `@rtspkit/${name}`)) rows.push([`@rtspkit/${name}`, 'planned', what]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log('rtspkit: RTSP from anywhere. The server is not built yet, so there is nothing to serve;');
  console.log('these are the packages and their state:\n');
  for (const [name, state, what] of rows) console.log(`  ${name.padEnd(w0)}  ${state.padEnd(w1)}  ${what}`);
  console.log('\nRun the tests with `pnpm test`; measure with `pnpm bench`.');
}
