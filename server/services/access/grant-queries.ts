import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  approvalSteps,
  people,
  privileges,
  systems,
  users,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { refuseStepDecision } from '@/server/domain/access/approval-plan';
import { GRANT_STATUS_GROUPS } from '@/server/domain/access/grant';
import type {
  GrantIdInput,
  ListGrantsInput,
  PreviewAccessRequestInput,
} from '@/server/domain/access/inputs';
import { scopeFor } from '@/server/services/inventory/people-queries';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  beforeCursor,
  encodeCursor,
  microsKey,
  requireCursor,
} from '@/server/services/shared/keyset';
import {
  approvalPlanFor,
  evaluateGateFor,
  loadGrantee,
  loadOrgSettings,
  loadPrivilege,
  stepApproverLabel,
} from './facts';

/**
 * What a manager may read: grants of people in their scope, requests they made, grants on
 * systems they own and requests waiting on them. Everyone else reads the whole organization.
 */
function grantScope(actor: OrgActor): SQL | undefined {
  if (actor.role !== 'manager') return undefined;
  const me = actor.userId;
  return sql`(${accessGrants.requestedBy} = ${me}
    or ${accessGrants.personId} in (select p.id from people p left join people m on m.org_id = p.org_id and m.id = p.manager_id where p.org_id = ${actor.orgId} and (p.user_id = ${me} or m.user_id = ${me}))
    or ${accessGrants.systemId} in (select s.id from systems s where s.org_id = ${actor.orgId} and s.owner_user_id = ${me})
    or exists (select 1 from approval_steps st where st.org_id = "access_grants"."org_id" and st.grant_id = "access_grants"."id" and st.approver_user_id = ${me}))`;
}

const requester = alias(users, 'requester');

function grantColumns() {
  return {
    id: accessGrants.id,
    status: accessGrants.status,
    source: accessGrants.source,
    justification: accessGrants.justification,
    durationDays: accessGrants.durationDays,
    requestedAt: accessGrants.requestedAt,
    decidedAt: accessGrants.decidedAt,
    startsAt: accessGrants.startsAt,
    expiresAt: accessGrants.expiresAt,
    endedAt: accessGrants.endedAt,
    endReason: accessGrants.endReason,
    importedApprover: accessGrants.importedApprover,
    requestedBy: accessGrants.requestedBy,
    requesterEmail: requester.email,
    person: { id: people.id, fullName: people.fullName, type: people.type, userId: people.userId },
    vendor: { id: vendors.id, name: vendors.name },
    system: { id: systems.id, name: systems.name, ownerUserId: systems.ownerUserId },
    privilege: { id: privileges.id, name: privileges.name, sensitivity: privileges.sensitivity },
  };
}

/** Grants with their people, vendors and systems, plus `extra` columns (the list's page key). */
function grantQuery<E extends Record<string, SQL>>(tx: Tx, extra: E = {} as E) {
  return tx
    .select({ ...grantColumns(), ...extra })
    .from(accessGrants)
    .innerJoin(
      people,
      and(eq(people.orgId, accessGrants.orgId), eq(people.id, accessGrants.personId)),
    )
    .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
    .innerJoin(
      systems,
      and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
    )
    .innerJoin(
      privileges,
      and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
    )
    .leftJoin(requester, eq(requester.id, accessGrants.requestedBy));
}

