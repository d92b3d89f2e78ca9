import type { DetectorGrant } from './types';

/** Whether a grant covers time `at`, allowing provisioning lag on both ends. */
export function grantCovers(g: DetectorGrant, at: Date, graceMs: number): boolean {
  const t = at.getTime();
  return g.from.getTime() - graceMs <= t && (g.to === null || t <= g.to.getTime() + graceMs);
}

const DAY_MS = 86_400_000;

/**
 * Whether a grant imported or requested with a start date only (stored at UTC midnight) covers
 * `at` because `at` falls on that date in the person's own time zone: a grant "from 15 Nov"
 * covers a Manila agent's 06:00 start on 15 Nov, which is 22:00 UTC on the 14th.
 */
export function grantStartsOnLocalDay(g: DetectorGrant, at: Date, localDay: string): boolean {
  const from = g.from.getTime();
  if (from % DAY_MS !== 0 || at.getTime() >= from) return false;
  return localDay === new Date(from).toISOString().slice(0, 10);
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
