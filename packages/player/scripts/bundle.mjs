#!/usr/bin/env node
// Bundles the player for pages that load it without a build step: dist/rtspkit-player.js,
// one minified ES module with every dependency inside (the server serves it as /player.js).
// Prints its size minified and gzipped, the number the README states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outfile = join(root, 'dist', 'rtspkit-player.js');
await build({
  entryPoints: [join(root, 'src', 'index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  outfile,
  logLevel: 'warning',
});
const bytes = readFileSync(outfile);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `dist/rtspkit-player.js: ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped`,
);
