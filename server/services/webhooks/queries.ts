import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListDeliveriesInput } from '@/server/domain/webhooks/inputs';
import { beforeCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';

interface Reader {
  orgId: string;
  userId: string | null;
}

/** Endpoints with the secret's hint only (the secret is shown once, when made). */
export async function listWebhookEndpoints(actor: Reader) {
  const creator = alias(users, 'creator');
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    tx
      .select({
        id: webhookEndpoints.id,
        url: webhookEndpoints.url,
        description: webhookEndpoints.description,
        events: webhookEndpoints.events,
        status: webhookEndpoints.status,
        secretHint: webhookEndpoints.secretHint,
        createdAt: webhookEndpoints.createdAt,
        createdBy: creator.email,
        dead: sql<number>`(select count(*)::int from webhook_deliveries d
          where d.org_id = ${webhookEndpoints.orgId} and d.endpoint_id = ${webhookEndpoints.id}
            and d.status = 'dead')`,
        lastDeliveredAt: sql<
          string | null
        >`(select max(d.delivered_at)::text from webhook_deliveries d
          where d.org_id = ${webhookEndpoints.orgId} and d.endpoint_id = ${webhookEndpoints.id})`,
      })
      .from(webhookEndpoints)
      .leftJoin(creator, eq(creator.id, webhookEndpoints.createdBy))
      .where(eq(webhookEndpoints.orgId, actor.orgId))
      .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)),
  );
}

/** The delivery log, newest first, keyset-paged; filter by endpoint and status (dead letter). */
export async function listWebhookDeliveries(actor: Reader, f: ListDeliveriesInput) {
  const after = requireCursor(f.cursor, 2);
  const where: SQL[] = [eq(webhookDeliveries.orgId, actor.orgId)];
  if (f.endpointId) where.push(eq(webhookDeliveries.endpointId, f.endpointId));
  if (f.status) where.push(eq(webhookDeliveries.status, f.status));
  if (after) where.push(beforeCursor(webhookDeliveries.createdAt, webhookDeliveries.id, after));
  const rows = await withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    tx
      .select({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        url: webhookEndpoints.url,
        eventSeq: webhookDeliveries.eventSeq,
        eventId: webhookDeliveries.eventId,
        eventType: webhookDeliveries.eventType,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        responseCode: webhookDeliveries.responseCode,
        latencyMs: webhookDeliveries.latencyMs,
        lastError: webhookDeliveries.lastError,
        createdAt: webhookDeliveries.createdAt,
        deliveredAt: webhookDeliveries.deliveredAt,
        cursorAt: sql<string>`${webhookDeliveries.createdAt}::text`,
      })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.orgId, webhookDeliveries.orgId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(and(...where))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _, ...item }) => ({
      ...item,
      // The next attempt only means something while one is planned.
      nextAttemptAt:
        item.status === 'failed' || item.status === 'pending' ? item.nextAttemptAt : null,
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}
