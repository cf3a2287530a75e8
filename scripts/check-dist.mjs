#!/usr/bin/env node
// `prepack` of every public package: refuses to pack (and so to publish) a package whose
// dist/ lacks a file its exports name. Run `pnpm build` first (`pnpm release` does).
// (No timestamp check: a turbo cache hit after a rebase leaves dist/ correct but older
// than the files git rewrote.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const exportsMap = pkg.publishConfig?.exports ?? pkg.exports ?? {};
const targets = Object.values(exportsMap).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
const missing = [...targets, ...bins].filter((t) => !existsSync(join(dir, t)));
if (missing.length > 0) {
  console.error(`${pkg.name}: not packed, ${missing.join(', ')} missing: run \`pnpm build\` first`);
  process.exit(1);
}
