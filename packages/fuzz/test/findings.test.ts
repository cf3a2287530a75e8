import { describe, expect, it } from 'vitest';
import { examine } from '../src/check.js';
import { fromBase64, readFindings } from '../src/findings.js';
import { targets } from '../src/targets/index.js';

/**
 * Every finding ever written to `findings/` is replayed: once its fault is fixed, the
 * shrunk input must pass every check. Findings of a target that is still `pending` are
 * skipped by name.
 */
describe('findings replay', () => {
  const findings = readFindings();
  it('has a target for every finding', () => {
    const names = new Set(targets.map((t) => t.name));
    expect(findings.filter((f) => !names.has(f.target)).map((f) => f.file)).toEqual([]);
  });
  for (const f of findings) {
    const target = targets.find((t) => t.name === f.target);
    it.skipIf(target === undefined || target.pending !== undefined)(
      `${f.file}: ${f.check}`,
      () => {
        const failure = examine(target!, fromBase64(f.input), {
          probe: f.check === 'nonlinear',
          memory: f.check === 'memory',
        });
        expect(failure, `${f.check}: ${f.message}`).toBeUndefined();
      },
      60_000,
    );
  }
});
