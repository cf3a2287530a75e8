import { Rng, fnv1a } from './rng.js';
import type { Target } from './target.js';

/** The seeds of a target, computed once. */
const seedCache = new WeakMap<Target, Uint8Array[]>();
export function seedsOf(target: Target): Uint8Array[] {
  let seeds = seedCache.get(target);
  if (!seeds) {
    seeds = target.seeds();
    if (seeds.length === 0) throw new Error(`${target.name} has no seeds`);
    seedCache.set(target, seeds);
  }
  return seeds;
}

export type Generated = {
  readonly input: Uint8Array;
  /** Whether this input also gets the linearity and memory probes. */
  readonly probe: boolean;
  readonly memory: boolean;
};

/**
 * Input `index` of `target` under `seed`: a pure function of the three, so a finding is
 * reproduced from them alone. The first inputs are the seeds themselves, unmutated.
 */
export function generate(target: Target, seed: number, index: number): Generated {
  const seeds = seedsOf(target);
  const rng = new Rng(seed, fnv1a(target.name), index);
  let input: Uint8Array;
  if (index < seeds.length) input = seeds[index] as Uint8Array;
  else {
    input = rng.pick(seeds);
    const stack = rng.chance(0.5) ? 1 : rng.int(2, 6);
    for (let i = 0; i < stack; i++) input = rng.pick(target.mutators)(input, rng, seeds);
  }
  return { input, probe: rng.below(64) === 0, memory: rng.below(input.length > 32768 ? 4 : 32) === 0 };
}
