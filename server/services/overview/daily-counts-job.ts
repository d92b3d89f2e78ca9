import { eq, sql } from 'drizzle-orm';
import { signalDailyCounts } from '@/db/schema';
import { withSystem } from '@/db/tenant';

/**
 * Rebuilds an organization's signal-per-day pre-aggregate from its signals, in one transaction
 * (readers see the old counts or the new, never half). Grouping ~100,000 signals takes tens of
 * milliseconds, so the whole history is regrouped rather than tracking which days changed.
 */
export async function refreshSignalDailyCounts(orgId: string): Promise<{ rows: number }> {
  return withSystem(
    async (tx) => {
      await tx.delete(signalDailyCounts).where(eq(signalDailyCounts.orgId, orgId));
      const inserted = await tx.execute(sql`
        insert into signal_daily_counts (org_id, day, kind, severity, signals, open)
        select org_id, (window_end at time zone 'UTC')::date, kind, severity, count(*)::int,
          (count(*) filter (where status = 'open'))::int
        from signals where org_id = ${orgId}
        group by org_id, 2, kind, severity
        returning 1`);
      const rows = Array.isArray(inserted)
        ? inserted.length
        : ((inserted as { rows?: unknown[] }).rows?.length ?? 0);
      return { rows };
    },
    { orgId },
  );
}
