import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runProcess } from '../src/index.js';

const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
const probe = "import { readFile } from 'node:fs';\nexport const size = Buffer.byteLength(readFile.name);\n";

/** Writes a probe file into `dir`, lints it with the repo's Biome config, removes it. */
async function lintProbe(dir: string): Promise<string> {
  const file = join(repoRoot, dir, `lint-probe-${process.pid}-${Date.now()}.ts`);
  writeFileSync(file, probe);
  try {
    const r = await runProcess(biome, ['lint', '--colors=off', '--max-diagnostics=50', file], {
      timeoutMs: 30_000,
      cwd: repoRoot,
    });
    return r.stdout.toString() + r.stderr;
  } finally {
    rmSync(file, { force: true });
  }
}

describe('lint rules for isomorphic codec packages', () => {
  it('rejects a node: import and Buffer in a codec package', async () => {
    const out = await lintProbe('packages/bytes/src');
    expect(out).toContain('lint/correctness/noNodejsModules');
    expect(out).toContain('lint/style/noRestrictedGlobals');
  });
  it('allows them in a Node-only package', async () => {
    const out = await lintProbe('packages/test-utils/src');
    expect(out).not.toContain('noNodejsModules');
    expect(out).not.toContain('noRestrictedGlobals');
  });
});
