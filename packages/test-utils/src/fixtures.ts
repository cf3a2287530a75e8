import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * Workspace packages whose `test/fixtures` folder other workspace code may read (the bench
 * measures on real captures). Fixtures are never published: `files` in each package.json
 * lists `dist` and `src` only.
 */
export type FixturePackage =
  | 'bytes'
  | 'rtsp'
  | 'sdp'
  | 'rtp'
  | 'h264'
  | 'h265'
  | 'aac'
  | 'fmp4'
  | 'http-tunnel'
  | 'websocket';

/** The fixture folder of a package (its provenance is that folder's FIXTURES.md). */
export function fixtureDir(pkg: FixturePackage): string {
  return join(repoRoot, 'packages', pkg, 'test', 'fixtures');
}

/** The path of one fixture file; throws naming the file when it does not exist. */
export function fixturePath(pkg: FixturePackage, name: string): string {
  const path = join(fixtureDir(pkg), name);
  if (!existsSync(path)) throw new Error(`no fixture ${name} in packages/${pkg}/test/fixtures`);
  return path;
}

/** The names of a package's fixtures ending with `extension` (e.g. `.sdp`), sorted. */
export function fixtureNames(pkg: FixturePackage, extension: string): string[] {
  return readdirSync(fixtureDir(pkg))
    .filter((f) => f.endsWith(extension))
    .sort();
}
