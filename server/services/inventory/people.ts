import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  people,
  personIdentifiers,
  personRiskScores,
  RISK_BAND_VALUES,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  BACKGROUND_CHECK_STATUSES,
  normalizePersonIdentifiers,
  PERSON_TYPES,
  personInputSchema,
  screeningState,
  wouldCreateManagerCycle,
  type PersonInput,
} from '@/server/domain/inventory/person';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { revokeGrantsOfPerson } from '@/server/services/access/lifecycle';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { rescreen } from '@/server/services/screening/matches';
import {
  afterCursor,
  cursorSchema,
  encodeCursor,
  requireCursor,
} from '@/server/services/shared/keyset';
import { escapeLike, isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { thenRecompute } from '@/server/services/risk/triggers';

const LOWER_NAME = sql<string>`lower(${people.fullName})`;

/** Managers see only themselves and their direct reports (spec/README.md "manager"). */
export function scopeFor(actor: OrgActor): SQL | undefined {
  if (actor.role !== 'manager') return undefined;
  return sql`(${people.userId} = ${actor.userId} or ${people.managerId} in (select m.id from people m where m.org_id = ${actor.orgId} and m.user_id = ${actor.userId}))`;
}

export const listPeopleSchema = z.object({
  q: z.string().trim().max(200).optional(),
  types: z.array(z.enum(PERSON_TYPES)).max(4).optional(),
  vendorId: z.uuid().optional(),
  backgroundCheck: z.enum(BACKGROUND_CHECK_STATUSES).optional(),
  /** The band of the person's higher risk score (person_risk_scores). */
  riskBand: z.enum(RISK_BAND_VALUES).optional(),
  /** By name (default) or riskiest first. */
  sort: z.enum(['name', 'risk']).default('name'),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});

// Unscored people sort after every scored one (−1 is below any score).
const RISK_KEY = sql<number>`coalesce(${personRiskScores.risk}, -1)`;

export async function listPeople(actor: OrgActor, input: z.input<typeof listPeopleSchema>) {
  const f = listPeopleSchema.parse(input);
  const keys = [LOWER_NAME, sql`${people.id}`];
  const conditions: SQL[] = [eq(people.orgId, actor.orgId)];
  const scope = scopeFor(actor);
  if (scope) conditions.push(scope);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(people.fullName, like), ilike(people.email, like))!);
  }
  if (f.types?.length)
    conditions.push(
      sql`${people.type} in (${sql.join(
        f.types.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  if (f.vendorId) conditions.push(eq(people.vendorId, f.vendorId));
  if (f.backgroundCheck) conditions.push(eq(people.backgroundCheckStatus, f.backgroundCheck));
  if (f.riskBand) conditions.push(eq(personRiskScores.band, f.riskBand));
  const byRisk = f.sort === 'risk';
  const cursor = requireCursor(f.cursor, 2);
  if (cursor && byRisk && (typeof cursor[0] !== 'number' || !z.uuid().safeParse(cursor[1]).success))
    throw new UserFacingError(
      'BAD_REQUEST',
      'That page link is no longer valid. Start from the first page.',
    );
  if (cursor)
    conditions.push(
      byRisk
        ? sql`(${RISK_KEY}, ${people.id}) < (${Number(cursor[0])}::float8, ${String(cursor[1])}::uuid)`
        : afterCursor(keys, cursor),
    );
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: people.id,
        fullName: people.fullName,
        email: people.email,
        type: people.type,
        title: people.title,
        department: people.department,
        country: people.country,
        vendorId: people.vendorId,
        vendorName: vendors.name,
        identityVerifiedAt: people.identityVerifiedAt,
        backgroundCheckStatus: people.backgroundCheckStatus,
        endDate: people.endDate,
        risk: personRiskScores.risk,
        riskBand: personRiskScores.band,
        bribery: personRiskScores.bribery,
        compromise: personRiskScores.compromise,
        lowerName: LOWER_NAME,
        riskKey: RISK_KEY,
      })
      .from(people)
      .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
      .leftJoin(
        personRiskScores,
        and(eq(personRiskScores.orgId, people.orgId), eq(personRiskScores.personId, people.id)),
      )
      .where(and(...conditions))
      .orderBy(...(byRisk ? [desc(RISK_KEY), desc(people.id)] : [asc(LOWER_NAME), asc(people.id)]))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    people: page.map(({ lowerName: _l, riskKey: _k, ...p }) => ({
      ...p,
      screening: screeningState(p),
    })),
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor(byRisk ? [Number(last.riskKey), last.id] : [last.lowerName, last.id])
        : null,
  };
}

export const personIdSchema = z.object({ personId: z.uuid() });

export async function getPerson(actor: OrgActor, input: z.input<typeof personIdSchema>) {
  const { personId } = personIdSchema.parse(input);
  const manager = alias(people, 'manager');
  return withTenant(tenantOf(actor), async (tx) => {
    const conditions: SQL[] = [eq(people.orgId, actor.orgId), eq(people.id, personId)];
    const scope = scopeFor(actor);
    if (scope) conditions.push(scope);
    const [row] = await tx
      .select({
        person: people,
        vendorName: vendors.name,
        vendorStatus: vendors.status,
        managerName: manager.fullName,
      })
      .from(people)
      .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
      .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
      .where(and(...conditions));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
    const identifiers = await tx
      .select({
        kind: personIdentifiers.kind,
        value: personIdentifiers.value,
        raw: personIdentifiers.raw,
      })
      .from(personIdentifiers)
      .where(
        and(eq(personIdentifiers.orgId, actor.orgId), eq(personIdentifiers.personId, personId)),
      )
      .orderBy(asc(personIdentifiers.kind), asc(personIdentifiers.value));
    const reports = await tx
      .select({ id: people.id, fullName: people.fullName, title: people.title })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), eq(people.managerId, personId), scopeFor(actor)))
      .orderBy(asc(people.fullName));
    return {
      ...row.person,
      vendorName: row.vendorName,
      vendorStatus: row.vendorStatus,
      managerName: row.managerName,
      identifiers,
      reports,
      screening: screeningState(row.person),
    };
  });
}

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
export async function createPerson(actor: OrgActor, input: z.input<typeof personInputSchema>) {
  return thenRecompute(actor.orgId, createPersonNow(actor, input));
}

async function createPersonNow(actor: OrgActor, input: z.input<typeof personInputSchema>) {
  const parsed = personInputSchema.parse(input);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkReferences(tx, actor, null, parsed);
      const columns = personColumns(parsed, null, actor);
      const [created] = await tx
        .insert(people)
        .values({ orgId: actor.orgId, ...columns })
        .returning({ id: people.id });
      if (!created) throw new Error('person insert returned nothing');
      const identifiers = await replaceIdentifiers(tx, actor.orgId, created.id, parsed);
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
      return { id: created.id, newMatches: screening.newMatches };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError(
        'CONFLICT',
        `A person with the email ${parsed.email} already exists.`,
      );
    throw error;
  }
}

export const updatePersonSchema = z.object({ personId: z.uuid(), person: personInputSchema });

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function updatePerson(actor: OrgActor, input: z.input<typeof updatePersonSchema>) {
  return thenRecompute(actor.orgId, updatePersonNow(actor, input));
}

async function updatePersonNow(actor: OrgActor, input: z.input<typeof updatePersonSchema>) {
  const { personId, person } = updatePersonSchema.parse(input);
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
      // An end date already past revokes their access at once; a future one waits for the sweep.
      const revokedGrants =
        columns.endDate && columns.endDate < new Date().toISOString().slice(0, 10)
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

/** Names for pickers (manager, requester); managers get only their own scope. */
export async function personOptions(actor: OrgActor) {
  const conditions: SQL[] = [eq(people.orgId, actor.orgId)];
  const scope = scopeFor(actor);
  if (scope) conditions.push(scope);
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ id: people.id, fullName: people.fullName, email: people.email })
      .from(people)
      .where(and(...conditions))
      .orderBy(asc(people.fullName))
      .limit(2000),
  );
}
