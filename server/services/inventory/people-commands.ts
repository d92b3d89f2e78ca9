import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, personIdentifiers, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { PersonInput, UpdatePersonInput } from '@/server/domain/inventory/inputs';
import {
  normalizePersonIdentifiers,
  wouldCreateManagerCycle,
} from '@/server/domain/inventory/person';
import { isoDay } from '@/server/domain/time';
import { revokeGrantsOfPerson } from '@/server/services/access/lifecycle';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { thenRecompute } from '@/server/services/risk/triggers';
import { raiseIdentityReuse } from '@/server/services/screening/identity-reuse';
import { rescreen } from '@/server/services/screening/matches';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';

async function checkReferences(
  tx: Tx,
  actor: OrgActor,
  personId: string | null,
  input: PersonInput,
) {
  if (input.vendorId) {
    const [v] = await tx
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, input.vendorId)));
    if (!v)
      throw new UserFacingError(
        'BAD_REQUEST',
        'The chosen vendor does not exist in this organization.',
      );
  }
  if (input.managerId) {
    const chain = await tx
      .select({ id: people.id, managerId: people.managerId })
      .from(people)
      .where(eq(people.orgId, actor.orgId));
    const managerOf = new Map(chain.map((p) => [p.id, p.managerId]));
    if (!managerOf.has(input.managerId))
      throw new UserFacingError(
        'BAD_REQUEST',
        'The chosen manager does not exist in this organization.',
      );
    if (personId && wouldCreateManagerCycle(personId, input.managerId, managerOf)) {
      throw new UserFacingError(
        'BAD_REQUEST',
        'That manager reports (directly or not) to this person; choose someone else.',
      );
    }
  }
}

function personColumns(
  input: PersonInput,
  previous: { identityVerifiedAt: Date | null; identityVerifiedBy: string | null } | null,
  actor: OrgActor,
) {
  const keepVerification = input.identityVerified && previous?.identityVerifiedAt;
  return {
    email: input.email,
    fullName: input.fullName,
    type: input.type,
    vendorId: input.vendorId ?? null,
    department: input.department ?? null,
    title: input.title ?? null,
    managerId: input.managerId ?? null,
    location: input.location ?? null,
    country: input.country ?? null,
    timezone: input.timezone ?? null,
    workMode: input.workMode ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    identityVerifiedAt: input.identityVerified
      ? keepVerification
        ? previous!.identityVerifiedAt
        : new Date()
      : null,
    identityVerifiedBy: input.identityVerified
      ? keepVerification
        ? previous!.identityVerifiedBy
        : actor.userId
      : null,
    backgroundCheckStatus: input.backgroundCheckStatus,
    backgroundCheckAt: input.backgroundCheckAt ?? null,
  };
}

async function replaceIdentifiers(tx: Tx, orgId: string, personId: string, input: PersonInput) {
  const normalized = normalizePersonIdentifiers(input);
  if (!normalized.ok) throw new UserFacingError('BAD_REQUEST', normalized.error);
  await tx
    .delete(personIdentifiers)
    .where(and(eq(personIdentifiers.orgId, orgId), eq(personIdentifiers.personId, personId)));
  await tx
    .insert(personIdentifiers)
    .values(normalized.identifiers.map((i) => ({ orgId, personId, ...i })));
  return normalized.identifiers;
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function createPerson(actor: OrgActor, input: PersonInput) {
  return thenRecompute(actor.orgId, createPersonNow(actor, input));
}

async function createPersonNow(actor: OrgActor, input: PersonInput) {
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkReferences(tx, actor, null, input);
      const columns = personColumns(input, null, actor);
      const [created] = await tx
        .insert(people)
        .values({ orgId: actor.orgId, ...columns })
        .returning({ id: people.id });
      if (!created) throw new Error('person insert returned nothing');
      const identifiers = await replaceIdentifiers(tx, actor.orgId, created.id, input);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'person.created',
        entityType: 'person',
        entityId: created.id,
        after: { ...columns, identifiers: identifiers.map((i) => `${i.kind}:${i.value}`) },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      const screening = await rescreen(tx, actor.orgId, userActor(actor), [created.id]);
      await raiseIdentityReuse(tx, actor.orgId, userActor(actor), { personIds: [created.id] });
      return { id: created.id, newMatches: screening.newMatches };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError(
        'CONFLICT',
        `A person with the email ${input.email} already exists.`,
      );
    throw error;
  }
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function updatePerson(actor: OrgActor, input: UpdatePersonInput) {
  return thenRecompute(actor.orgId, updatePersonNow(actor, input));
}

async function updatePersonNow(actor: OrgActor, { personId, person }: UpdatePersonInput) {
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select()
        .from(people)
        .where(and(eq(people.orgId, actor.orgId), eq(people.id, personId)))
        .for('update');
      if (!before) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
      await checkReferences(tx, actor, personId, person);
      const beforeIds = await tx
        .select({ kind: personIdentifiers.kind, value: personIdentifiers.value })
        .from(personIdentifiers)
        .where(
          and(eq(personIdentifiers.orgId, actor.orgId), eq(personIdentifiers.personId, personId)),
        );
      const columns = personColumns(person, before, actor);
      await tx
        .update(people)
        .set({ ...columns, updatedAt: new Date() })
        .where(and(eq(people.orgId, actor.orgId), eq(people.id, personId)));
      const identifiers = await replaceIdentifiers(tx, actor.orgId, personId, person);
      const {
        orgId: _o,
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        userId: _uid,
        lastScreenedAt: _l,
        ...old
      } = before;
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'person.updated',
        entityType: 'person',
        entityId: personId,
        before: { ...old, identifiers: beforeIds.map((i) => `${i.kind}:${i.value}`).sort() },
        after: { ...columns, identifiers: identifiers.map((i) => `${i.kind}:${i.value}`).sort() },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      const screening = await rescreen(tx, actor.orgId, userActor(actor), [personId]);
      await raiseIdentityReuse(tx, actor.orgId, userActor(actor), { personIds: [personId] });
      // An end date already past revokes their access at once; a future one waits for the sweep.
      const revokedGrants =
        columns.endDate && columns.endDate < isoDay(new Date())
          ? await revokeGrantsOfPerson(
              tx,
              actor.orgId,
              userActor(actor),
              personId,
              `${person.fullName} left on ${columns.endDate}.`,
            )
          : 0;
      return { id: personId, newMatches: screening.newMatches, revokedGrants };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError(
        'CONFLICT',
        `A person with the email ${person.email} already exists.`,
      );
    throw error;
  }
}
