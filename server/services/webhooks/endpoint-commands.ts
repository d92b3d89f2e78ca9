import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { secretHint } from '@/server/domain/secrets/secret-box';
import type {
  AddWebhookInput,
  SetWebhookStatusInput,
  UpdateWebhookInput,
  WebhookIdInput,
} from '@/server/domain/webhooks/inputs';
import { generateWebhookSecret } from '@/server/domain/webhooks/signature';
import { appendAudit, userActor, type AuditActor } from '@/server/services/audit/log';
import { latestOutboundSequence } from '@/server/services/outbound/events';
import type { OrgActor, RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { sealOrgSecret } from '@/server/services/shared/secrets';
import { WEBHOOK_SECRET_PURPOSE } from './deliver';
import { resolveWebhookTarget } from './url-guard';

/** Who manages endpoints: an admin in the app, or the operator through the CLI. */
export interface WebhookActor extends RequestMeta {
  orgId: string;
  userId: string | null;
  audit: AuditActor;
}

export function webhookActor(actor: OrgActor): WebhookActor {
  return { ...actor, audit: userActor(actor) };
}

export async function auditWebhook(
  tx: Tx,
  actor: WebhookActor,
  action: string,
  entityId: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await appendAudit(tx, {
    orgId: actor.orgId,
    actor: actor.audit,
    action,
    entityType: 'webhook_endpoint',
    entityId,
    ...change,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

const byId = (orgId: string, endpointId: string) =>
  and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId));

const NOT_FOUND = 'No such webhook endpoint in this organization.';

/**
 * Adds an endpoint that receives the events recorded from now on. The URL is checked (and its
 * host resolved) before anything is stored. The secret is returned this once; only a sealed copy
 * and its hint are kept.
 */
export async function addWebhookEndpoint(actor: WebhookActor, input: AddWebhookInput) {
  await resolveWebhookTarget(input.url);
  const secret = input.secret ?? generateWebhookSecret();
  const sealed = sealOrgSecret(actor.orgId, WEBHOOK_SECRET_PURPOSE, secret);
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const checkpoint = await latestOutboundSequence(tx, actor.orgId);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        orgId: actor.orgId,
        url: input.url,
        description: input.description,
        events: input.events,
        secretSealed: sealed,
        secretHint: secretHint(secret),
        checkpoint,
        createdBy: actor.userId,
      })
      .returning({ id: webhookEndpoints.id, secretHint: webhookEndpoints.secretHint });
    if (!row) throw new Error('webhook endpoint insert returned nothing');
    await auditWebhook(tx, actor, 'webhook.created', row.id, {
      after: {
        url: input.url,
        description: input.description,
        events: input.events,
        secretHint: row.secretHint,
        secretProvided: input.secret !== undefined,
      },
    });
    return {
      id: row.id,
      url: input.url,
      events: input.events,
      // Null when the caller brought its own: it has it already, and it is not echoed back.
      secret: input.secret === undefined ? secret : null,
      secretHint: row.secretHint,
    };
  });
}

async function lockEndpoint(tx: Tx, orgId: string, endpointId: string) {
  const [row] = await tx
    .select({
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      status: webhookEndpoints.status,
      secretHint: webhookEndpoints.secretHint,
    })
    .from(webhookEndpoints)
    .where(byId(orgId, endpointId))
    .for('update');
  if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
  return row;
}

export async function updateWebhookEndpoint(actor: WebhookActor, input: UpdateWebhookInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const before = await lockEndpoint(tx, actor.orgId, input.endpointId);
    await tx
      .update(webhookEndpoints)
      .set({ description: input.description, events: input.events, updatedAt: new Date() })
      .where(byId(actor.orgId, input.endpointId));
    await auditWebhook(tx, actor, 'webhook.updated', input.endpointId, {
      before: { description: before.description, events: before.events },
      after: { description: input.description, events: input.events },
    });
  });
}

/**
 * Pausing stops fan-out and sending; the checkpoint stays, so resuming sends what happened in
 * between (while the events are kept: docs/INTEGRATIONS.md §Events).
 */
export async function setWebhookStatus(actor: WebhookActor, input: SetWebhookStatusInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const before = await lockEndpoint(tx, actor.orgId, input.endpointId);
    if (before.status === input.status) return;
    await tx
      .update(webhookEndpoints)
      .set({ status: input.status, updatedAt: new Date() })
      .where(byId(actor.orgId, input.endpointId));
    await auditWebhook(
      tx,
      actor,
      input.status === 'paused' ? 'webhook.paused' : 'webhook.resumed',
      input.endpointId,
      { before: { status: before.status }, after: { status: input.status } },
    );
  });
}

/** A new signing secret, returned once; deliveries from now on are signed with it. */
export async function rotateWebhookSecret(actor: WebhookActor, { endpointId }: WebhookIdInput) {
  const secret = generateWebhookSecret();
  const sealed = sealOrgSecret(actor.orgId, WEBHOOK_SECRET_PURPOSE, secret);
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const before = await lockEndpoint(tx, actor.orgId, endpointId);
    const hint = secretHint(secret);
    await tx
      .update(webhookEndpoints)
      .set({ secretSealed: sealed, secretHint: hint, updatedAt: new Date() })
      .where(byId(actor.orgId, endpointId));
    await auditWebhook(tx, actor, 'webhook.secret_rotated', endpointId, {
      before: { secretHint: before.secretHint },
      after: { secretHint: hint },
    });
    return { id: endpointId, secret, secretHint: hint };
  });
}

/** Removes the endpoint and its delivery log. */
export async function deleteWebhookEndpoint(actor: WebhookActor, { endpointId }: WebhookIdInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const before = await lockEndpoint(tx, actor.orgId, endpointId);
    const removed = await tx
      .delete(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.orgId, actor.orgId), eq(webhookDeliveries.endpointId, endpointId)),
      )
      .returning({ id: webhookDeliveries.id });
    await tx.delete(webhookEndpoints).where(byId(actor.orgId, endpointId));
    await auditWebhook(tx, actor, 'webhook.deleted', endpointId, {
      before: { url: before.url, events: before.events, status: before.status },
      after: { deliveriesRemoved: removed.length },
    });
  });
}
