import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { organizations, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  eventMatchesFilter,
  outboundEnvelope,
  type StoredOutboundEvent,
} from '@/server/domain/outbound/events';
import { readOutboundEvents } from '@/server/services/outbound/events';

const BATCH = 500;
/** One run fans out at most this many events per endpoint; the next run goes on from there. */
const MAX_EVENTS_PER_RUN = 5_000;

export async function orgSlug(tx: Tx, orgId: string): Promise<string> {
  const [org] = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.slug ?? '';
}

/**
 * A `connector.failed` about an endpoint is not sent to that endpoint: it is failing, and a
 * failure notice it cannot receive would die and announce itself again.
 */
function aboutItself(event: StoredOutboundEvent, endpointId: string): boolean {
  return (
    event.type === 'connector.failed' &&
    event.subjectType === 'webhook_endpoint' &&
    event.subjectId === endpointId
  );
}

/**
 * For one active endpoint, in one transaction: the events after its checkpoint become deliveries
 * (those its filter takes) and the checkpoint moves past them. The endpoint row is locked, and a
 * delivery is unique per endpoint and event, so two runs at once neither skip nor repeat.
 */
async function fanOutEndpoint(orgId: string, endpointId: string): Promise<number> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const [endpoint] = await tx
      .select({
        checkpoint: webhookEndpoints.checkpoint,
        events: webhookEndpoints.events,
        status: webhookEndpoints.status,
      })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)))
      .for('update');
    if (!endpoint || endpoint.status !== 'active') return 0;
    const slug = await orgSlug(tx, orgId);
    let checkpoint = endpoint.checkpoint;
    let created = 0;
    for (let read = 0; read < MAX_EVENTS_PER_RUN; read += BATCH) {
      const events = await readOutboundEvents(tx, orgId, checkpoint, BATCH);
      if (events.length === 0) break;
      const rows = events
        .filter((e) => eventMatchesFilter(e.type, endpoint.events) && !aboutItself(e, endpointId))
        .map((e) => ({
          orgId,
          endpointId,
          eventSeq: e.seq,
          eventId: e.id,
          eventType: e.type,
          body: outboundEnvelope(e, slug),
          nextAttemptAt: new Date(),
        }));
      if (rows.length > 0) {
        const inserted = await tx
          .insert(webhookDeliveries)
          .values(rows)
          .onConflictDoNothing()
          .returning({ id: webhookDeliveries.id });
        created += inserted.length;
      }
      checkpoint = events.at(-1)!.seq;
      if (events.length < BATCH) break;
    }
    if (checkpoint !== endpoint.checkpoint)
      await tx
        .update(webhookEndpoints)
        .set({ checkpoint })
        .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)));
    return created;
  });
}

/** Fans out new events to every active endpoint of the organization; returns deliveries made. */
export async function fanOutWebhooks(orgId: string): Promise<number> {
  const endpoints = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.orgId, orgId),
          eq(webhookEndpoints.status, 'active'),
          sql`${webhookEndpoints.checkpoint} < (select coalesce(max(seq), 0) from outbound_events where org_id = ${orgId})`,
        ),
      ),
  );
  let created = 0;
  for (const e of endpoints) created += await fanOutEndpoint(orgId, e.id);
  return created;
}
