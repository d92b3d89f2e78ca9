import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';

/** Admins hear of a failing endpoint at most once a day, however many deliveries die. */
const NOTICE_EVERY_MS = 86_400_000;

/**
 * A delivery went to the dead letter: in the same transaction, a `connector.failed` event and
 * mail to the admins, once a day per endpoint. Names the host only: a URL's path or query can
 * hold a receiver's token. Returns whether mail was queued.
 */
export async function noticeDeadDelivery(
  tx: Tx,
  orgId: string,
  dead: { endpointId: string; url: string; eventType: string; attempts: number; error: string },
): Promise<boolean> {
  const cutoff = new Date(Date.now() - NOTICE_EVERY_MS);
  const claimed = await tx
    .update(webhookEndpoints)
    .set({ failureNotifiedAt: new Date() })
    .where(
      and(
        eq(webhookEndpoints.orgId, orgId),
        eq(webhookEndpoints.id, dead.endpointId),
        or(
          isNull(webhookEndpoints.failureNotifiedAt),
          lt(webhookEndpoints.failureNotifiedAt, cutoff),
        ),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  if (claimed.length === 0) return false;
  const host = new URL(dead.url).host;
  const settings = appLink('/settings/webhooks');
  const error = `Delivery of ${dead.eventType} failed ${dead.attempts} times; last error: ${dead.error}`;
  await recordOutboundEvent(
    tx,
    orgId,
    'connector.failed',
    { type: 'webhook_endpoint', id: dead.endpointId },
    { connector: { id: dead.endpointId, kind: 'webhook', name: host }, error, url: settings },
  );
  const queued = await notifyAdminsOfFailure(tx, orgId, {
    what: `Webhook ${host}`,
    detail: `${error}. The delivery is in the dead letter: fix the receiver, then redeliver it.`,
    link: '/settings/webhooks',
  });
  return queued > 0;
}
