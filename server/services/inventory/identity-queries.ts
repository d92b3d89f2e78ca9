import { and, desc, eq, sql } from 'drizzle-orm';
import { actorIdentities, people, personRiskScores } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListActorsInput } from '@/server/domain/inventory/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

// How suspicious the person behind an actor looks: their untriaged or escalated signals, then
// their risk score. Unresolved actors have neither and keep the most active first.
const openSignals = sql<number>`(select count(*)::int from signals sg
  where sg.org_id = ${actorIdentities.orgId} and sg.person_id = ${actorIdentities.personId}
    and sg.status in ('open', 'acknowledged', 'escalated'))`;

/** Actors the logs name, most suspicious first, then most active (the log-actors page). */
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
        openSignals,
        risk: personRiskScores.risk,
        riskBand: personRiskScores.band,
      })
      .from(actorIdentities)
      .leftJoin(
        people,
        and(eq(people.orgId, actorIdentities.orgId), eq(people.id, actorIdentities.personId)),
      )
      .leftJoin(
        personRiskScores,
        and(
          eq(personRiskScores.orgId, actorIdentities.orgId),
          eq(personRiskScores.personId, actorIdentities.personId),
        ),
      )
      .where(and(eq(actorIdentities.orgId, actor.orgId), eq(actorIdentities.status, f.status)))
      .orderBy(
        desc(openSignals),
        sql`${personRiskScores.risk} desc nulls last`,
        desc(actorIdentities.eventCount),
        actorIdentities.actorKey,
      )
      .limit(f.limit),
  );
}
