import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/index.js';

type Target = string | Record<string, string>;
type PackageJson = {
  name: string;
  private?: boolean;
  exports?: Record<string, Target>;
  publishConfig?: { exports?: Record<string, Target> };
};

const packages = readdirSync(join(repoRoot, 'packages'))
  .map((name) => join(repoRoot, 'packages', name, 'package.json'))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson);

/** `exports` without the in-repo condition: what the published package.json must say. */
const published = (exportsMap: Record<string, Target>) =>
  Object.fromEntries(
    Object.entries(exportsMap).map(([subpath, target]) => {
      if (typeof target === 'string') return [subpath, target];
      const { '@rtspkit/source': _, ...rest } = target;
      return [subpath, rest];
    }),
  );

describe('export conditions', () => {
  // A private package without exports (the fuzzer) is run, never imported.
  for (const pkg of packages.filter((p) => !(p.private && p.exports === undefined))) {
    it(`${pkg.name}: src through "@rtspkit/source" in the repo, never published`, () => {
      const exportsMap = pkg.exports ?? {};
      for (const [subpath, target] of Object.entries(exportsMap)) {
        if (typeof target === 'string') continue;
        expect(Object.keys(target), `exports["${subpath}"]: use "@rtspkit/source", not "source"`).not.toContain(
          'source',
        );
        expect(target['@rtspkit/source'], `exports["${subpath}"] has no "@rtspkit/source" condition`).toMatch(
          /^\.\/src\/.+\.ts$/,
        );
        expect(target.default, `exports["${subpath}"] has no "default" condition`).toBeDefined();
      }
      expect(exportsMap['./package.json']).toBe('./package.json');
      if (!pkg.private) {
        expect(pkg.publishConfig?.exports, 'publishConfig.exports must be exports without "@rtspkit/source"').toEqual(
          published(exportsMap),
        );
      }
    });
  }
});
