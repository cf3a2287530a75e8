import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlayerPageOptions } from '@rtspkit/server';

/** The player's page and bundle for `createServer({ player })`, or why they cannot be served. */
export type PlayerPageLookup =
  | { readonly ok: true; readonly player: PlayerPageOptions; readonly bundlePath: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Finds `@rtspkit/player`'s demo page and ES module bundle, so that `rtspkit serve` shows
 * the player at `/`. The server cannot depend on the player (the player's tests run
 * against the server), so the CLI, which depends on both, hands the files over.
 *
 * An installed package resolves `@rtspkit/player/bundle` to `dist/rtspkit-player.js`. In
 * the repository the `@rtspkit/source` condition (vitest, `node --conditions`) maps every
 * entry to its TypeScript source, which no browser runs; the built bundle in the package's
 * `dist/` is used then, and its absence is reported (`pnpm build` makes it).
 */
export function findPlayerPage(resolve: (specifier: string) => string = import.meta.resolve): PlayerPageLookup {
  let bundlePath: string;
  let pagePath: string;
  try {
    const bundle = fileURLToPath(resolve('@rtspkit/player/bundle'));
    bundlePath = bundle.endsWith('.js')
      ? bundle
      : join(dirname(fileURLToPath(resolve('@rtspkit/player/package.json'))), 'dist', 'rtspkit-player.js');
    pagePath = fileURLToPath(resolve('@rtspkit/player/demo.html'));
  } catch (e) {
    return { ok: false, reason: `@rtspkit/player is not installed (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!existsSync(bundlePath)) return { ok: false, reason: `the player bundle ${bundlePath} is not built` };
  return {
    ok: true,
    bundlePath,
    player: { script: new Uint8Array(readFileSync(bundlePath)), page: readFileSync(pagePath, 'utf8') },
  };
}
