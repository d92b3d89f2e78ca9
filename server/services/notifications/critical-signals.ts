import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import {
  criticalSignalsNotice,
  type SignalSummary,
} from '@/server/domain/notifications/signal-notices';
import { SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { appBaseUrl, requestMailDelivery } from '@/server/services/mail/outbox';
import { noticeLabeler } from '@/server/services/privacy/investigation-view';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { planNotification } from './audience';
import { mailDeliveries } from './send';

/** Signals older than this when first seen are history, not news (e.g. right after an upgrade). */
const LOOKBACK_HOURS = 48;

interface SummaryRow {
  id: string;
  kind: string;
  severity: string;
  person_name: string;
  person_id: string;
}

export const toSummary = (r: SummaryRow): SignalSummary => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  personName: r.person_name,
});

/**
 * Records every open critical signal not seen before and returns them. One insert with ON
 * CONFLICT, so two runs at once (a detection batch and the sweep) each claim a signal at most once.
 */
async function claimNewCriticalSignals(tx: Tx, orgId: string, now: Date): Promise<SignalSummary[]> {
  const since = new Date(now.getTime() - LOOKBACK_HOURS * 3_600_000);
  const rows = rowsOf<SummaryRow>(
    await tx.execute(sql`
      with noticed as (
        insert into critical_signal_notices (org_id, signal_id, noticed_at)
        select s.org_id, s.id, ${now.toISOString()}::timestamptz from signals s
        where s.org_id = ${orgId} and s.status = 'open' and s.severity = 'critical'
          and s.created_at >= ${since.toISOString()}::timestamptz
        order by s.created_at, s.id
        on conflict do nothing
        returning signal_id)
      select s.id, s.kind, s.severity, p.full_name as person_name, p.id as person_id
      from noticed n
      join signals s on s.org_id = ${orgId} and s.id = n.signal_id
      join people p on p.org_id = s.org_id and p.id = s.person_id
      order by s.created_at, s.id`),
  );
  const label = await noticeLabeler(tx, orgId);
  return rows.map((r) => toSummary({ ...r, person_name: label(r.person_id, r.person_name) }));
}

/**
 * After detection commits (and every few minutes for signals raised elsewhere): critical signals
 * not seen before are recorded, and members who want them at once get one message listing them
 * (docs/NOTIFICATIONS.md §Critical signals). Idempotent: a signal is claimed once.
 */
export async function noticeCriticalSignals(orgId: string, now = new Date()) {
  const result = await withTenant({ orgId, userId: null }, async (tx) => {
    const fresh = await claimNewCriticalSignals(tx, orgId, now);
    if (fresh.length === 0) return { noticed: 0, mailed: 0 };
    const deliveries = await planNotification(
      tx,
      orgId,
      criticalSignalsNotice(appBaseUrl(), fresh),
      { roles: SIGNAL_READERS },
      { settings: ['immediate'] },
    );
    return { noticed: fresh.length, mailed: await mailDeliveries(tx, orgId, deliveries, now) };
  });
  if (result.mailed > 0) await requestMailDelivery(orgId);
  return result;
}
