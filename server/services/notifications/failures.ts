import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { sha256Hex } from '@/server/domain/auth/secrets';
import { failureNotice, type Failure } from '@/server/domain/notifications/failure-notice';
import { isoDay } from '@/server/domain/time';
import { appBaseUrl } from '@/server/services/mail/outbox';
import { notify } from './send';

export type { Failure };

/**
 * Tells the organization's admins (those who keep "Delivery failures" on) that a delivery went
 * dead: mail after its last attempt, a webhook endpoint, a connector. Callers (webhooks,
 * connectors, mail delivery) pass what failed, the last error and where to look. At most one
 * message per `what` per day: a dead endpoint fails every delivery, and one notice says it; the
 * page behind `link` lists them all. Runs in the caller's transaction; ask for mail delivery
 * (`requestMailDelivery`) after it commits.
 */
export async function notifyAdminsOfFailure(
  tx: Tx,
  orgId: string,
  failure: Failure,
  now = new Date(),
): Promise<number> {
  const key = `${sha256Hex(failure.what).slice(0, 32)}:${isoDay(now)}`;
  // Two failures reported at once must not both find "none sent yet".
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}:delivery_failure:${key}`}, 0))`,
  );
  const [already] = await tx
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.orgId, orgId),
        eq(outboxMessages.relatedType, 'delivery_failure'),
        eq(outboxMessages.relatedId, key),
      ),
    )
    .limit(1);
  if (already) return 0;
  const notice = {
    ...failureNotice(appBaseUrl(), failure),
    related: { type: 'delivery_failure', id: key },
  };
  return notify(tx, orgId, notice, { roles: ['admin'] });
}
