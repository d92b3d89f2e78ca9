import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  caseEvents,
  casePeople,
  caseSignals,
  caseVendors,
  cases,
  memberships,
  people,
  privileges,
  signals,
  systems,
  users,
  vendors,
  watchlistMatches,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  canBeAssigned,
  caseChangeRefusal,
  caseReference,
  checkCaseTransition,
  ESCALATABLE_SIGNAL_STATUSES,
  signalStatusForOutcome,
  type CaseEventData,
  type CaseEventKind,
  type CaseStatus,
} from '@/server/domain/cases/case';
import {
  addCaseSubjectsSchema,
  assignCaseSchema,
  caseIdSchema,
  caseNoteSchema,
  closeCaseSchema,
  listCasesSchema,
  openCaseSchema,
  rescreenPersonActionSchema,
  revokeGrantActionSchema,
  startInvestigationSchema,
  suspendVendorActionSchema,
} from '@/server/domain/cases/inputs';
import { OPEN_GRANT_STATUSES } from '@/server/domain/access/grant';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { revokeAccessGrantIn } from '@/server/services/access/commands';
import { auditMemberChange, userActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { beforeCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { rescreen } from '@/server/services/screening/matches';
import { changeVendorStatusIn } from '@/server/services/inventory/vendor-commands';
import { thenRecompute } from '@/server/services/risk/triggers';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';

interface CaseRow {
  id: string;
  number: number;
  status: CaseStatus;
  reference: string;
}

async function auditCase(
  tx: Tx,
  actor: OrgActor,
  action: string,
  caseId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType: 'case',
    entityId: caseId,
    before,
    after,
  });
}

async function addEvent(
  tx: Tx,
  actor: OrgActor,
  caseId: string,
  kind: CaseEventKind,
  data: CaseEventData,
  body: string | null = null,
) {
  await tx.insert(caseEvents).values({
    orgId: actor.orgId,
    caseId,
    kind,
    actorUserId: actor.userId,
    body,
    data,
  });
}

/** Locks the case for a change and refuses roles and states that may not change it. */
async function lockCase(tx: Tx, actor: OrgActor, caseId: string): Promise<CaseRow> {
  const [row] = await tx
    .select({ id: cases.id, number: cases.number, status: cases.status })
    .from(cases)
    .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, caseId)))
    .for('update');
  if (!row) throw new UserFacingError('NOT_FOUND', 'No such case in this organization.');
  const refusal = caseChangeRefusal(actor.role, row.status);
  if (refusal)
    throw new UserFacingError(row.status === 'closed' ? 'CONFLICT' : 'FORBIDDEN', refusal);
  return { ...row, reference: caseReference(row.number) };
}

