import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { RedeliverInput, WebhookIdInput } from '@/server/domain/webhooks/inputs';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditWebhook, type WebhookActor } from './endpoint-commands';
import { orgSlug } from './fan-out';
import { requestWebhookDelivery } from './wake';

/** Not part of the event stream: only this endpoint gets it, and no filter applies. */
export const TEST_EVENT_TYPE = 'vigil.test';

const PAUSED = 'The endpoint is paused: resume it first.';

/**
 * Queues a signed `vigil.test` delivery to one endpoint; the queue sends it within seconds and
 * the delivery log shows the answer. Nothing waits on the receiver here.
 */
export async function sendTestWebhook(actor: WebhookActor, { endpointId }: WebhookIdInput) {
  const deliveryId = await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const [endpoint] = await tx
      .select({ status: webhookEndpoints.status })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, actor.orgId), eq(webhookEndpoints.id, endpointId)));
    if (!endpoint)
      throw new UserFacingError('NOT_FOUND', 'No such webhook endpoint in this organization.');
    if (endpoint.status !== 'active') throw new UserFacingError('PRECONDITION_FAILED', PAUSED);
    const eventId = randomUUID();
    const occurredAt = new Date();
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        orgId: actor.orgId,
        endpointId,
        eventSeq: null,
        eventId,
        eventType: TEST_EVENT_TYPE,
        body: {
          id: eventId,
          type: TEST_EVENT_TYPE,
          version: 1,
          sequence: null,
          occurredAt: occurredAt.toISOString(),
          organization: { id: actor.orgId, slug: await orgSlug(tx, actor.orgId) },
          data: { message: 'A test delivery from Vigil.', endpoint: { id: endpointId } },
        },
        nextAttemptAt: occurredAt,
      })
      .returning({ id: webhookDeliveries.id });
    await auditWebhook(tx, actor, 'webhook.test_sent', endpointId, {
      after: { deliveryId: row!.id },
    });
    return row!.id;
  });
  await requestWebhookDelivery(actor.orgId);
  return { deliveryId };
}

/**
 * Sends a delivery again now, whatever became of it (a dead one after the receiver is fixed, a
 * delivered one the receiver lost). Its retry schedule starts over.
 */
export async function redeliverWebhook(actor: WebhookActor, { deliveryId }: RedeliverInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const [before] = await tx
      .select({
        endpointId: webhookDeliveries.endpointId,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        eventType: webhookDeliveries.eventType,
        endpointStatus: webhookEndpoints.status,
      })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.orgId, webhookDeliveries.orgId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(and(eq(webhookDeliveries.orgId, actor.orgId), eq(webhookDeliveries.id, deliveryId)))
      .for('update', { of: webhookDeliveries });
    if (!before) throw new UserFacingError('NOT_FOUND', 'No such delivery in this organization.');
    if (before.endpointStatus !== 'active')
      throw new UserFacingError('PRECONDITION_FAILED', PAUSED);
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), deliveredAt: null })
      .where(and(eq(webhookDeliveries.orgId, actor.orgId), eq(webhookDeliveries.id, deliveryId)));
    await auditWebhook(tx, actor, 'webhook.redelivered', before.endpointId, {
      before: { deliveryId, status: before.status, attempts: before.attempts },
      after: { deliveryId, status: 'pending', eventType: before.eventType },
    });
  });
  await requestWebhookDelivery(actor.orgId);
}