export async function listGrants(actor: OrgActor, f: ListGrantsInput) {
  const conditions: SQL[] = [eq(accessGrants.orgId, actor.orgId)];
  const scope = grantScope(actor);
  if (scope) conditions.push(scope);
  if (f.status !== 'all')
    conditions.push(inArray(accessGrants.status, [...GRANT_STATUS_GROUPS[f.status]]));
  if (f.personId) conditions.push(eq(accessGrants.personId, f.personId));
  if (f.systemId) conditions.push(eq(accessGrants.systemId, f.systemId));
  if (f.vendorId) conditions.push(eq(people.vendorId, f.vendorId));
  if (f.requestedByMe) conditions.push(eq(accessGrants.requestedBy, actor.userId));
  const cursor = requireCursor(f.cursor, 2);
  if (cursor) conditions.push(beforeCursor(accessGrants.requestedAt, accessGrants.id, cursor));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    grantQuery(tx, { cursorAt: microsKey(accessGrants.requestedAt) })
      .where(and(...conditions))
      .orderBy(desc(accessGrants.requestedAt), desc(accessGrants.id))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _at, ...r }) => ({
      ...r,
      vendor: r.vendor?.id ? r.vendor : null,
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

/** One request or grant with its steps, the gate as it stands, and what the viewer may do. */
export async function getGrant(actor: OrgActor, { grantId }: GrantIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const conditions: SQL[] = [eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)];
    const scope = grantScope(actor);
    if (scope) conditions.push(scope);
    const [row] = await grantQuery(tx).where(and(...conditions));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such access request.');
    const decider = alias(users, 'decider');
    const stepRows = await tx
      .select({ step: approvalSteps, deciderEmail: decider.email })
      .from(approvalSteps)
      .leftJoin(decider, eq(decider.id, approvalSteps.decidedBy))
      .where(and(eq(approvalSteps.orgId, actor.orgId), eq(approvalSteps.grantId, grantId)))
      .orderBy(asc(approvalSteps.seq));
    const steps = await Promise.all(
      stepRows.map(async (r) => ({
        id: r.step.id,
        seq: r.step.seq,
        kind: r.step.kind,
        status: r.step.status,
        note: r.step.note,
        comment: r.step.comment,
        decidedAt: r.step.decidedAt,
        deciderEmail: r.deciderEmail,
        approverLabel: await stepApproverLabel(tx, r.step),
        approverUserId: r.step.approverUserId,
        approverRole: r.step.approverRole,
      })),
    );
    const current =
      row.status === 'pending' ? steps.find((s) => s.status === 'pending') : undefined;
    let gate: Awaited<ReturnType<typeof evaluateGateFor>> = [];
    if (row.status === 'pending') {
      const grantee = await loadGrantee(tx, actor.orgId, row.person.id);
      const privilege = await loadPrivilege(tx, actor.orgId, row.privilege.id);
      if (grantee && privilege)
        gate = await evaluateGateFor(tx, actor.orgId, grantee, privilege, grantId);
    }
    const decideRefusal = current
      ? refuseStepDecision(
          current,
          { userId: actor.userId, role: actor.role },
          { requesterUserId: row.requestedBy, granteeUserId: row.person.userId },
          stepRows
            .filter((s) => s.step.status === 'approved' && s.step.decidedBy)
            .map((s) => s.step.decidedBy!),
        )
      : 'Nothing waits for a decision.';
    const canRevoke =
      (row.status === 'active' || row.status === 'approved') &&
      (actor.role === 'admin' ||
        actor.role === 'compliance' ||
        (actor.role === 'manager' && row.system.ownerUserId === actor.userId) ||
        (actor.role === 'manager' && (await managesPerson(tx, actor, row.person.id))));
    return {
      ...row,
      vendor: row.vendor?.id ? row.vendor : null,
      steps,
      currentStepId: current?.id ?? null,
      gate,
      viewer: {
        canDecide: actor.role !== 'auditor' && decideRefusal === null,
        decideRefusal: actor.role === 'auditor' ? 'Auditors read only.' : decideRefusal,
        canWithdraw: row.status === 'pending' && row.requestedBy === actor.userId,
        canRevoke,
      },
    };
  });
}

async function managesPerson(tx: Tx, actor: OrgActor, personId: string): Promise<boolean> {
  const manager = alias(people, 'manager');
  const [row] = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
    .where(
      and(eq(people.orgId, actor.orgId), eq(people.id, personId), eq(manager.userId, actor.userId)),
    );
  return Boolean(row);
}

/**
 * The approvals inbox: pending requests whose current step this member may decide now, each
 * with the gate as it stands (so blocked requests show why before anyone clicks).
 */
export async function approvalInbox(actor: OrgActor) {
  if (actor.role === 'auditor') return [];
  return withTenant(tenantOf(actor), async (tx) => {
    const current = await tx.execute(sql`
      select distinct on (st.grant_id) st.grant_id as "grantId", st.id as "stepId"
      from approval_steps st
      join access_grants g on g.org_id = st.org_id and g.id = st.grant_id and g.status = 'pending'
      where st.org_id = ${actor.orgId} and st.status = 'pending'
      order by st.grant_id, st.seq`);
    const rows = (Array.isArray(current) ? current : (current as { rows: unknown[] }).rows) as {
      grantId: string;
      stepId: string;
    }[];
    if (rows.length === 0) return [];
    const stepRows = await tx
      .select()
      .from(approvalSteps)
      .where(
        and(
          eq(approvalSteps.orgId, actor.orgId),
          inArray(
            approvalSteps.grantId,
            rows.map((r) => r.grantId),
          ),
        ),
      );
    const currentIds = new Set(rows.map((r) => r.stepId));
    const grants = await grantQuery(tx)
      .where(
        and(
          eq(accessGrants.orgId, actor.orgId),
          inArray(
            accessGrants.id,
            rows.map((r) => r.grantId),
          ),
        ),
      )
      .orderBy(asc(accessGrants.requestedAt));
    const out = [];
    for (const g of grants) {
      const steps = stepRows.filter((s) => s.grantId === g.id);
      const step = steps.find((s) => currentIds.has(s.id))!;
      const refusal = refuseStepDecision(
        { ...step, approverLabel: '' },
        { userId: actor.userId, role: actor.role },
        { requesterUserId: g.requestedBy, granteeUserId: g.person.userId },
        steps.filter((s) => s.status === 'approved' && s.decidedBy).map((s) => s.decidedBy!),
      );
      if (refusal) continue;
      const grantee = await loadGrantee(tx, actor.orgId, g.person.id);
      const privilege = await loadPrivilege(tx, actor.orgId, g.privilege.id);
      const gate =
        grantee && privilege
          ? await evaluateGateFor(tx, actor.orgId, grantee, privilege, g.id)
          : [];
      out.push({ ...g, vendor: g.vendor?.id ? g.vendor : null, stepKind: step.kind, gate });
      if (out.length >= 100) break;
    }
    return out;
  });
}

