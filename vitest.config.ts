import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Workspace imports resolve to `src/` through the "@rtspkit/source" export condition (kept
// out of the published package.json by `publishConfig.exports`), so tests never depend on a
// previous build.
const conditions = ['@rtspkit/source', 'module', 'node', 'import', 'default'];

// One project per package, per example and the bench harness, each inheriting this config.
const root = import.meta.dirname;
const within = (parent: string) => readdirSync(join(root, parent)).map((name) => `${parent}/${name}`);
const folders = [...within('packages'), ...within('examples'), 'bench'].filter((dir) =>
  existsSync(join(root, dir, 'package.json')),
);

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@rtspkit/source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: folders.map((dir) => ({
      extends: true,
      test: { name: dir.replace(/^packages\//, ''), root: join(root, dir), include: ['test/**/*.test.ts'] },
    })),
  },
});
