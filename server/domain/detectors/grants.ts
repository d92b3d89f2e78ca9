import type { DetectorGrant } from './types';

/** Whether a grant covers time `at`, allowing provisioning lag on both ends. */
export function grantCovers(g: DetectorGrant, at: Date, graceMs: number): boolean {
  const t = at.getTime();
  return g.from.getTime() - graceMs <= t && (g.to === null || t <= g.to.getTime() + graceMs);
}

/** The latest-ending grant on a system that ended before `at`, for "grant ended on …" wording. */
export function lastEndedGrant(
  grants: readonly DetectorGrant[],
  system: string,
  at: Date,
): DetectorGrant | null {
  let best: DetectorGrant | null = null;
  for (const g of grants) {
    if (g.system !== system || g.to === null || g.to > at) continue;
    if (!best || g.to > best.to!) best = g;
  }
  return best;
}
