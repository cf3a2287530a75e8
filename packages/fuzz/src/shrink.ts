import { type CheckName, type ExamineOptions, examine } from './check.js';
import { joinRecords, splitRecords } from './packets.js';
import type { Target } from './target.js';

/** Checks whose verdict depends on the clock: shrinking them is slow, so it stays short. */
const TIMED: readonly CheckName[] = ['slow', 'nonlinear', 'memory', 'hang'];

/**
 * Shrinks a failing input: removes ever smaller pieces (whole records first for packet
 * windows) while the same check still fails. Bounded by `maxRuns` examinations.
 */
export function shrink(
  target: Target,
  input: Uint8Array,
  check: CheckName,
  options: ExamineOptions = {},
  maxRuns = TIMED.includes(check) ? 24 : 4000,
  maxMs = 20_000,
): Uint8Array {
  if (check === 'hang') return input;
  const deadline = performance.now() + maxMs;
  let runs = 0;
  const fails = (candidate: Uint8Array) => {
    runs++;
    if (performance.now() > deadline) runs = maxRuns;
    return examine(target, candidate, options)?.check === check;
  };
  const byPieces = <T>(items: T[], rebuild: (items: T[]) => Uint8Array): T[] => {
    let current = items;
    for (let size = Math.max(1, current.length >> 1); size >= 1 && runs < maxRuns; size = size >> 1) {
      let i = 0;
      while (i < current.length && runs < maxRuns) {
        const candidate = [...current.slice(0, i), ...current.slice(i + size)];
        if (candidate.length > 0 && fails(rebuild(candidate))) current = candidate;
        else i += size;
      }
      if (size === 1) break;
    }
    return current;
  };
  if (target.kind === 'stream' && target.feed === 'packets') {
    let records = byPieces(splitRecords(input), joinRecords);
    // then the bytes of each record, keeping the window's layout
    for (let r = 0; r < records.length && runs < maxRuns; r++) {
      const bytes = Array.from(records[r] as Uint8Array);
      const shrunk = byPieces(bytes, (b) => joinRecords(records.map((x, k) => (k === r ? Uint8Array.from(b) : x))));
      records = records.map((x, k) => (k === r ? Uint8Array.from(shrunk) : x));
    }
    return joinRecords(records);
  }
  return Uint8Array.from(byPieces(Array.from(input), (b) => Uint8Array.from(b)));
}
