import { splitRecords } from './packets.js';
import { Rng, fnv1a } from './rng.js';
import type { Target } from './target.js';
import { census, diff, snapshot } from './values.js';

/** The checks a finding can fail, in the order they run. */
export const CHECKS = [
  'error', // a foreign error class, an undocumented code or an offset outside the input
  'threw', // a reader that promises never to throw threw
  'value', // a number that is not finite, or a target's own consistency rule
  'round-trip', // serialize(parse(b)) does not parse back to the same value
  'chunking', // another chunking of the same bytes reads differently
  'not-dead', // a reader accepted input after a fatal error
  'slow', // one input took longer than its time budget
  'nonlinear', // time grows faster than the input (4x input, over 8x time)
  'memory', // output or retained memory out of proportion with the input
] as const;
export type CheckName = (typeof CHECKS)[number] | 'hang';

export type Failure = { readonly check: CheckName; readonly message: string };

export type ExamineOptions = {
  /** Run the time-linearity probe on this input. */
  readonly probe?: boolean;
  /** Measure retained heap on this input. */
  readonly memory?: boolean;
  /** Milliseconds one input may take: `base + perByte × length` (defaults 250 and 0.004). */
  readonly budget?: { readonly base: number; readonly perByte: number };
};

type Outcome = { readonly result: unknown; readonly error: unknown; readonly ms: number };

function errorFailure(target: Target, error: unknown, inputLength: number): Failure | undefined {
  const spec = target.errors;
  if (!(error instanceof spec.type)) {
    const e = error as { name?: string; message?: string; code?: string };
    return {
      check: 'error',
      message: `threw ${e?.name ?? typeof error}${e?.code ? ` ${e.code}` : ''}: ${String(e?.message ?? error).slice(0, 200)} (expected ${spec.name})`,
    };
  }
  const { code, offset } = error as unknown as { code: string; offset: number | undefined };
  if (!Object.values(spec.codes).includes(code)) {
    return { check: 'error', message: `${spec.name} code ${code} is not in its ErrorCode table` };
  }
  if (offset !== undefined && !(Number.isInteger(offset) && offset >= 0 && offset <= inputLength)) {
    return { check: 'error', message: `${code} offset ${offset} is outside the input (0..${inputLength})` };
  }
  return undefined;
}

const codeOf = (e: unknown) => (e as { code?: string } | undefined)?.code;

/**
 * Chunk plans: whole, byte by byte, 3-byte pushes (the same cut for inputs of any size, for
 * the linearity probe), and random cuts derived from the input itself.
 */
type Plan = 'whole' | 'bytes' | 'small' | number;
function chunks(input: Uint8Array, plan: Plan): Uint8Array[] {
  if (plan === 'whole') return [input];
  if (plan === 'small')
    return Array.from({ length: Math.ceil(input.length / 3) }, (_, i) => input.subarray(3 * i, 3 * i + 3));
  if (plan === 'bytes') return Array.from({ length: input.length }, (_, i) => input.subarray(i, i + 1));
  const rng = new Rng(fnv1a(input), plan);
  const out: Uint8Array[] = [];
  let at = 0;
  const small = rng.chance(0.3);
  while (at < input.length) {
    const n = small ? rng.int(1, 4) : rng.size(input.length - at);
    out.push(input.subarray(at, at + n));
    at += n;
  }
  return out;
}

/**
 * Runs a target over one input; for readers, with one chunk plan. Never throws. `ms` is the
 * lesser of the wall time and the process's CPU time: a thread descheduled on a loaded
 * machine (or under `nice`) loses wall time but no CPU time, and the collector's helper
 * threads add CPU time but no wall time, so neither makes a fast input look slow.
 */
