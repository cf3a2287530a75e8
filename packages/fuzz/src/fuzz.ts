import { type CheckName, examine } from './check.js';
import { type Finding, toBase64 } from './findings.js';
import { generate } from './generate.js';
import { shrink } from './shrink.js';
import type { Target } from './target.js';

export type FuzzOptions = {
  readonly seed: number;
  readonly targets: readonly Target[];
  /** Stop after this many inputs in all (across targets and jobs). */
  readonly inputs?: number;
  /** Stop at this `Date.now()`. */
  readonly deadline?: number;
  /** This job's share: global input numbers `start + job + k·jobs`. */
  readonly job?: number;
  readonly jobs?: number;
  readonly start?: number;
  readonly shrink?: boolean;
  /**
   * False leaves out the checks that read the clock (`slow`, `nonlinear`): the short run of
   * `pnpm test` must hold on a busy machine. Default true.
   */
  readonly timing?: boolean;
  /** Written with the global input number before each input (the hang watchdog reads it). */
  readonly heartbeat?: Int32Array;
  onFinding?(finding: Finding): void;
  onProgress?(done: number): void;
};

/** Where global input number `g` goes: round robin over the targets. */
export function locate(targets: readonly Target[], g: number): { target: Target; index: number } {
  return { target: targets[g % targets.length] as Target, index: Math.floor(g / targets.length) };
}

/** A run reports one finding per target and check: the rest are usually the same fault. */
export const kindOf = (target: string, check: CheckName) => `${target} ${check}`;

/** A time budget no input reaches unless it hangs. */
const UNTIMED = { base: 60_000, perByte: 0 };

/** Runs the fuzzer in this thread; returns how many inputs ran and what was found. */
export function fuzz(options: FuzzOptions): { inputs: number; findings: Finding[] } {
  const { seed, targets } = options;
  const jobs = options.jobs ?? 1;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let done = 0;
  for (let g = (options.start ?? 0) + (options.job ?? 0); ; g += jobs) {
    if (options.inputs !== undefined && g >= options.inputs) break;
    if (options.deadline !== undefined && (done & 63) === 0 && Date.now() >= options.deadline) break;
    if (options.heartbeat) Atomics.store(options.heartbeat, 0, g);
    const { target, index } = locate(targets, g);
    const generated = generate(target, seed, index);
    const { input, memory } = generated;
    const probe = generated.probe && options.timing !== false;
    const failure = examine(target, input, { probe, memory, ...(options.timing === false ? { budget: UNTIMED } : {}) });
    done++;
    if ((done & 1023) === 0) options.onProgress?.(done);
    if (!failure) continue;
    const kind = kindOf(target.name, failure.check);
    if (seen.has(kind)) continue;
    seen.add(kind);
    const small = options.shrink === false ? input : shrink(target, input, failure.check, { probe, memory });
    const last = options.shrink === false ? failure : (examine(target, small, { probe, memory }) ?? failure);
    const finding: Finding = {
      target: target.name,
      check: failure.check,
      message: last.message,
      seed,
      index,
      input: toBase64(small),
      length: small.length,
    };
    findings.push(finding);
    options.onFinding?.(finding);
  }
  options.onProgress?.(done);
  return { inputs: done, findings };
}