async function checkAssignee(tx: Tx, orgId: string, userId: string): Promise<string> {
  const [m] = await tx
    .select({ role: memberships.role, status: memberships.status, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m || m.status !== 'active' || !canBeAssigned(m.role))
    throw new UserFacingError(
      'BAD_REQUEST',
      'Cases are assigned to an active compliance officer or admin of this organization.',
    );
  return m.email;
}

/** The next CASE-nnnn of the organization; the lock serializes concurrent openings. */
async function nextCaseNumber(tx: Tx, orgId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${orgId}, 43))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${cases.number}), 0)::int` })
    .from(cases)
    .where(eq(cases.orgId, orgId));
  return (row?.n ?? 0) + 1;
}

interface Subjects {
  signalIds: string[];
  personIds: string[];
  vendorIds: string[];
}

/**
 * Links signals, people and vendors to a case inside the caller's transaction. Signals are
 * marked escalated and bring their person and vendor along, so every action has its subject.
 * Returns what was newly added.
 */
async function linkSubjects(tx: Tx, actor: OrgActor, c: CaseRow, s: Subjects) {
  const personIds = new Set(s.personIds);
  const vendorIds = new Set(s.vendorIds);
  const signalIds = [...new Set(s.signalIds)];
  const addedSignals: { id: string; kind: string }[] = [];
  if (signalIds.length > 0) {
    const found = await tx
      .select({
        id: signals.id,
        kind: signals.kind,
        status: signals.status,
        personId: signals.personId,
        vendorId: signals.vendorId,
      })
      .from(signals)
      .where(and(eq(signals.orgId, actor.orgId), inArray(signals.id, signalIds)))
      .for('update');
    if (found.length !== signalIds.length)
      throw new UserFacingError('NOT_FOUND', 'One or more of those signals do not exist here.');
    const linked = await tx
      .select({ signalId: caseSignals.signalId, number: cases.number })
      .from(caseSignals)
      .innerJoin(cases, and(eq(cases.orgId, caseSignals.orgId), eq(cases.id, caseSignals.caseId)))
      .where(and(eq(caseSignals.orgId, actor.orgId), inArray(caseSignals.signalId, signalIds)));
    const other = linked.find((l) => l.number !== c.number);
    if (other)
      throw new UserFacingError(
        'CONFLICT',
        `A signal you chose is already part of ${caseReference(other.number)}.`,
      );
    const already = new Set(linked.map((l) => l.signalId));
    for (const sig of found) {
      personIds.add(sig.personId);
      if (sig.vendorId) vendorIds.add(sig.vendorId);
      if (already.has(sig.id)) continue;
      if (!(ESCALATABLE_SIGNAL_STATUSES as readonly string[]).includes(sig.status))
        throw new UserFacingError(
          'CONFLICT',
          `A ${sig.kind.replace(/_/g, ' ')} signal you chose is ${sig.status}: reopen it before escalating.`,
        );
      addedSignals.push({ id: sig.id, kind: sig.kind });
    }
    if (addedSignals.length > 0) {
      const now = new Date();
      const ids = addedSignals.map((a) => a.id);
      const before = new Map(found.map((f) => [f.id, f.status]));
      await tx
        .update(signals)
        .set({
          status: 'escalated',
          statusReason: `Escalated to ${c.reference}`,
          statusBy: actor.userId,
          statusAt: now,
          updatedAt: now,
        })
        .where(and(eq(signals.orgId, actor.orgId), inArray(signals.id, ids)));
      await tx.insert(caseSignals).values(
        ids.map((signalId) => ({
          orgId: actor.orgId,
          caseId: c.id,
          signalId,
          addedBy: actor.userId,
        })),
      );
      for (const a of addedSignals)
        await auditMemberChange(tx, actor, {
          action: 'signal.escalate',
          entityType: 'signal',
          entityId: a.id,
          before: { status: before.get(a.id) },
          after: { status: 'escalated', caseId: c.id, case: c.reference },
        });
    }
  }
  let addedPeople: { id: string; name: string }[] = [];
  if (personIds.size > 0) {
    const found = await tx
      .select({ id: people.id, name: people.fullName })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), inArray(people.id, [...personIds])));
    if (found.length !== personIds.size)
      throw new UserFacingError('NOT_FOUND', 'One or more of those people do not exist here.');
    const inserted = await tx
      .insert(casePeople)
      .values(
        found.map((p) => ({
          orgId: actor.orgId,
          caseId: c.id,
          personId: p.id,
          addedBy: actor.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: casePeople.personId });
    const ids = new Set(inserted.map((i) => i.id));
    addedPeople = found.filter((p) => ids.has(p.id));
  }
  let addedVendors: { id: string; name: string }[] = [];
  if (vendorIds.size > 0) {
    const found = await tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(and(eq(vendors.orgId, actor.orgId), inArray(vendors.id, [...vendorIds])));
    if (found.length !== vendorIds.size)
      throw new UserFacingError('NOT_FOUND', 'One or more of those vendors do not exist here.');
    const inserted = await tx
      .insert(caseVendors)
      .values(
        found.map((v) => ({
          orgId: actor.orgId,
          caseId: c.id,
          vendorId: v.id,
          addedBy: actor.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: caseVendors.vendorId });
    const ids = new Set(inserted.map((i) => i.id));
    addedVendors = found.filter((v) => ids.has(v.id));
  }
  return { signals: addedSignals, people: addedPeople, vendors: addedVendors };
}

type Added = Awaited<ReturnType<typeof linkSubjects>>;
const subjectsData = (a: Added): CaseEventData => ({
  signals: a.signals,
  people: a.people,
  vendors: a.vendors,
});

/** Opens a case about signals, people and vendors (escalating the signals), audited. */
export async function openCase(actor: OrgActor, input: z.input<typeof openCaseSchema>) {
  const f = openCaseSchema.parse(input);
  if (caseChangeRefusal(actor.role, 'open'))
    throw new UserFacingError('FORBIDDEN', 'Only compliance officers and admins open cases.');
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const assigneeEmail = f.assigneeUserId
        ? await checkAssignee(tx, actor.orgId, f.assigneeUserId)
        : null;
      const number = await nextCaseNumber(tx, actor.orgId);
      const [row] = await tx
        .insert(cases)
        .values({
          orgId: actor.orgId,
          number,
          title: f.title,
          summary: f.summary,
          severity: f.severity,
          assigneeUserId: f.assigneeUserId ?? null,
          openedBy: actor.userId,
        })
        .returning({ id: cases.id });
      const c: CaseRow = { id: row!.id, number, status: 'open', reference: caseReference(number) };
      const added = await linkSubjects(tx, actor, c, f);
      await addEvent(tx, actor, c.id, 'opened', {
        severity: f.severity,
        assignee: assigneeEmail,
        ...subjectsData(added),
      });
      await auditCase(tx, actor, 'case.opened', c.id, null, {
        reference: c.reference,
        title: f.title,
        severity: f.severity,
        assignee: assigneeEmail,
        signals: added.signals.map((s) => s.id),
        people: added.people.map((p) => p.id),
        vendors: added.vendors.map((v) => v.id),
      });
      return { id: c.id, number, reference: c.reference };
    }),
  );
}

/** Adds signals (escalating them), people or vendors to an open case. */
export async function addCaseSubjects(
  actor: OrgActor,
  input: z.input<typeof addCaseSubjectsSchema>,
) {
  const f = addCaseSubjectsSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCase(tx, actor, f.caseId);
    const added = await linkSubjects(tx, actor, c, f);
    const n = added.signals.length + added.people.length + added.vendors.length;
    if (n === 0) throw new UserFacingError('CONFLICT', `Those are already part of ${c.reference}.`);
    await addEvent(tx, actor, c.id, 'subjects_added', subjectsData(added));
    await tx
      .update(cases)
      .set({ updatedAt: new Date() })
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
    await auditCase(tx, actor, 'case.subjects_added', c.id, null, {
      signals: added.signals.map((s) => s.id),
      people: added.people.map((p) => p.id),
      vendors: added.vendors.map((v) => v.id),
    });
    return { id: c.id, reference: c.reference, added: n };
  });
}

export async function addCaseNote(actor: OrgActor, input: z.input<typeof caseNoteSchema>) {
  const f = caseNoteSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCase(tx, actor, f.caseId);
    await addEvent(tx, actor, c.id, 'note', {}, f.body);
    await auditCase(tx, actor, 'case.note_added', c.id, null, { note: f.body });
    return { id: c.id };
  });
}

export async function assignCase(actor: OrgActor, input: z.input<typeof assignCaseSchema>) {
  const f = assignCaseSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCase(tx, actor, f.caseId);
    const [current] = await tx
      .select({ userId: cases.assigneeUserId, email: users.email })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.assigneeUserId))
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
    if ((current?.userId ?? null) === f.assigneeUserId)
      throw new UserFacingError('CONFLICT', 'The case is already assigned that way.');
    const email = f.assigneeUserId ? await checkAssignee(tx, actor.orgId, f.assigneeUserId) : null;
    await tx
      .update(cases)
      .set({ assigneeUserId: f.assigneeUserId, updatedAt: new Date() })
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
    const change = { from: current?.email ?? null, to: email };
    await addEvent(tx, actor, c.id, 'assigned', change);
    await auditCase(
      tx,
      actor,
      'case.assigned',
      c.id,
      { assignee: change.from },
      { assignee: change.to },
    );
    return { assignee: email };
  });
}

export async function startInvestigation(
  actor: OrgActor,
  input: z.input<typeof startInvestigationSchema>,
) {
  const { caseId } = startInvestigationSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCase(tx, actor, caseId);
    const refusal = checkCaseTransition(c.status, 'investigating');
    if (refusal) throw new UserFacingError('CONFLICT', refusal);
    await tx
      .update(cases)
      .set({ status: 'investigating', updatedAt: new Date() })
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
    await addEvent(tx, actor, c.id, 'status_changed', { from: c.status, to: 'investigating' });
    await auditCase(
      tx,
      actor,
      'case.status_changed',
      c.id,
      { status: c.status },
      { status: 'investigating' },
    );
    return { status: 'investigating' as const };
  });
}

/**
 * Closes a case with its outcome and rationale. Its signals take the outcome (substantiated →
 * confirmed, unsubstantiated → dismissed), which is what detector precision counts.
 */
export async function closeCase(actor: OrgActor, input: z.input<typeof closeCaseSchema>) {
  const f = closeCaseSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const refusal = checkCaseTransition(c.status, 'closed');
      if (refusal) throw new UserFacingError('CONFLICT', refusal);
      const now = new Date();
      await tx
        .update(cases)
        .set({
          status: 'closed',
          outcome: f.outcome,
          closingRationale: f.rationale,
          closedBy: actor.userId,
          closedAt: now,
          updatedAt: now,
        })
        .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
      const to = signalStatusForOutcome(f.outcome);
      const decided = await tx
        .update(signals)
        .set({
          status: to,
          statusReason: `${c.reference} closed ${f.outcome}: ${f.rationale}`,
          statusBy: actor.userId,
          statusAt: now,
          updatedAt: now,
        })
        .where(
          and(
            eq(signals.orgId, actor.orgId),
            sql`${signals.id} in (select cs.signal_id from ${caseSignals} cs where cs.org_id = ${actor.orgId} and cs.case_id = ${c.id})`,
          ),
        )
        .returning({ id: signals.id, kind: signals.kind });
      for (const s of decided)
        await auditMemberChange(tx, actor, {
          action: to === 'confirmed' ? 'signal.confirmed' : 'signal.dismiss',
          entityType: 'signal',
          entityId: s.id,
          before: { status: 'escalated' },
          after: { status: to, case: c.reference },
        });
      await addEvent(
        tx,
        actor,
        c.id,
        'closed',
        { from: c.status, outcome: f.outcome, signalsDecided: decided.length, signalStatus: to },
        f.rationale,
      );
      await auditCase(
        tx,
        actor,
        'case.closed',
        c.id,
        { status: c.status },
        { status: 'closed', outcome: f.outcome, rationale: f.rationale, signals: decided.length },
      );
      return { status: 'closed' as const, outcome: f.outcome, signalsDecided: decided.length };
    }),
  );
}

async function assertPersonInCase(tx: Tx, actor: OrgActor, c: CaseRow, personId: string) {
  const [row] = await tx
    .select({ name: people.fullName })
    .from(casePeople)
    .innerJoin(people, and(eq(people.orgId, casePeople.orgId), eq(people.id, casePeople.personId)))
    .where(
      and(
        eq(casePeople.orgId, actor.orgId),
        eq(casePeople.caseId, c.id),
        eq(casePeople.personId, personId),
      ),
    );
  if (!row)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      `That person is not a subject of ${c.reference}; add them to the case first.`,
    );
  return row.name;
}

/** Revokes a grant held by a person in the case, through the access service's own path. */
export async function revokeGrantFromCase(
  actor: OrgActor,
  input: z.input<typeof revokeGrantActionSchema>,
) {
  const f = revokeGrantActionSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const [grant] = await tx
        .select({
          personId: accessGrants.personId,
          system: systems.name,
          privilege: privileges.name,
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
        .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, f.grantId)));
      if (!grant) throw new UserFacingError('NOT_FOUND', 'No such access grant.');
      const personName = await assertPersonInCase(tx, actor, c, grant.personId);
      const result = await revokeAccessGrantIn(tx, actor, {
        grantId: f.grantId,
        reason: `${c.reference}: ${f.reason}`,
      });
      const data: CaseEventData = {
        action: 'revoke_grant',
        target: {
          grantId: f.grantId,
          person: personName,
          system: grant.system,
          privilege: grant.privilege,
        },
        result: { status: result.status, from: result.fromStatus },
      };
      await addEvent(tx, actor, c.id, 'action', data, f.reason);
      await auditCase(tx, actor, 'case.action', c.id, null, { ...data, reason: f.reason });
      return { action: 'revoke_grant' as const, ...result };
    }),
  );
}

/** Suspends a vendor in the case; its people's live grants are revoked (vendor-service). */
export async function suspendVendorFromCase(
  actor: OrgActor,
  input: z.input<typeof suspendVendorActionSchema>,
) {
  const f = suspendVendorActionSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const [inCase] = await tx
        .select({ id: caseVendors.vendorId })
        .from(caseVendors)
        .where(
          and(
            eq(caseVendors.orgId, actor.orgId),
            eq(caseVendors.caseId, c.id),
            eq(caseVendors.vendorId, f.vendorId),
          ),
        );
      if (!inCase)
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `That vendor is not a subject of ${c.reference}; add it to the case first.`,
        );
      const result = await changeVendorStatusIn(tx, actor, {
        vendorId: f.vendorId,
        status: 'suspended',
        reason: `${c.reference}: ${f.reason}`,
      });
      const data: CaseEventData = {
        action: 'suspend_vendor',
        target: { vendorId: f.vendorId, vendor: result.vendorName },
        result: {
          from: result.fromStatus,
          status: 'suspended',
          revokedGrants: result.revokedGrants,
        },
      };
      await addEvent(tx, actor, c.id, 'action', data, f.reason);
      await auditCase(tx, actor, 'case.action', c.id, null, { ...data, reason: f.reason });
      return { action: 'suspend_vendor' as const, revokedGrants: result.revokedGrants };
    }),
  );
}

/**
 * Re-screens a person in the case against the whole watchlist now (screening-service's matcher,
 * the same run an import triggers): new candidate matches open for review and block the gate.
 */
export async function rescreenPersonFromCase(
  actor: OrgActor,
  input: z.input<typeof rescreenPersonActionSchema>,
) {
  const f = rescreenPersonActionSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const c = await lockCase(tx, actor, f.caseId);
      const personName = await assertPersonInCase(tx, actor, c, f.personId);
      const run = await rescreen(tx, actor.orgId, userActor(actor), [f.personId]);
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(watchlistMatches)
        .where(
          and(
            eq(watchlistMatches.orgId, actor.orgId),
            eq(watchlistMatches.personId, f.personId),
            eq(watchlistMatches.status, 'open'),
          ),
        );
      const data: CaseEventData = {
        action: 'rescreen_person',
        target: { personId: f.personId, person: personName },
        result: { newMatches: run.newMatches, openMatches: open?.n ?? 0 },
      };
      await addEvent(tx, actor, c.id, 'action', data);
      await auditMemberChange(tx, actor, {
        action: 'screening.rescreened',
        entityType: 'person',
        entityId: f.personId,
        after: { case: c.reference, newMatches: run.newMatches },
      });
      await auditCase(tx, actor, 'case.action', c.id, null, data);
      return { action: 'rescreen_person' as const, ...run, openMatches: open?.n ?? 0 };
    }),
  );
}

const signalCount = sql<number>`(select count(*)::int from ${caseSignals} cs where cs.org_id = ${cases.orgId} and cs.case_id = ${cases.id})`;
const peopleNames = sql<
  string | null
>`(select string_agg(p.full_name, ', ' order by p.full_name) from ${casePeople} cp join ${people} p on p.org_id = cp.org_id and p.id = cp.person_id where cp.org_id = ${cases.orgId} and cp.case_id = ${cases.id})`;
const vendorNames = sql<
  string | null
>`(select string_agg(v.name, ', ' order by v.name) from ${caseVendors} cv join ${vendors} v on v.org_id = cv.org_id and v.id = cv.vendor_id where cv.org_id = ${cases.orgId} and cv.case_id = ${cases.id})`;

/** Cases newest first, keyset-paginated like the signal queue. */
export async function listCases(actor: OrgActor, input: z.input<typeof listCasesSchema>) {
  const f = listCasesSchema.parse(input);
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
    items: page.map((r) => ({
      ...r,
      reference: caseReference(r.number),
      assignee: r.assignee?.id ? r.assignee : null,
    })),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor([last.openedAt.toISOString(), last.id]) : null,
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
export async function getCase(actor: OrgActor, input: z.input<typeof caseIdSchema>) {
  const { caseId } = caseIdSchema.parse(input);
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

/** Open cases, for "add to an existing case" pickers. */
export async function openCaseOptions(actor: OrgActor) {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ id: cases.id, number: cases.number, title: cases.title, status: cases.status })
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