export function run(target: Target, input: Uint8Array, plan: Plan = 'whole'): Outcome {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let result: unknown;
  let error: unknown;
  try {
    if (target.kind === 'parse') result = target.parse(input);
    else {
      const items: unknown[] = [];
      result = items;
      feed(target, input, plan, items);
    }
  } catch (e) {
    error = e;
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { result, error, ms: Math.min(wall, (cpu.user + cpu.system) / 1000) };
}

const EMPTY = new Uint8Array(0);

/**
 * Feeds a reader, collecting what it returns. A byte-stream reader may hand out the items
 * completed before a fault and throw at the next push: a last empty push surfaces that.
 */
function feed(target: Extract<Target, { kind: 'stream' }>, input: Uint8Array, plan: Plan, items: unknown[]): void {
  if (target.feed === 'packets') {
    const records = splitRecords(input);
    const reader = target.open(target.config ? (records.shift() ?? EMPTY) : EMPTY);
    for (const r of records) for (const item of reader.push(r)) items.push(snapshot(item));
    if (reader.end) for (const item of reader.end()) items.push(snapshot(item));
    return;
  }
  const reader = target.open(EMPTY);
  for (const c of chunks(input, plan)) for (const item of reader.push(c)) items.push(snapshot(item));
  for (const item of reader.push(EMPTY)) items.push(snapshot(item));
  if (reader.end) for (const item of reader.end()) items.push(snapshot(item));
}

/** The best of three runs: a pause of the machine or a collection rarely hits all three. */
function timeOf(target: Target, input: Uint8Array, plan: Plan): number {
  return Math.min(run(target, input, plan).ms, run(target, input, plan).ms, run(target, input, plan).ms);
}

function repeat(parts: readonly Uint8Array[], times: readonly number[]): Uint8Array {
  let n = 0;
  for (let i = 0; i < parts.length; i++) n += (parts[i] as Uint8Array).length * (times[i] as number);
  const out = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    for (let k = 0; k < (times[i] as number); k++) {
      out.set(parts[i] as Uint8Array, at);
      at += (parts[i] as Uint8Array).length;
    }
  }
  return out;
}

/**
 * The linearity probe: the input (or one slice of it) repeated to two sizes 4x apart. Linear
 * code takes about 4x the time, quadratic 16x; the bound is 10x plus 150 ms, generous on a
 * loaded machine (a collection or a descheduled thread costs tens of milliseconds).
 */
function probeLinearity(target: Target, input: Uint8Array): Failure | undefined {
  if (input.length === 0) return undefined;
  const rng = new Rng(fnv1a(input), 77);
  let parts: Uint8Array[];
  let unit: number;
  if (rng.chance(0.5) || input.length < 4) {
    parts = [input];
    unit = 0;
  } else {
    const a = rng.below(input.length - 1);
    const b = Math.min(input.length, a + rng.int(1, 16));
    parts = [input.subarray(0, a), input.subarray(a, b), input.subarray(b)];
    unit = 1;
  }
  const unitLength = (parts[unit] as Uint8Array).length;
  const r = Math.max(1, Math.floor(65536 / 16 / unitLength));
  const sized = (k: number) =>
    repeat(
      parts,
      parts.map((_, i) => (i === unit ? r * k : 1)),
    );
  const small = sized(4);
  const large = sized(16);
  const plan = target.kind === 'stream' && target.feed === 'bytes' && rng.chance(0.5) ? 'small' : 'whole';
  const t4 = timeOf(target, small, plan);
  const t16 = timeOf(target, large, plan);
  const linear = (a: number, b: number) => b <= 10 * a + 150;
  if (linear(t4, t16)) return undefined;
  // Confirm once: a pause of the machine is not a finding.
  const t4b = timeOf(target, small, plan);
  const t16b = timeOf(target, large, plan);
  if (linear(t4b, t16b)) return undefined;
  return {
    check: 'nonlinear',
    message: `${unit === 0 ? 'input' : `slice ${Array.from(parts[1] as Uint8Array)}`} repeated ${small.length} → ${large.length} bytes${plan === 'small' ? ' in 3-byte pushes' : ''}: ${t4b.toFixed(1)} ms → ${t16b.toFixed(1)} ms`,
  };
}

const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function probeMemory(target: Target, input: Uint8Array): Failure | undefined {
  const limit = 64 * input.length + 8 * 1024 * 1024;
  const measure = () => {
    const before = heap();
    const outcome = run(target, input);
    const grew = heap() - before;
    return outcome.result === outcome ? 0 : grew;
  };
  if (measure() <= limit) return undefined;
  const grew = measure();
  if (grew <= limit) return undefined;
  return {
    check: 'memory',
    message: `${input.length} bytes of input grew the heap by ${(grew / 2 ** 20).toFixed(1)} MiB`,
  };
}

