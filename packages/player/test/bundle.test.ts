// The bundle the server serves as /player.js: what scripts/bundle.mjs builds, and the size the
// README states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, tempDir } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('dist/rtspkit-player.js', () => {
  it('is one ES module with every dependency inside, and the README states its size', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir('rtspkit-player-bundle-');
    try {
      const out = join(dir.path, 'rtspkit-player.js');
      const r = await runProcess(process.execPath, [join(root, 'scripts', 'bundle.mjs'), out], { timeoutMs: 100_000 });
      expect(r.code, r.stderr).toBe(0);
      const printed = /: ([\d.]+) KiB minified, ([\d.]+) KiB gzipped/.exec(r.stdout.toString('utf8'));
      expect(printed, r.stdout.toString('utf8')).not.toBeNull();
      const [minified, gzipped] = [Number(printed![1]), Number(printed![2])];

      const code = readFileSync(out, 'utf8');
      // nothing left to resolve: no static or dynamic import of another module
      expect(code).not.toMatch(/(^|[;\s}])import\s*[\w{*"'\s,]*from\s*["']/);
      expect(code).not.toMatch(/\bimport\s*\(/);
      expect(code).toMatch(/export\s*\{[^}]*\bcreatePlayer\b/);

      const readme = readFileSync(join(root, 'README.md'), 'utf8');
      const stated = /\*\*([\d.]+) KiB minified and gzipped\*\* \(([\d.]+) KiB minified\)/.exec(readme);
      expect(stated, 'the README states the bundle size').not.toBeNull();
      // within 3 %: a small change elsewhere need not touch this README, a real one must
      const fix = `update packages/player/README.md to **${gzipped} KiB minified and gzipped** (${minified} KiB minified)`;
      expect(Math.abs(Number(stated![1]) - gzipped) / gzipped, fix).toBeLessThan(0.03);
      expect(Math.abs(Number(stated![2]) - minified) / minified, fix).toBeLessThan(0.03);
    } finally {
      dir.remove();
    }
  });
});
