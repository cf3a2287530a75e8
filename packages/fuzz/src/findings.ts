import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckName } from './check.js';
import { fnv1a } from './rng.js';

/** The folder the regression test replays. */
export const FINDINGS_DIR = join(import.meta.dirname, '..', 'findings');

/** One finding as it is stored: enough to replay it without the fuzzer's state. */
export type Finding = {
  readonly target: string;
  readonly check: CheckName;
  readonly message: string;
  /** The run that found it: `pnpm fuzz --seed <seed> --target <target>`, input `index`. */
  readonly seed: number;
  readonly index: number;
  /** The shrunk input, Base64. */
  readonly input: string;
  readonly length: number;
};

export const toBase64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
export const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function findingFile(f: Pick<Finding, 'target' | 'check' | 'input'>): string {
  const hash = fnv1a(f.input).toString(16).padStart(8, '0');
  return `${f.target.replace(/[^A-Za-z0-9]+/g, '-')}.${f.check}.${hash}.json`;
}

export function writeFinding(dir: string, f: Finding): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, findingFile(f));
  writeFileSync(path, `${JSON.stringify(f, null, 2)}\n`);
  return path;
}

export function readFindings(dir = FINDINGS_DIR): Array<Finding & { file: string }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((file) => ({ ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Finding), file }));
}
