/**
 * A small side-by-side benchmark harness.
 *
 * A suite compares implementations of one job (ours and named npm peers) on the same
 * input. Each implementation's `run()` does one batch and returns how many items it
 * handled. The runner interleaves implementations round-robin — every round runs each
 * one for the same time slice — so drift in machine load hits all of them alike, then
 * reports the median rate per implementation and ours ÷ each peer as a ratio.
 */

export type Implementation = {
  /** `rtspkit` for ours; the npm package name (and version) for a peer. */
  readonly name: string;
  /** One batch of work; returns how many items (packets, frames, bytes…) it handled. */
  readonly run: () => number;
};

export type Suite = {
  /** What is measured, e.g. "RTP parse". */
  readonly name: string;
  /** Unit of the items `run()` counts, e.g. "packets". */
  readonly unit: string;
  /** Our implementation first; the ratios are ours ÷ each of the others. */
  readonly ours: Implementation;
  readonly peers: readonly Implementation[];
  /**
   * Checked once before timing: each implementation must produce the same observable
   * result, so a ratio never compares different work. Throws on mismatch.
   */
  readonly verify?: () => void;
};

export type Options = {
  /** Rounds per suite; the median over rounds is reported. */
  readonly rounds: number;
  /** Time each implementation runs in one round. */
  readonly sliceMs: number;
  /** Untimed batches per implementation before the first round (JIT warm-up). */
  readonly warmupBatches: number;
  /** Monotonic clock in milliseconds; injectable for tests. */
  readonly now: () => number;
};

export type ImplementationResult = {
  readonly name: string;
  /** Median items per second over the rounds. */
  readonly median: number;
  /** Every round's rate, in round order. */
  readonly rates: readonly number[];
};

export type SuiteResult = {
  readonly suite: string;
  readonly unit: string;
  readonly ours: ImplementationResult;
  readonly peers: ReadonlyArray<ImplementationResult & { readonly ratio: number }>;
};

export const defaultOptions: Options = { rounds: 11, sliceMs: 150, warmupBatches: 20, now: () => performance.now() };

let sunk = 0;
/**
 * Keeps a result alive so the JIT cannot drop the work that produced it; returns `items`
 * so a batch can end with `return sink(result, items)`.
 */
export function sink(result: unknown, items: number): number {
  sunk = (sunk + (typeof result === 'number' ? result : result ? 1 : 0)) | 0;
  return items;
}

/** What {@link sink} has absorbed (read it so the sink itself is observable). */
export function sunkTotal(): number {
  return sunk;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `impl` for one slice; returns items per second. */
function slice(impl: Implementation, options: Options): number {
  const start = options.now();
  let items = 0;
  let elapsed = 0;
  do {
    items += impl.run();
    elapsed = options.now() - start;
  } while (elapsed < options.sliceMs);
  return (items * 1000) / elapsed;
}

export function runSuite(suite: Suite, partial: Partial<Options> = {}): SuiteResult {
  const options = { ...defaultOptions, ...partial };
  suite.verify?.();
  const impls = [suite.ours, ...suite.peers];
  for (const impl of impls) for (let i = 0; i < options.warmupBatches; i++) impl.run();
  const rates = impls.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    // Rotate the starting implementation each round so none always runs first.
    for (let k = 0; k < impls.length; k++) {
      const idx = (round + k) % impls.length;
      rates[idx]!.push(slice(impls[idx]!, options));
    }
  }
  const results = impls.map((impl, i) => ({ name: impl.name, median: median(rates[i]!), rates: rates[i]! }));
  const ours = results[0]!;
  return {
    suite: suite.name,
    unit: suite.unit,
    ours,
    peers: results.slice(1).map((r) => ({ ...r, ratio: ours.median / r.median })),
  };
}

const fmt = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(1);

/** A plain-text table: one row per implementation, ratio = ours ÷ that peer. */
export function formatTable(results: readonly SuiteResult[]): string {
  const rows: string[][] = [['suite', 'implementation', 'median rate', 'ours ÷ peer']];
  for (const r of results) {
    rows.push([r.suite, r.ours.name, `${fmt(r.ours.median)} ${r.unit}/s`, '']);
    for (const p of r.peers) rows.push(['', p.name, `${fmt(p.median)} ${r.unit}/s`, `${p.ratio.toFixed(2)}x`]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A side-by-side measurement that is not a loop of batches — a server under load, running
 * in a process of its own — reported as named metrics per implementation and ours ÷ peer
 * per metric.
 */
export type Comparison = {
  /** What is measured, e.g. "RTSP fan-out, 100 TCP readers of a 4 Mbit/s stream". */
  readonly name: string;
  /** Metric names with their unit; `values` of each implementation follow this order. */
  readonly metrics: readonly string[];
  readonly ours: { readonly name: string; readonly values: readonly number[] };
  readonly peers: readonly { readonly name: string; readonly values: readonly number[] }[];
};

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 0 : 2));

/** A plain-text table per comparison: one row per metric, ours, each peer, ours ÷ peer. */
export function formatComparisons(comparisons: readonly Comparison[]): string {
  const blocks = comparisons.map((c) => {
    const header = ['metric', c.ours.name, ...c.peers.flatMap((p) => [p.name, 'ours ÷ peer'])];
    const rows = c.metrics.map((metric, m) => {
      const ours = c.ours.values[m] ?? Number.NaN;
      return [
        metric,
        num(ours),
        ...c.peers.flatMap((p) => {
          const theirs = p.values[m] ?? Number.NaN;
          return [num(theirs), theirs === 0 ? (ours === 0 ? '=' : '—') : `${(ours / theirs).toFixed(2)}x`];
        }),
      ];
    });
    const all = [header, ...rows];
    const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    const lines = all.map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    );
    return [c.name, ...lines].join('\n');
  });
  return blocks.join('\n\n');
}
