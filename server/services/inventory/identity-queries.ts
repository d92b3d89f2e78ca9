import { and, desc, eq } from 'drizzle-orm';
import { actorIdentities, people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListActorsInput } from '@/server/domain/inventory/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

/** Actors the logs name, most active first (the unresolved-actors page). */
export async function listActorIdentities(actor: OrgActor, f: ListActorsInput) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: actorIdentities.id,
        actorKey: actorIdentities.actorKey,
        kind: actorIdentities.kind,
        value: actorIdentities.value,
        status: actorIdentities.status,
        eventCount: actorIdentities.eventCount,
        firstSeenAt: actorIdentities.firstSeenAt,
        lastSeenAt: actorIdentities.lastSeenAt,
        sources: actorIdentities.sources,
        person: { id: people.id, fullName: people.fullName },
      })
      .from(actorIdentities)
      .leftJoin(
        people,
        and(eq(people.orgId, actorIdentities.orgId), eq(people.id, actorIdentities.personId)),
      )
      .where(and(eq(actorIdentities.orgId, actor.orgId), eq(actorIdentities.status, f.status)))
      .orderBy(desc(actorIdentities.eventCount), actorIdentities.actorKey)
      .limit(f.limit),
  );
}