/** Runs every check on one input; the first failure, or undefined. */
export function examine(target: Target, input: Uint8Array, options: ExamineOptions = {}): Failure | undefined {
  const first = run(target, input);
  if (first.error !== undefined) {
    if (target.kind === 'stream' && target.neverThrows) {
      const e = first.error as { name?: string; code?: string; message?: string };
      return { check: 'threw', message: `push threw ${e?.name} ${e?.code ?? ''}: ${String(e?.message).slice(0, 200)}` };
    }
    const f = errorFailure(target, first.error, input.length);
    if (f) return f;
  } else {
    const c = census(first.result);
    if (c.problem) return { check: 'value', message: c.problem };
    const own = target.check?.(first.result, input);
    if (own) return { check: 'value', message: own };
    const growth = target.growth ?? 4;
    if (c.bytes > growth * input.length + 65536) {
      return { check: 'memory', message: `${input.length} bytes of input gave ${c.bytes} bytes of output` };
    }
  }

  if (target.kind === 'parse' && first.error === undefined && target.serialize) {
    const f = roundTrip(target, first.result);
    if (f) return f;
  }

  if (target.kind === 'stream' && target.feed === 'bytes') {
    // one other chunking per input: byte by byte for small inputs, random cuts otherwise
    const plans: Array<'bytes' | number> = input.length <= 256 ? ['bytes'] : [1];
    for (const plan of plans) {
      const other = run(target, input, plan);
      if (other.error !== undefined) {
        const f = errorFailure(target, other.error, input.length);
        if (f) return { check: 'error', message: `chunked (${plan}): ${f.message}` };
      }
      const how = plan === 'bytes' ? 'byte by byte' : `in chunks (plan ${plan})`;
      if (codeOf(first.error) !== codeOf(other.error)) {
        return {
          check: 'chunking',
          message: `one push: ${codeOf(first.error) ?? 'no error'}; ${how}: ${codeOf(other.error) ?? 'no error'}`,
        };
      }
      // the same items, also those handed out before an error
      const d = diff(first.result, other.result);
      if (d) return { check: 'chunking', message: `one push vs ${how}: ${d}` };
    }
    if (first.error !== undefined) {
      const f = stayDead(target, input);
      if (f) return f;
    }
  }

  const budget = options.budget ?? { base: 250, perByte: 0.004 };
  const allowed = budget.base + budget.perByte * input.length;
  if (first.ms > allowed) {
    const again = run(target, input).ms;
    if (again > allowed) {
      return {
        check: 'slow',
        message: `${input.length} bytes took ${again.toFixed(0)} ms (budget ${allowed.toFixed(0)} ms)`,
      };
    }
  }
  if (options.probe) {
    const f = probeLinearity(target, input);
    if (f) return f;
  }
  if (options.memory) {
    const f = probeMemory(target, input);
    if (f) return f;
  }
  return undefined;
}

function roundTrip(target: Extract<Target, { kind: 'parse' }>, value: unknown): Failure | undefined {
  let written: unknown;
  try {
    written = (target.serialize as (v: unknown) => unknown)(value);
  } catch (e) {
    const f = errorFailure(target, e, Number.MAX_SAFE_INTEGER);
    return f ? { check: 'round-trip' as const, message: `serialize: ${f.message}` } : undefined;
  }
  let again: unknown;
  try {
    again = target.reparse ? (target.reparse as (s: unknown) => unknown)(written) : target.parse(written as Uint8Array);
  } catch (e) {
    const shown =
      typeof written === 'string' ? JSON.stringify(written.slice(0, 200)) : `${(written as Uint8Array).length} bytes`;
    return {
      check: 'round-trip' as const,
      message: `serialized form ${shown} is refused: ${codeOf(e) ?? String(e)} ${(e as Error).message ?? ''}`.slice(
        0,
        400,
      ),
    };
  }
  const d = diff(value, again);
  return d ? { check: 'round-trip' as const, message: `parse(serialize(v)) differs from v at ${d}` } : undefined;
}

/** After a fatal error, the same reader must refuse whatever comes next. */
function stayDead(target: Extract<Target, { kind: 'stream' }>, input: Uint8Array): Failure | undefined {
  const reader = target.open(EMPTY);
  try {
    reader.push(input);
    reader.push(EMPTY);
    return undefined; // the error came from the end of the stream, not from a push
  } catch {}
  for (const next of [input, Uint8Array.of(0x0a), EMPTY]) {
    try {
      reader.push(next);
    } catch (e) {
      const f = errorFailure(target, e, Number.MAX_SAFE_INTEGER);
      if (f) return { check: 'not-dead', message: `after the fatal error: ${f.message}` };
      continue;
    }
    return {
      check: 'not-dead',
      message: `after ${codeOf(run(target, input).error)}, push(${next.length} bytes) was accepted`,
    };
  }
  return undefined;
}
