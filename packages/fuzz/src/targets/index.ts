import type { Target } from '../target.js';
import { aacTargets } from './aac.js';
import { formatTargets } from './formats.js';
import { protocolTargets } from './protocols.js';
import { videoTargets } from './video.js';

/** Every target, in a fixed order (a finding's `index` counts within its target). */
export const targets: readonly Target[] = [...formatTargets, ...aacTargets, ...videoTargets, ...protocolTargets];

/** Targets whose name contains one of the comma-separated patterns (all when empty). */
export function selectTargets(pattern: string | undefined): Target[] {
  if (!pattern) return [...targets];
  const parts = pattern.split(',').map((p) => p.trim().toLowerCase());
  return targets.filter((t) => parts.some((p) => t.name.toLowerCase().includes(p)));
}
