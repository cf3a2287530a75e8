#!/usr/bin/env node
// Bundles the player for pages that load it without a build step: dist/rtspkit-player.js,
// one minified ES module with every dependency inside (the server serves it as /player.js).
// Prints its size minified and gzipped, the number the README states (test/bundle.test.ts
// holds the README to it). `node scripts/bundle.mjs OUTFILE` writes elsewhere.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outfile = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist', 'rtspkit-player.js');
const name = process.argv[2] ? outfile : 'dist/rtspkit-player.js';
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
console.log(`${name}: ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped`);
