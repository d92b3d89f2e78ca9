import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, scimGroupMembers, scimUsers } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { applyUserPatch, type PatchOperation } from '@/server/domain/scim/patch';
import { notFound, ScimError } from '@/server/domain/scim/protocol';
import { emailOf, fullNameOf, personTypeOf, type ScimUserState } from '@/server/domain/scim/user';
import { isoDay } from '@/server/domain/time';
import { revokeGrantsOfPerson } from '@/server/services/access/lifecycle';
import { appendAudit } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { raiseIdentityReuse } from '@/server/services/screening/identity-reuse';
import { rescreen } from '@/server/services/screening/matches';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import {
  addIdentifiers,
  loadUser,
  resolveManager,
  stateOf,
  userResource,
  type ScimActor,
  type UserRow,
} from './user-records';

const LEAVER_REASON = 'Deactivated by the identity provider (SCIM).';

const uniqueness = (detail: string) => new ScimError(409, 'uniqueness', detail);

function audit(
  tx: Tx,
  actor: ScimActor,
  action: string,
  personId: string,
  before: unknown,
  after: unknown,
) {
  return appendAudit(tx, {
    orgId: actor.orgId,
    actor: actor.audit,
    action,
    entityType: 'person',
    entityId: personId,
    before,
    after,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/** What the audit entry records of a user (no names of the mapping beyond what the person has). */
function auditView(s: ScimUserState, managerId: string | null, endDate: string | null) {
  return {
    userName: s.userName,
    externalId: s.externalId,
    email: emailOf(s),
    fullName: fullNameOf(s),
    title: s.title,
    department: s.department,
    managerId,
    active: s.active,
    endDate,
  };
}

/**
 * The person's end date after a change of `active`: deactivation ends them today (an earlier
 * end date stays), reactivation clears it (docs/SCIM.md §Leaver).
 */
function endDateAfter(was: boolean, now: boolean, current: string | null, today: string) {
  if (was && !now) return current && current <= today ? current : today;
  if (!was && now) return null;
  return current;
}

async function afterChange(tx: Tx, actor: ScimActor, personId: string) {
  await rescreen(tx, actor.orgId, actor.audit, [personId]);
  await raiseIdentityReuse(tx, actor.orgId, actor.audit, { personIds: [personId] });
}

async function mapUnique<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error))
      throw uniqueness('Another user already has this userName or email.');
    throw error;
  }
}

/**
 * Joiner (POST /Users): creates the person, or takes over a person Vigil already has with that
 * email (imported before SCIM was connected). A userName or email another SCIM user holds answers
 * 409 uniqueness (RFC 7644 §3.3), so a retried POST never makes a second person.
 */
export async function createScimUser(actor: ScimActor, state: ScimUserState) {
  const resource = await mapUnique(() =>
    withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
      const [taken] = await tx
        .select({ id: scimUsers.personId })
        .from(scimUsers)
        .where(
          and(
            eq(scimUsers.orgId, actor.orgId),
            sql`lower(${scimUsers.userName}) = lower(${state.userName})`,
          ),
        );
      if (taken) throw uniqueness(`A user with the userName ${state.userName} already exists.`);
      const email = emailOf(state);
      const [existing] = await tx
        .select()
        .from(people)
        .where(and(eq(people.orgId, actor.orgId), eq(people.email, email)))
        .for('update');
      if (existing) {
        const [linked] = await tx
          .select({ id: scimUsers.personId })
          .from(scimUsers)
          .where(and(eq(scimUsers.orgId, actor.orgId), eq(scimUsers.personId, existing.id)));
        if (linked) throw uniqueness('Another user already has this email.');
        if (existing.erasedAt) throw uniqueness('This email belongs to an erased person.');
      }
      const today = isoDay(new Date());
      const personId = existing?.id ?? null;
      const managerId = await resolveManager(tx, actor.orgId, state.manager, personId);
      const columns = {
        email,
        fullName: fullNameOf(state),
        title: state.title,
        department: state.department,
        managerId,
        // A taken-over person keeps a planned (future) end date while active; a past one means
        // the identity provider rehired them. Inactive ends them today at the latest.
        endDate: state.active
          ? existing?.endDate && existing.endDate >= today
            ? existing.endDate
            : null
          : endDateAfter(true, false, existing?.endDate ?? null, today),
        updatedAt: new Date(),
      };
      let id: string;
      if (existing) {
        id = existing.id;
        const keepType = existing.type !== 'employee' && existing.type !== 'contractor';
        await tx
          .update(people)
          .set({ ...columns, ...(keepType ? {} : { type: personTypeOf(state) }) })
          .where(and(eq(people.orgId, actor.orgId), eq(people.id, id)));
      } else {
        const [created] = await tx
          .insert(people)
          .values({ orgId: actor.orgId, type: personTypeOf(state), ...columns })
          .returning({ id: people.id });
        id = created!.id;
      }
      await tx.insert(scimUsers).values({ orgId: actor.orgId, personId: id, ...mappingOf(state) });
      await addIdentifiers(tx, actor.orgId, id, state);
      const after = auditView(state, managerId, columns.endDate);
      if (existing)
        await audit(
          tx,
          actor,
          'scim.user_linked',
          id,
          {
            email: existing.email,
            fullName: existing.fullName,
            title: existing.title,
            department: existing.department,
            managerId: existing.managerId,
            endDate: existing.endDate,
          },
          after,
        );
      else await audit(tx, actor, 'person.created', id, null, { ...after, source: 'scim' });
      if (existing && !state.active)
        await revokeGrantsOfPerson(tx, actor.orgId, actor.audit, id, LEAVER_REASON);
      await afterChange(tx, actor, id);
      return userResource(actor, (await loadUser(tx, actor.orgId, id))!);
    }),
  );
  await requestRiskRecompute(actor.orgId);
  return resource;
}

