import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the sans-IO core runs in a browser', () => {
  const core = files(src).filter((f) => !relative(src, f).startsWith('node/'));

  it('has files to check', () => {
    expect(core.map((f) => relative(src, f))).toContain('session.ts');
  });

  for (const file of core) {
    it(`${relative(src, file)} imports no node: module and uses no Buffer or process`, () => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from\s+['"]node:|import\(\s*['"]node:|require\(/);
      expect(text).not.toMatch(/\bBuffer\b|\bprocess\./);
      // Only the codec packages (themselves browser-safe) and local modules.
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) expect(m[1]).toMatch(/^(\.\.?\/|@rtspkit\/)/);
    });
  }
});
