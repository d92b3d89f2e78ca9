import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  accessGrants,
  caseEvents,
  casePeople,
  caseSignals,
  caseVendors,
  cases,
  people,
  privileges,
  signals,
  systems,
  users,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { OPEN_GRANT_STATUSES } from '@/server/domain/access/grant';
import { caseReference, type CaseEventData, type CaseStatus } from '@/server/domain/cases/case';
import type { CaseIdInput, ListCasesInput } from '@/server/domain/cases/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  beforeCursor,
  encodeCursor,
  microsKey,
  requireCursor,
} from '@/server/services/shared/keyset';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';

const signalCount = sql<number>`(select count(*)::int from ${caseSignals} cs where cs.org_id = ${cases.orgId} and cs.case_id = ${cases.id})`;
const peopleNames = sql<
  string | null
>`(select string_agg(p.full_name, ', ' order by p.full_name) from ${casePeople} cp join ${people} p on p.org_id = cp.org_id and p.id = cp.person_id where cp.org_id = ${cases.orgId} and cp.case_id = ${cases.id})`;
const vendorNames = sql<
  string | null
>`(select string_agg(v.name, ', ' order by v.name) from ${caseVendors} cv join ${vendors} v on v.org_id = cv.org_id and v.id = cv.vendor_id where cv.org_id = ${cases.orgId} and cv.case_id = ${cases.id})`;

/** Cases newest first, keyset-paginated like the signal queue. */
export async function listCases(actor: OrgActor, f: ListCasesInput) {
  const conditions: SQL[] = [eq(cases.orgId, actor.orgId)];
  if (f.status === 'active') conditions.push(inArray(cases.status, ['open', 'investigating']));
  else if (f.status !== 'all') conditions.push(eq(cases.status, f.status));
  if (f.severity) conditions.push(eq(cases.severity, f.severity));
  if (f.assignee === 'none') conditions.push(sql`${cases.assigneeUserId} is null`);
  else if (f.assignee) conditions.push(eq(cases.assigneeUserId, f.assignee));
  if (f.personId)
    conditions.push(
      sql`exists (select 1 from ${casePeople} cp where cp.org_id = ${cases.orgId} and cp.case_id = ${cases.id} and cp.person_id = ${f.personId})`,
    );
  if (f.vendorId)
    conditions.push(
      sql`exists (select 1 from ${caseVendors} cv where cv.org_id = ${cases.orgId} and cv.case_id = ${cases.id} and cv.vendor_id = ${f.vendorId})`,
    );
  const cursor = requireCursor(f.cursor, 2);
  if (cursor) conditions.push(beforeCursor(cases.openedAt, cases.id, cursor));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        severity: cases.severity,
        status: cases.status,
        outcome: cases.outcome,
        openedAt: cases.openedAt,
        cursorAt: microsKey(cases.openedAt),
        closedAt: cases.closedAt,
        assignee: { id: users.id, email: users.email, name: users.name },
        signalCount,
        peopleNames,
        vendorNames,
      })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.assigneeUserId))
      .where(and(...conditions))
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _at, ...r }) => ({
      ...r,
      reference: caseReference(r.number),
      assignee: r.assignee?.id ? r.assignee : null,
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

export async function caseCounts(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ status: cases.status, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.orgId, actor.orgId))
      .groupBy(cases.status),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<CaseStatus, number>
  >;
}