function mappingOf(s: ScimUserState) {
  return {
    userName: s.userName,
    externalId: s.externalId,
    givenName: s.givenName,
    familyName: s.familyName,
    displayName: s.displayName,
    active: s.active,
  };
}

/**
 * Mover and leaver (PUT and PATCH /Users/{id}): the new state replaces the person's SCIM-held
 * columns. Turning `active` off ends the person today and revokes their open grants in the same
 * transaction (the offboarding of docs/PRODUCT.md §People); any error rolls everything back.
 */
async function updateScimUser(
  actor: ScimActor,
  id: string,
  next: (before: ScimUserState) => ScimUserState,
) {
  const resource = await mapUnique(() =>
    withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
      const row = await loadUser(tx, actor.orgId, id, true);
      if (!row) throw notFound(`No user ${id.slice(0, 64)}.`);
      const before = stateOf(row);
      const after = next(before);
      const email = emailOf(after);
      const managerId =
        after.manager === before.manager
          ? row.managerId
          : await resolveManager(tx, actor.orgId, after.manager, row.personId);
      const endDate = endDateAfter(before.active, after.active, row.endDate, isoDay(new Date()));
      const keepType = row.type !== 'employee' && row.type !== 'contractor';
      const now = new Date();
      await tx
        .update(people)
        .set({
          email,
          fullName: fullNameOf(after),
          title: after.title,
          department: after.department,
          managerId,
          endDate,
          ...(keepType ? {} : { type: personTypeOf(after) }),
          updatedAt: now,
        })
        .where(and(eq(people.orgId, actor.orgId), eq(people.id, row.personId)));
      await tx
        .update(scimUsers)
        .set({ ...mappingOf(after), version: row.version + 1, updatedAt: now })
        .where(and(eq(scimUsers.orgId, actor.orgId), eq(scimUsers.personId, row.personId)));
      await addIdentifiers(tx, actor.orgId, row.personId, after);
      await audit(
        tx,
        actor,
        'person.updated',
        row.personId,
        auditView(before, row.managerId, row.endDate),
        { ...auditView(after, managerId, endDate), source: 'scim' },
      );
      if (before.active && !after.active) await leave(tx, actor, row.personId, endDate);
      await afterChange(tx, actor, row.personId);
      return userResource(actor, (await loadUser(tx, actor.orgId, row.personId))!);
    }),
  );
  await requestRiskRecompute(actor.orgId);
  return resource;
}

async function leave(tx: Tx, actor: ScimActor, personId: string, endDate: string | null) {
  const revoked = await revokeGrantsOfPerson(tx, actor.orgId, actor.audit, personId, LEAVER_REASON);
  await audit(tx, actor, 'scim.user_deactivated', personId, null, {
    endDate,
    revokedGrants: revoked,
  });
  return revoked;
}

export function replaceScimUser(actor: ScimActor, id: string, state: ScimUserState) {
  return updateScimUser(actor, id, () => state);
}

export function patchScimUser(actor: ScimActor, id: string, ops: PatchOperation[]) {
  return updateScimUser(actor, id, (before) => applyUserPatch(before, ops));
}

/**
 * DELETE /Users/{id}: the leaver as deactivation does it, then the SCIM mapping goes (a later
 * GET answers 404, RFC 7644 §3.6). The person stays in Vigil with their end date, grants and
 * history; a later POST with their email takes them over again.
 */
export async function deleteScimUser(actor: ScimActor, id: string): Promise<void> {
  await withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const row: UserRow | null = await loadUser(tx, actor.orgId, id, true);
    if (!row) throw notFound(`No user ${id.slice(0, 64)}.`);
    const endDate = endDateAfter(true, false, row.endDate, isoDay(new Date()));
    await tx
      .update(people)
      .set({ endDate, updatedAt: new Date() })
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, row.personId)));
    await tx
      .delete(scimGroupMembers)
      .where(
        and(eq(scimGroupMembers.orgId, actor.orgId), eq(scimGroupMembers.personId, row.personId)),
      );
    await tx
      .delete(scimUsers)
      .where(and(eq(scimUsers.orgId, actor.orgId), eq(scimUsers.personId, row.personId)));
    const revoked = await revokeGrantsOfPerson(
      tx,
      actor.orgId,
      actor.audit,
      row.personId,
      LEAVER_REASON,
    );
    await audit(
      tx,
      actor,
      'scim.user_deleted',
      row.personId,
      auditView(stateOf(row), row.managerId, row.endDate),
      {
        endDate,
        revokedGrants: revoked,
      },
    );
  });
  await requestRiskRecompute(actor.orgId);
}
