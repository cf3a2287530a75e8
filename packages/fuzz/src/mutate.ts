import type { Rng } from './rng.js';

/** One mutation: returns a new array, never changes its input. */
export type Mutator = (input: Uint8Array, rng: Rng, seeds: readonly Uint8Array[]) => Uint8Array;

/** Inputs never grow past this, so one input stays well inside the time budget. */
export const MAX_INPUT = 256 * 1024;

const INTERESTING_8 = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0d, 0x0a, 0x20, 0x09, 0x24, 0x3a, 0x3d, 0x2f, 0x3b, 0x2c, 0x22];
const INTERESTING_16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];
const INTERESTING_32 = [0, 1, 7, 8, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000, 0xffff];

/** Huge, negative, fractional and non-numbers that replace a run of digits in text formats. */
export const NUMBER_STRINGS = [
  '0',
  '-1',
  '-0',
  '4294967296',
  '18446744073709551616',
  '99999999999999999999999999999999',
  '1e999',
  '1e21',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1.5',
  '.5',
  '5.',
  '00000000000000000000001',
  '9'.repeat(400),
  '-9007199254740993',
];

function cat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(Math.min(n, MAX_INPUT));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = Math.min(p.length, out.length - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}

const copy = (b: Uint8Array) => b.slice();

export const bitFlip: Mutator = (input, rng) => {
  if (input.length === 0) return input;
  const out = copy(input);
  const flips = rng.size(8);
  for (let i = 0; i < flips; i++) {
    const at = rng.below(out.length);
    out[at] = (out[at] as number) ^ (1 << rng.below(8));
  }
  return out;
};

export const interestingByte: Mutator = (input, rng) => {
  if (input.length === 0) return Uint8Array.of(rng.pick(INTERESTING_8));
  const out = copy(input);
  out[rng.below(out.length)] = rng.chance(0.8) ? rng.pick(INTERESTING_8) : rng.below(256);
  return out;
};

/** Writes an extreme 8/16/24/32-bit big- or little-endian value at a random place. */
export const extremeField: Mutator = (input, rng) => {
  const width = rng.pick([1, 2, 3, 4]);
  if (input.length < width) return input;
  const out = copy(input);
  const at = rng.below(out.length - width + 1);
  const value = width <= 2 ? rng.pick(INTERESTING_16) : rng.pick(INTERESTING_32);
  writeUint(out, at, width, value, rng.chance(0.9));
  return out;
};

export function writeUint(out: Uint8Array, at: number, width: number, value: number, bigEndian = true): void {
  for (let i = 0; i < width; i++) {
    const shift = 8 * (bigEndian ? width - 1 - i : i);
    out[at + i] = Math.floor(value / 2 ** shift) & 0xff;
  }
}

export const truncate: Mutator = (input, rng) => input.slice(0, rng.below(input.length));

export const extend: Mutator = (input, rng) => {
  const n = rng.chance(0.9) ? rng.size(64) : rng.size(4096);
  const tail = new Uint8Array(n);
  if (rng.chance(0.5)) for (let i = 0; i < n; i++) tail[i] = rng.below(256);
  else tail.fill(rng.pick(INTERESTING_8));
  return cat(input, tail);
};

export const deleteSlice: Mutator = (input, rng) => {
  if (input.length === 0) return input;
  const at = rng.below(input.length);
  const n = rng.size(input.length - at);
  return cat(input.subarray(0, at), input.subarray(at + n));
};

/** Repeats a slice in place, a few times or thousands of times. */
export const repeatSlice: Mutator = (input, rng) => {
  if (input.length === 0) return input;
  const at = rng.below(input.length);
  const n = rng.size(Math.min(64, input.length - at));
  const slice = input.subarray(at, at + n);
  const times = rng.chance(0.95) ? rng.int(2, 8) : rng.int(100, 5000);
  const parts: Uint8Array[] = [input.subarray(0, at + n)];
  for (let i = 1; i < times; i++) parts.push(slice);
  parts.push(input.subarray(at + n));
  return cat(...parts);
};

/** Inserts a piece of another seed (crossover). */
export const splice: Mutator = (input, rng, seeds) => {
  if (seeds.length === 0) return input;
  const other = rng.pick(seeds);
  const from = rng.below(other.length);
  const piece = other.subarray(from, from + rng.size(Math.max(1, other.length - from)));
  const at = rng.below(input.length + 1);
  const cut = rng.chance(0.5) ? rng.below(input.length - at + 1) : 0;
  return cat(input.subarray(0, at), piece, input.subarray(at + cut));
};

function lineStarts(input: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < input.length; i++) if (input[i] === 0x0a && i + 1 < input.length) starts.push(i + 1);
  return starts;
}

/** Duplicates one line of a text format thousands of times. */
export const duplicateLine: Mutator = (input, rng) => {
  const starts = lineStarts(input);
  const i = rng.below(starts.length);
  const start = starts[i] as number;
  const end = starts[i + 1] ?? input.length;
  const line = input.subarray(start, end);
  if (line.length === 0) return input;
  const times = rng.chance(0.93) ? rng.int(2, 10) : rng.int(500, 5000);
  const parts: Uint8Array[] = [input.subarray(0, end)];
  for (let k = 1; k < times; k++) parts.push(line);
  parts.push(input.subarray(end));
  return cat(...parts);
};

/** Deletes, swaps or truncates whole lines. */
export const shuffleLines: Mutator = (input, rng) => {
  const starts = lineStarts(input);
  if (starts.length < 2) return input;
  const lines = starts.map((s, i) => input.subarray(s, starts[i + 1] ?? input.length));
  const i = rng.below(lines.length);
  const j = rng.below(lines.length);
  switch (rng.below(3)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      [lines[i], lines[j]] = [lines[j] as Uint8Array, lines[i] as Uint8Array];
      break;
    default:
      lines[i] = (lines[i] as Uint8Array).subarray(0, rng.below((lines[i] as Uint8Array).length));
  }
  return cat(...lines);
};

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/** Replaces a run of digits with a huge, negative, fractional or non-number. */
export const replaceNumber: Mutator = (input, rng) => {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < input.length; i++) {
    if (isDigit(input[i]) && !isDigit(input[i - 1])) {
      let j = i;
      while (isDigit(input[j])) j++;
      runs.push([i, j]);
    }
  }
  if (runs.length === 0) return input;
  const [a, b] = rng.pick(runs);
  return cat(input.subarray(0, a), new TextEncoder().encode(rng.pick(NUMBER_STRINGS)), input.subarray(b));
};

/** Every generic byte mutator; targets add their own (length fields, packet windows). */
export const byteMutators: readonly Mutator[] = [
  bitFlip,
  bitFlip,
  interestingByte,
  interestingByte,
  extremeField,
  extremeField,
  truncate,
  extend,
  deleteSlice,
  repeatSlice,
  splice,
];

/** Generic mutators for line-based text formats (RTSP, SDP, HTTP, WSP). */
export const textMutators: readonly Mutator[] = [
  ...byteMutators,
  duplicateLine,
  duplicateLine,
  shuffleLines,
  replaceNumber,
  replaceNumber,
  replaceNumber,
];
