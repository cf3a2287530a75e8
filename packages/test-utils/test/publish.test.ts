import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runProcess } from '../src/index.js';

// scripts/check-publish.mjs packs every public package, installs the tarballs together into
// a fresh project outside the repository (offline), compiles a consumer and every README
// example with `tsc --strict`, bundles for a browser with esbuild and imports every entry
// point in Node. It needs the packages built (`pnpm test` builds first).
describe('the packages as an npm user meets them', () => {
  it('pack, install, compile (README examples included), bundle and import cleanly', { timeout: 600_000 }, async () => {
    const r = await runProcess(process.execPath, [join(repoRoot, 'scripts', 'check-publish.mjs')], {
      timeoutMs: 590_000,
      cwd: repoRoot,
    });
    const output = r.stdout.toString();
    expect(r.timedOut, `check-publish did not finish within 590 s:\n${output}`).toBe(false);
    const problems = output.split('\n').filter((l) => l.startsWith('PROBLEM '));
    expect(problems, output).toEqual([]);
    expect(r.code, `${output}\n${r.stderr}`).toBe(0);
    expect(output).toMatch(/publish check passed/);
  });
});
