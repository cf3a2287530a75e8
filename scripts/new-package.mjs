#!/usr/bin/env node
// Scaffolds packages/<name> the way @rtspkit/bytes is laid out:
//   node scripts/new-package.mjs <name> "<description>" [dep ...]
// Deps are @rtspkit package names (workspace) or npm names. Run `pnpm install` afterwards.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description, ...deps] = process.argv.slice(2);
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>" [dep ...]');
  process.exit(2);
}
const dir = join(import.meta.dirname, '..', 'packages', name);
if (existsSync(join(dir, 'package.json'))) {
  console.error(`packages/${name} exists already`);
  process.exit(1);
}
for (const sub of ['src', 'test/fixtures']) mkdirSync(join(dir, sub), { recursive: true });

const dependencies = Object.fromEntries(deps.map((d) => [d, d.startsWith('@rtspkit/') ? 'workspace:^' : '*']));
const published = {
  '.': { types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' },
  './package.json': './package.json',
};
const pkg = {
  name: `@rtspkit/${name}`,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  // `@rtspkit/source` lets vitest and `tsc --noEmit` read src/ in the repo; the published
  // package.json gets `publishConfig.exports`, without it.
  exports: {
    '.': { '@rtspkit/source': './src/index.ts', ...published['.'] },
    './package.json': './package.json',
  },
  files: ['dist', 'src'],
  scripts: {
    build: 'tsc -p tsconfig.build.json',
    typecheck: 'tsc -p tsconfig.json --noEmit',
    test: `vitest run --config ../../vitest.config.ts --project ${name}`,
    prepack: 'node ../../scripts/check-dist.mjs',
  },
  engines: { node: '>=20.19' },
  publishConfig: { access: 'public', exports: published },
  repository: { type: 'git', url: 'git+https://github.com/rtspkit/rtspkit.git', directory: `packages/${name}` },
  homepage: `https://github.com/rtspkit/rtspkit/tree/main/packages/${name}#readme`,
  bugs: { url: 'https://github.com/rtspkit/rtspkit/issues' },
  keywords: ['rtsp'],
  dependencies,
  devDependencies: { '@rtspkit/test-utils': 'workspace:*', '@types/node': '^20.19.0' },
};
const write = (file, text) => writeFileSync(join(dir, file), text);
write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
write(
  'tsconfig.json',
  `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true, customConditions: ['@rtspkit/source'], types: ['node'] }, include: ['src', 'test'] }, null, 2)}\n`,
);
write(
  'tsconfig.build.json',
  `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }, null, 2)}\n`,
);
write(
  'test/fixtures/FIXTURES.md',
  `# Fixtures of @rtspkit/${name}\n\nEach file, what is odd about it, and the exact command that made it.\n`,
);
copyFileSync(join(import.meta.dirname, '..', 'LICENSE'), join(dir, 'LICENSE'));
write(
  'README.md',
  `# @rtspkit/${name}\n\n${description}\n\nESM only (\`import\`; there is no CommonJS build), for Node >=20.19 and current browsers; TypeScript types included.\n`,
);
console.log(
  `packages/${name} created (browser-safe by default: a Node-only package goes into the opt-out list of biome.json)`,
);