/** One case with its subjects, the grants its people hold, and its timeline (oldest first). */
export async function getCase(actor: OrgActor, { caseId }: CaseIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, caseId)));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such case in this organization.');
    const userIds = [row.assigneeUserId, row.openedBy, row.closedBy].filter(
      (u): u is string => u !== null,
    );
    const caseSignalRows = await tx
      .select({
        id: signals.id,
        kind: signals.kind,
        severity: signals.severity,
        status: signals.status,
        explanation: signals.explanation,
        windowEnd: signals.windowEnd,
        person: { id: people.id, fullName: people.fullName },
      })
      .from(caseSignals)
      .innerJoin(
        signals,
        and(eq(signals.orgId, caseSignals.orgId), eq(signals.id, caseSignals.signalId)),
      )
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(and(eq(caseSignals.orgId, actor.orgId), eq(caseSignals.caseId, caseId)))
      .orderBy(desc(signals.windowEnd));
    const casePeopleRows = await tx
      .select({
        id: people.id,
        fullName: people.fullName,
        email: people.email,
        type: people.type,
        lastScreenedAt: people.lastScreenedAt,
        vendor: { id: vendors.id, name: vendors.name },
      })
      .from(casePeople)
      .innerJoin(
        people,
        and(eq(people.orgId, casePeople.orgId), eq(people.id, casePeople.personId)),
      )
      .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
      .where(and(eq(casePeople.orgId, actor.orgId), eq(casePeople.caseId, caseId)))
      .orderBy(asc(people.fullName));
    const personIds = casePeopleRows.map((p) => p.id);
    const grants =
      personIds.length === 0
        ? []
        : await tx
            .select({
              id: accessGrants.id,
              personId: accessGrants.personId,
              status: accessGrants.status,
              expiresAt: accessGrants.expiresAt,
              system: systems.name,
              privilege: privileges.name,
              sensitivity: privileges.sensitivity,
            })
            .from(accessGrants)
            .innerJoin(
              systems,
              and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
            )
            .innerJoin(
              privileges,
              and(
                eq(privileges.orgId, accessGrants.orgId),
                eq(privileges.id, accessGrants.privilegeId),
              ),
            )
            .where(
              and(
                eq(accessGrants.orgId, actor.orgId),
                inArray(accessGrants.personId, personIds),
                inArray(accessGrants.status, [...OPEN_GRANT_STATUSES]),
              ),
            )
            .orderBy(asc(systems.name), asc(privileges.name));
    const caseVendorRows = await tx
      .select({
        id: vendors.id,
        name: vendors.name,
        status: vendors.status,
        tier: vendors.tier,
        liveGrants: sql<number>`(select count(*)::int from ${accessGrants} g join ${people} p on p.org_id = g.org_id and p.id = g.person_id where g.org_id = ${vendors.orgId} and p.vendor_id = ${vendors.id} and g.status in ('pending', 'approved', 'active'))`,
      })
      .from(caseVendors)
      .innerJoin(
        vendors,
        and(eq(vendors.orgId, caseVendors.orgId), eq(vendors.id, caseVendors.vendorId)),
      )
      .where(and(eq(caseVendors.orgId, actor.orgId), eq(caseVendors.caseId, caseId)))
      .orderBy(asc(vendors.name));
    const events = await tx
      .select({
        id: caseEvents.id,
        kind: caseEvents.kind,
        at: caseEvents.at,
        body: caseEvents.body,
        data: caseEvents.data,
        actorEmail: users.email,
      })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorUserId))
      .where(and(eq(caseEvents.orgId, actor.orgId), eq(caseEvents.caseId, caseId)))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id));
    const names =
      userIds.length === 0
        ? []
        : await tx
            .select({ id: users.id, email: users.email, name: users.name })
            .from(users)
            .where(inArray(users.id, userIds));
    const who = (id: string | null) => names.find((n) => n.id === id) ?? null;
    const { orgId: _o, ...c } = row;
    return {
      ...c,
      reference: caseReference(row.number),
      assignee: who(row.assigneeUserId),
      openedByUser: who(row.openedBy),
      closedByUser: who(row.closedBy),
      signals: caseSignalRows,
      people: casePeopleRows.map((p) => ({
        ...p,
        vendor: p.vendor?.id ? p.vendor : null,
        grants: grants.filter((g) => g.personId === p.id),
      })),
      vendors: caseVendorRows,
      events: events.map((e) => ({ ...e, data: e.data as CaseEventData })),
    };
  });
}

/**
 * Open cases, for "add to an existing case" pickers, with their subjects: escalating about someone
 * who already has an open case proposes that case (docs/PRODUCT.md §Cases).
 */
export async function openCaseOptions(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: cases.id,
        number: cases.number,
        title: cases.title,
        status: cases.status,
        personIds: sql<
          string[]
        >`coalesce((select json_agg(cp.person_id) from ${casePeople} cp where cp.org_id = ${cases.orgId} and cp.case_id = ${cases.id}), '[]'::json)`,
        vendorIds: sql<
          string[]
        >`coalesce((select json_agg(cv.vendor_id) from ${caseVendors} cv where cv.org_id = ${cases.orgId} and cv.case_id = ${cases.id}), '[]'::json)`,
      })
      .from(cases)
      .where(and(eq(cases.orgId, actor.orgId), inArray(cases.status, ['open', 'investigating'])))
      .orderBy(desc(cases.number))
      .limit(200),
  );
  return rows.map((r) => ({ ...r, reference: caseReference(r.number) }));
}

/** Members a case may be assigned to: active compliance officers and admins. */
export async function caseAssigneeOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    activeMembersInRoles(tx, actor.orgId, ['admin', 'compliance']),
  );
}