export async function inboxCount(actor: OrgActor): Promise<number> {
  return (await approvalInbox(actor)).length;
}

/** People the actor may request for, and the grantable privileges, with the duration limits. */
export async function accessRequestOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const scope = scopeFor(actor);
    const personRows = await tx
      .select({ id: people.id, fullName: people.fullName, type: people.type, email: people.email })
      .from(people)
      .where(scope ? and(eq(people.orgId, actor.orgId), scope) : eq(people.orgId, actor.orgId))
      .orderBy(asc(people.fullName))
      .limit(5000);
    const privilegeRows = await tx
      .select({
        id: privileges.id,
        name: privileges.name,
        sensitivity: privileges.sensitivity,
        systemId: systems.id,
        systemName: systems.name,
      })
      .from(privileges)
      .innerJoin(
        systems,
        and(eq(systems.orgId, privileges.orgId), eq(systems.id, privileges.systemId)),
      )
      .where(and(eq(privileges.orgId, actor.orgId), eq(privileges.retired, false)))
      .orderBy(asc(systems.name), asc(privileges.name));
    const settings = await loadOrgSettings(tx, actor.orgId);
    return { people: personRows, privileges: privilegeRows, maxGrantDays: settings.maxGrantDays };
  });
}

/** What a request would meet: its approval steps and the gate's findings today. */
export async function previewAccessRequest(
  actor: OrgActor,
  { personId, privilegeId }: PreviewAccessRequestInput,
) {
  return withTenant(tenantOf(actor), async (tx) => {
    const scope = scopeFor(actor);
    const [visible] = await tx
      .select({ id: people.id })
      .from(people)
      .where(
        scope
          ? and(eq(people.orgId, actor.orgId), eq(people.id, personId), scope)
          : and(eq(people.orgId, actor.orgId), eq(people.id, personId)),
      );
    const grantee = visible ? await loadGrantee(tx, actor.orgId, personId) : null;
    const privilege = await loadPrivilege(tx, actor.orgId, privilegeId);
    if (!grantee || !privilege)
      throw new UserFacingError('NOT_FOUND', 'No such person or privilege.');
    const plan = approvalPlanFor(actor.userId, grantee, privilege);
    const steps = plan.ok
      ? await Promise.all(
          plan.steps.map(async (s) => ({ ...s, approverLabel: await stepApproverLabel(tx, s) })),
        )
      : [];
    const settings = await loadOrgSettings(tx, actor.orgId);
    return {
      planError: plan.ok ? null : plan.reason,
      steps,
      gate: await evaluateGateFor(tx, actor.orgId, grantee, privilege),
      maxDays: settings.maxGrantDays[privilege.sensitivity],
      sensitivity: privilege.sensitivity,
    };
  });
}

/** Systems a vendor's people can reach through live grants (vendor page). */
export async function systemsReachedByVendor(actor: OrgActor, { vendorId }: { vendorId: string }) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        systemId: systems.id,
        systemName: systems.name,
        people: sql<number>`count(distinct ${accessGrants.personId})::int`,
        grants: sql<number>`count(*)::int`,
        highest: sql<string>`(array_agg(${privileges.sensitivity} order by case ${privileges.sensitivity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end))[1]`,
      })
      .from(accessGrants)
      .innerJoin(
        people,
        and(eq(people.orgId, accessGrants.orgId), eq(people.id, accessGrants.personId)),
      )
      .innerJoin(
        systems,
        and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
      )
      .innerJoin(
        privileges,
        and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
      )
      .where(
        and(
          eq(accessGrants.orgId, actor.orgId),
          eq(people.vendorId, vendorId),
          inArray(accessGrants.status, ['active', 'approved']),
        ),
      )
      .groupBy(systems.id, systems.name)
      .orderBy(asc(systems.name)),
  );
}
