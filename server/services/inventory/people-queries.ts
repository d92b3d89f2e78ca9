import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { people, personIdentifiers, personRiskScores, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListPeopleInput, PersonIdInput } from '@/server/domain/inventory/inputs';
import { screeningState } from '@/server/domain/inventory/person';
import {
  loadInvestigationView,
  namesShown,
  nameShownSql,
  subjectOf,
} from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { afterCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { escapeLike } from '@/server/services/shared/sql-helpers';

const LOWER_NAME = sql<string>`lower(${people.fullName})`;

/** Managers see only themselves and their direct reports (docs/PRODUCT.md §Managers' scope). */
export function scopeFor(actor: OrgActor): SQL | undefined {
  if (actor.role !== 'manager') return undefined;
  return sql`(${people.userId} = ${actor.userId} or ${people.managerId} in (select m.id from people m where m.org_id = ${actor.orgId} and m.user_id = ${actor.userId}))`;
}

// Unscored people sort after every scored one (−1 is below any score).
const RISK_KEY = sql<number>`coalesce(${personRiskScores.risk}, -1)`;

/**
 * The people directory, or, sorted by risk or filtered by band, a risk ranking. Where the member
 * sees pseudonyms (docs/PRIVACY.md §Pseudonymized investigation) the directory shows no risk for
 * people whose names the member does not see, and the ranking shows those people by pseudonym
 * (no id, email, title or department), with a name search matching only people shown by name.
 */
export async function listPeople(actor: OrgActor, f: ListPeopleInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const view = await loadInvestigationView(tx, actor);
    const ranking = f.sort === 'risk' || f.riskBand !== undefined;
    const { rows, nextCursor } = await readPeople(tx, actor, f, {
      searchOnlyShown: ranking ? nameShownSql(view, people.id) : undefined,
    });
    const shown = await namesShown(
      tx,
      view,
      rows.map((p) => p.id),
    );
    return {
      people: rows.map((p) => {
        if (shown.has(p.id)) return { ...p, id: p.id as string | null, pseudonymized: false };
        if (!ranking)
          return {
            ...p,
            id: p.id as string | null,
            pseudonymized: false,
            risk: null,
            riskBand: null,
            bribery: null,
            compromise: null,
          };
        const subject = subjectOf(view, shown, p);
        return {
          ...p,
          id: null,
          fullName: subject.fullName,
          email: '',
          title: null,
          department: null,
          pseudonymized: true,
        };
      }),
      nextCursor,
    };
  });
}

async function readPeople(
  tx: Tx,
  actor: OrgActor,
  f: ListPeopleInput,
  { searchOnlyShown }: { searchOnlyShown: SQL | undefined },
) {
  const keys = [LOWER_NAME, sql`${people.id}`];
  const conditions: SQL[] = [eq(people.orgId, actor.orgId)];
  const scope = scopeFor(actor);
  if (scope) conditions.push(scope);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(people.fullName, like), ilike(people.email, like))!);
    // A name search must not find a pseudonymized person in a ranking.
    if (searchOnlyShown) conditions.push(searchOnlyShown);
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
  const rows = await tx
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
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ lowerName: _l, riskKey: _k, ...p }) => ({
      ...p,
      screening: screeningState(p),
    })),
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor(byRisk ? [Number(last.riskKey), last.id] : [last.lowerName, last.id])
        : null,
  };
}

export async function getPerson(actor: OrgActor, { personId }: PersonIdInput) {
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
