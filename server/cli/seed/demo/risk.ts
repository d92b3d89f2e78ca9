import { recomputeOrgRisk } from '@/server/services/risk/recompute';

const HISTORY_DAYS = 21;

/**
 * Scores the demo, plus a backfilled history so the trend chart is not a single point. Honest
 * label: each past day is replayed from today's facts with only the signals whose window had
 * ended by that day; it is a demo convenience, not a record of what Vigil showed on that day.
 */
export async function seedRisk(orgId: string) {
  const today = Date.now();
  for (let d = HISTORY_DAYS; d >= 1; d--)
    await recomputeOrgRisk(orgId, { now: new Date(today - d * 86_400_000), replay: true });
  await recomputeOrgRisk(orgId);
}
