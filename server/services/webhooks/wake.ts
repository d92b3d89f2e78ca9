import { and, eq, inArray, min } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';

/**
 * Asks for `webhooks.deliver_org` at `runAt` (a retry's time). Called outside any tenant
 * transaction: the app role cannot reach the job queue. The dedupe key is the second, so many
 * deliveries due together share one job.
 */
export async function requestWebhookDelivery(orgId: string, runAt = new Date()): Promise<void> {
  const second = Math.floor(runAt.getTime() / 1000);
  const added = await enqueueJob(
    'webhooks.deliver_org',
    { orgId },
    { dedupeKey: `webhooks.deliver_org:${orgId}:${second}`, runAt, maxAttempts: 3 },
  );
  if (added && runAt.getTime() <= Date.now()) announceJobs();
}

/** When the organization's next delivery falls due (active endpoints only), or null. */
export async function nextWebhookDueAt(orgId: string): Promise<Date | null> {
  const [row] = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ at: min(webhookDeliveries.nextAttemptAt) })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.orgId, webhookDeliveries.orgId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(
        and(
          eq(webhookDeliveries.orgId, orgId),
          eq(webhookEndpoints.status, 'active'),
          inArray(webhookDeliveries.status, ['pending', 'failed']),
        ),
      ),
  );
  return row?.at ? new Date(row.at) : null;
}
