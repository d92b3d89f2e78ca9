import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { caseSignals, cases, memberships, signals, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  canBeAssigned,
  caseChangeRefusal,
  caseReference,
  checkCaseTransition,
  signalStatusForOutcome,
} from '@/server/domain/cases/case';
import type {
  AddCaseSubjectsInput,
  AssignCaseInput,
  CaseNoteInput,
  CloseCaseInput,
  OpenCaseInput,
  StartInvestigationInput,
} from '@/server/domain/cases/inputs';
import { auditMemberChange } from '@/server/services/audit/log';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { addEvent, auditCase, lockCase, type CaseRow } from './case-changes';
import { linkSubjects, subjectsData } from './case-subjects';

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

/** Opens a case about signals, people and vendors (escalating the signals), audited. */
export async function openCase(actor: OrgActor, f: OpenCaseInput) {
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
      await recordOutboundEvent(
        tx,
        actor.orgId,
        'case.opened',
        { type: 'case', id: c.id },
        {
          case: {
            id: c.id,
            reference: c.reference,
            title: f.title,
            severity: f.severity,
            status: 'open',
            outcome: null,
            url: appLink(`/cases/${c.id}`),
          },
          signals: added.signals.length,
          by: actor.email,
        },
      );
      return { id: c.id, number, reference: c.reference };
    }),
  );
}

/** Adds signals (escalating them), people or vendors to an open case. */
export async function addCaseSubjects(actor: OrgActor, f: AddCaseSubjectsInput) {
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

export async function addCaseNote(actor: OrgActor, f: CaseNoteInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const c = await lockCase(tx, actor, f.caseId);
    await addEvent(tx, actor, c.id, 'note', {}, f.body);
    await auditCase(tx, actor, 'case.note_added', c.id, null, { note: f.body });
    return { id: c.id };
  });
}

export async function assignCase(actor: OrgActor, f: AssignCaseInput) {
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

export async function startInvestigation(actor: OrgActor, { caseId }: StartInvestigationInput) {
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
export async function closeCase(actor: OrgActor, f: CloseCaseInput) {
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
      const [closed] = await tx
        .select({ title: cases.title, severity: cases.severity })
        .from(cases)
        .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id)));
      await recordOutboundEvent(
        tx,
        actor.orgId,
        'case.closed',
        { type: 'case', id: c.id },
        {
          case: {
            id: c.id,
            reference: c.reference,
            title: closed?.title ?? c.reference,
            severity: closed?.severity ?? 'medium',
            status: 'closed',
            outcome: f.outcome,
            url: appLink(`/cases/${c.id}`),
          },
          signals: decided.length,
          by: actor.email,
        },
      );
      return { status: 'closed' as const, outcome: f.outcome, signalsDecided: decided.length };
    }),
  );
}
