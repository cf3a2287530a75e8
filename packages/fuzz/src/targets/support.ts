import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Mutator } from '../mutate.js';
import { splitRecords, windows } from '../packets.js';
import type { Rng } from '../rng.js';

const packagesDir = join(import.meta.dirname, '..', '..', '..');

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const enc = (s: string): Uint8Array => encoder.encode(s);
/** Bytes as text the way the readers decode it (UTF-8, invalid sequences as U+FFFD). */
export const dec = (b: Uint8Array): string => decoder.decode(b);

/** One fixture file of a package (`packages/<pkg>/test/fixtures/<name>`). */
export function fixture(pkg: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(packagesDir, pkg, 'test', 'fixtures', name)));
}

/** Every fixture of a package whose name ends with `suffix`. */
export function fixtures(pkg: string, suffix: string): Uint8Array[] {
  const dir = join(packagesDir, pkg, 'test', 'fixtures');
  return readdirSync(dir)
    .filter((n) => n.endsWith(suffix))
    .sort()
    .map((n) => fixture(pkg, n));
}

/** A capture (`.rtp`) cut into windows of `size` packets: packet-target seeds. */
export function captureWindows(pkg: string, name: string, size = 12): Uint8Array[] {
  return windows(splitRecords(fixture(pkg, name)), size);
}

/** The bundled sample media (`packages/sample/media/<name>`). */
export function sampleMedia(name: string, bytes = 64 * 1024): Uint8Array {
  return new Uint8Array(readFileSync(join(packagesDir, 'sample', 'media', name))).slice(0, bytes);
}

/**
 * A mutator that rewrites length fields a format declares: `fields(input)` lists
 * `[offset, width]` of each, and one of them gets an extreme or off-by-one value.
 */
export function lengthFields(fields: (input: Uint8Array) => Array<readonly [number, number]>): Mutator {
  return (input: Uint8Array, rng: Rng) => {
    const list = fields(input);
    if (list.length === 0) return input;
    const [at, width] = rng.pick(list);
    const out = input.slice();
    const max = 2 ** (8 * width) - 1;
    const current = readUint(out, at, width);
    const value = rng.pick([
      0,
      1,
      max,
      max - 1,
      2 ** (8 * width - 1),
      current + 1,
      current - 1,
      current * 2,
      rng.below(max),
    ]);
    writeUintBE(out, at, width, Math.max(0, Math.min(max, value)));
    return out;
  };
}

export function readUint(b: Uint8Array, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + (b[at + i] ?? 0);
  return v;
}

function writeUintBE(out: Uint8Array, at: number, width: number, value: number): void {
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = value % 256;
    value = Math.floor(value / 256);
  }
}

/** A target that takes text: the input decoded, and its serializer's output compared. */
export const textual =
  <T>(parse: (s: string) => T) =>
  (input: Uint8Array) =>
    parse(dec(input));
