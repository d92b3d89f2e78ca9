import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { notificationDigests, organizations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { digestDayDue } from '@/server/domain/notifications/digest';
import { criticalDigestNotice } from '@/server/domain/notifications/signal-notices';
import { SIGNAL_READERS } from '@/server/domain/tenancy/roles';
import { readOrgSettings } from '@/server/domain/tenancy/settings';
import { appBaseUrl, requestMailDelivery } from '@/server/services/mail/outbox';
import { noticeLabeler } from '@/server/services/privacy/investigation-view';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { audienceFor, type Delivery } from './audience';
import { toSummary } from './critical-signals';
import { mailDeliveries } from './send';

/** A first digest covers the day before it. */
const FIRST_WINDOW_MS = 86_400_000;

/**
 * The daily digest of critical signals for members who chose `daily` (docs/NOTIFICATIONS.md
 * §Daily digest): once the organization's local day reaches the digest hour, each such member
 * gets the critical signals noticed since their previous digest. The (member, day) row is the
 * dedupe key, written with the mail in one transaction: a rerun, a retry or a second worker
 * sends nothing twice. A member with nothing new gets no message (the day is still recorded).
 */
export async function sendCriticalDigests(orgId: string, now = new Date()) {
  const result = await withTenant({ orgId, userId: null }, async (tx) => {
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const day = digestDayDue(now, readOrgSettings(org?.settings).timezone);
    if (!day) return { day: null, members: 0, mailed: 0 };
    const members = await audienceFor(
      tx,
      orgId,
      'critical_signals',
      { roles: SIGNAL_READERS },
      { settings: ['daily'] },
    );
    const deliveries: Delivery[] = [];
    let due = 0;
    const label = await noticeLabeler(tx, orgId);
    for (const member of members) {
      const [claimed] = await tx
        .insert(notificationDigests)
        .values({ orgId, userId: member.userId, day, coveredUntil: now, signalCount: 0 })
        .onConflictDoNothing()
        .returning({ day: notificationDigests.day });
      if (!claimed) continue;
      due += 1;
      const [previous] = await tx
        .select({ coveredUntil: notificationDigests.coveredUntil })
        .from(notificationDigests)
        .where(
          and(
            eq(notificationDigests.orgId, orgId),
            eq(notificationDigests.userId, member.userId),
            lt(notificationDigests.day, day),
          ),
        )
        .orderBy(desc(notificationDigests.day))
        .limit(1);
      const from = previous?.coveredUntil ?? new Date(now.getTime() - FIRST_WINDOW_MS);
      const signals = rowsOf<Parameters<typeof toSummary>[0]>(
        await tx.execute(sql`
          select s.id, s.kind, s.severity, p.full_name as person_name, p.id as person_id
          from critical_signal_notices n
          join signals s on s.org_id = n.org_id and s.id = n.signal_id
          join people p on p.org_id = s.org_id and p.id = s.person_id
          where n.org_id = ${orgId}
            and n.noticed_at > ${from.toISOString()}::timestamptz
            and n.noticed_at <= ${now.toISOString()}::timestamptz
          order by n.noticed_at, s.id`),
      ).map((r) => toSummary({ ...r, person_name: label(r.person_id, r.person_name) }));
      if (signals.length === 0) continue;
      await tx
        .update(notificationDigests)
        .set({ signalCount: signals.length })
        .where(
          and(
            eq(notificationDigests.orgId, orgId),
            eq(notificationDigests.userId, member.userId),
            eq(notificationDigests.day, day),
          ),
        );
      deliveries.push({
        recipient: member,
        notice: criticalDigestNotice(appBaseUrl(), day, signals),
      });
    }
    return { day, members: due, mailed: await mailDeliveries(tx, orgId, deliveries, now) };
  });
  if (result.mailed > 0) await requestMailDelivery(orgId);
  return result;
}
