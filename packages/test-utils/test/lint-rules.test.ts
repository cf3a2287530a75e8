import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runProcess, tempDir } from '../src/index.js';

/**
 * The Node-only source folders, the one opt-out of the browser-safety lint in biome.json.
 * Every other package's `src` is linted as browser code, new packages included.
 */
const NODE_ONLY = [
  'packages/test-utils/src',
  'packages/sample/src',
  'packages/fuzz/src',
  'packages/server/src',
  'packages/cli/src',
  'packages/client/src/node',
];

const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
const probe = "import { readFile } from 'node:fs';\nexport const size = Buffer.byteLength(readFile.name);\n";

// The probes go to a scratch copy of the layout (biome.json and one probe file per source
// folder) and never into the packages themselves: a probe in packages/bytes/src could be
// picked up by a parallel build or lint. (Biome prints no diagnostics for stdin input.)
const scratch = tempDir('rtspkit-lint-');
afterAll(() => scratch.remove());

/** Lints one probe file in each folder; returns the rules reported per folder. */
async function lintProbes(folders: readonly string[]): Promise<Map<string, string[]>> {
  cpSync(join(repoRoot, 'biome.json'), join(scratch.path, 'biome.json'));
  for (const folder of folders) {
    mkdirSync(join(scratch.path, folder), { recursive: true });
    writeFileSync(join(scratch.path, folder, 'probe.ts'), probe);
  }
  const r = await runProcess(
    biome,
    ['lint', '--colors=off', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', '.'],
    {
      timeoutMs: 60_000,
      cwd: scratch.path,
    },
  );
  const rules = new Map<string, string[]>(folders.map((f) => [f, []]));
  for (const m of r.stdout.toString().matchAll(/title=lint\/\w+\/(\w+),file=([^,]+)\/probe\.ts/g)) {
    const folder = (m[2] as string).slice(scratch.path.length + 1);
    rules.get(folder)?.push(m[1] as string);
  }
  return rules;
}

const packages = readdirSync(join(repoRoot, 'packages')).map((name) => `packages/${name}/src`);
const folders = [...new Set([...packages, ...NODE_ONLY, 'packages/client/src', 'packages/a-new-package/src'])].sort();

describe('browser-safety lint (opt-out: only Node packages are listed)', async () => {
  const rules = await lintProbes(folders);
  for (const folder of folders) {
    const nodeOnly = NODE_ONLY.includes(folder);
    it(`${nodeOnly ? 'allows' : 'rejects'} a node: import and Buffer in ${folder}`, () => {
      expect(rules.get(folder)?.sort()).toEqual(nodeOnly ? [] : ['noNodejsModules', 'noRestrictedGlobals']);
    });
  }
});
