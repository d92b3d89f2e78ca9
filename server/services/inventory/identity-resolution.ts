import { and, eq, sql } from 'drizzle-orm';
import { actorIdentities, people, personIdentifiers } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { identifierKindSchema, normalizeIdentifier } from '@/server/domain/inventory/identifiers';
import type { ResolveActorInput } from '@/server/domain/inventory/inputs';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/**
 * Links an actor to a person (adding the identifier to the person, so later events resolve on
 * their own, and back-filling every stored event that carries it) or marks it a service account.
 */
export async function resolveActorIdentity(actor: OrgActor, decision: ResolveActorInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [identity] = await tx
      .select()
      .from(actorIdentities)
      .where(
        and(eq(actorIdentities.orgId, actor.orgId), eq(actorIdentities.id, decision.identityId)),
      )
      .for('update');
    if (!identity) throw new UserFacingError('NOT_FOUND', 'No such actor.');
    let personId: string | null = null;
    let backfilled = 0;
    if (decision.decision === 'link') {
      const [person] = await tx
        .select({ id: people.id, fullName: people.fullName, country: people.country })
        .from(people)
        .where(and(eq(people.orgId, actor.orgId), eq(people.id, decision.personId)));
      if (!person) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
      personId = person.id;
      const kind = identifierKindSchema.safeParse(identity.kind);
      if (kind.success) {
        const normalized = normalizeIdentifier(kind.data, identity.value, person.country);
        if (normalized.ok)
          await tx
            .insert(personIdentifiers)
            .values({
              orgId: actor.orgId,
              personId: person.id,
              kind: kind.data,
              value: normalized.value,
              raw: identity.value,
            })
            .onConflictDoNothing();
      }
      backfilled = rowsOf(
        await tx.execute(sql`
          update access_events set person_id = ${person.id}
          where org_id = ${actor.orgId} and actor_key = ${identity.actorKey} and person_id is null
          returning 1`),
      ).length;
    }
    const status = decision.decision === 'link' ? 'resolved' : 'service_account';
    await tx
      .update(actorIdentities)
      .set({ status, personId, decidedBy: actor.userId, decidedAt: new Date() })
      .where(and(eq(actorIdentities.orgId, actor.orgId), eq(actorIdentities.id, identity.id)));
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: decision.decision === 'link' ? 'identity.linked' : 'identity.service_account',
      entityType: 'actor_identity',
      entityId: identity.id,
      before: { status: identity.status, personId: identity.personId },
      after: { status, personId, actorKey: identity.actorKey, backfilledEvents: backfilled },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { status, backfilled };
  });
}
