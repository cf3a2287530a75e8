import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runProcess } from '../src/index.js';

/** Root files every package's build reads: the tsconfig files they extend, and the tools' config. */
function rootInputs(): string[] {
  const folders = [
    ...readdirSync(join(repoRoot, 'packages')).map((n) => join(repoRoot, 'packages', n)),
    join(repoRoot, 'bench'),
  ];
  const files = new Set(['biome.json', 'package.json', 'vitest.config.ts']);
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((f) => /^tsconfig.*\.json$/.test(f))) {
      const config = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { extends?: string };
      if (config.extends === undefined) continue;
      const target = relative(repoRoot, resolve(dirname(join(folder, name)), config.extends));
      if (!target.startsWith('packages/') && !target.startsWith('bench/')) files.add(target);
    }
  }
  return [...files].sort();
}

describe('turbo cache keys', () => {
  it('hash every root file the builds read (a stale cache hit after editing one cannot happen)', {
    timeout: 150_000,
  }, async () => {
    const r = await runProcess(
      join(repoRoot, 'node_modules', '.bin', 'turbo'),
      ['run', 'build', 'typecheck', '--dry=json'],
      {
        timeoutMs: 120_000,
        cwd: repoRoot,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const dry = JSON.parse(r.stdout.toString()) as { globalCacheInputs: { files: Record<string, string> } };
    const hashed = Object.keys(dry.globalCacheInputs.files);
    const inputs = rootInputs();
    expect(inputs).toContain('tsconfig.base.json');
    expect(
      inputs.filter((f) => !hashed.includes(f)),
      'root files missing from turbo.json globalDependencies',
    ).toEqual([]);
  });
});
