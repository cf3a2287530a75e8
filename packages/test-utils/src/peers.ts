import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Real programs nobody here wrote, used as interop peers. */
export type PeerName = 'ffmpeg' | 'ffprobe' | 'gst-launch-1.0' | 'gst-python' | 'chromium';

/** Python with GStreamer's GI bindings: Debian's, not whatever python3 is first on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const CHROMIUM = '/usr/bin/chromium';

/** True when `RTSPKIT_REQUIRE_PEERS=1`: a missing peer fails the run instead of skipping. */
export const peersRequired = process.env.RTSPKIT_REQUIRE_PEERS === '1';

const found = new Map<PeerName, string | null>();

function onPath(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const full = `${dir}/${cmd}`;
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function probe(name: PeerName): string | null {
  switch (name) {
    case 'ffmpeg':
    case 'ffprobe':
    case 'gst-launch-1.0':
      return onPath(name);
    case 'chromium':
      try {
        accessSync(CHROMIUM, constants.X_OK);
        return CHROMIUM;
      } catch {
        return null;
      }
    case 'gst-python': {
      const r = spawnSync(
        SYSTEM_PYTHON,
        [
          '-c',
          "import gi; gi.require_version('Gst','1.0'); gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer",
        ],
        { timeout: 10_000, stdio: 'ignore' },
      );
      return r.status === 0 ? SYSTEM_PYTHON : null;
    }
  }
}

/** Absolute path of a peer, or null when it is not installed. Cached per process. */
export function findPeer(name: PeerName): string | null {
  if (!found.has(name)) found.set(name, probe(name));
  return found.get(name) ?? null;
}

/**
 * Decides whether interop tests that need `names` run. Returns the reason to skip, or null
 * when every peer is present. When peers are required (`RTSPKIT_REQUIRE_PEERS=1`), a
 * missing peer throws instead, so CI cannot pass by skipping.
 *
 * @example
 * const skip = missingPeers('ffmpeg', 'ffprobe');
 * describe.skipIf(skip)('ffmpeg interop', () => { ... });
 */
export function missingPeers(...names: PeerName[]): string | null {
  const missing = names.filter((n) => findPeer(n) === null);
  if (missing.length === 0) return null;
  const reason = `missing interop peers: ${missing.join(', ')} (install them, see .ci/run)`;
  if (peersRequired) throw new Error(`${reason}; RTSPKIT_REQUIRE_PEERS=1 forbids skipping`);
  console.warn(`skipping: ${reason}`);
  return reason;
}

/** Like {@link missingPeers} but returns the path of one peer, throwing when absent. */
export function requirePeer(name: PeerName): string {
  const path = findPeer(name);
  if (!path) throw new Error(`interop peer ${name} is not installed`);
  return path;
}
