import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps, people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { refuseStepDecision } from '@/server/domain/access/approval-plan';
import { addDays, checkGrantDuration } from '@/server/domain/access/grant';
import type {
  AccessRequestInput,
  DecideAccessStepInput,
  GrantIdInput,
} from '@/server/domain/access/inputs';
import { scopeFor } from '@/server/services/inventory/people-queries';
import { thenDeliverMail } from '@/server/services/mail/outbox';
import { notifyStepWaiting } from '@/server/services/notifications/approvals';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import {
  approvalPlanFor,
  evaluateGateFor,
  loadGrantee,
  loadOrgSettings,
  loadPrivilege,
  stepApproverLabel,
} from './facts';
import { recordGrantEvents } from './grant-events';
import { auditGrant, lockGrant } from './grant-records';

/** Managers request for themselves and their direct reports; admins and compliance for anyone. */
async function assertPersonInScope(tx: Tx, actor: OrgActor, personId: string): Promise<void> {
  const scope = scopeFor(actor);
  const [row] = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      scope
        ? and(eq(people.orgId, actor.orgId), eq(people.id, personId), scope)
        : and(eq(people.orgId, actor.orgId), eq(people.id, personId)),
    );
  if (!row)
    throw new UserFacingError(
      'NOT_FOUND',
      actor.role === 'manager'
        ? 'Managers request access only for themselves and their direct reports.'
        : 'No such person in this organization.',
    );
}

/**
 * A request for a privilege (docs/PRODUCT.md §Approval chain): validated against the duration
 * limit, planned into approval steps, stored pending. The gate is evaluated at each approval;
 * its findings now are returned so the requester sees what will block it.
 */
export async function requestAccess(actor: OrgActor, req: AccessRequestInput) {
  return thenDeliverMail(actor.orgId, requestAccessNow(actor, req));
}

async function requestAccessNow(actor: OrgActor, req: AccessRequestInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    await assertPersonInScope(tx, actor, req.personId);
    const grantee = await loadGrantee(tx, actor.orgId, req.personId);
    const privilege = await loadPrivilege(tx, actor.orgId, req.privilegeId);
    if (!grantee) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
    if (!privilege)
      throw new UserFacingError('NOT_FOUND', 'No such privilege in this organization.');
    if (privilege.retired)
      throw new UserFacingError(
        'BAD_REQUEST',
        `${privilege.name} is retired and cannot be granted.`,
      );
    const settings = await loadOrgSettings(tx, actor.orgId);
    const tooLong = checkGrantDuration(
      req.durationDays,
      privilege.sensitivity,
      settings.maxGrantDays,
    );
    if (tooLong) throw new UserFacingError('BAD_REQUEST', tooLong);
    const plan = approvalPlanFor(actor.userId, grantee, privilege);
    if (!plan.ok) throw new UserFacingError('PRECONDITION_FAILED', plan.reason);

    let grantId: string;
    try {
      const [row] = await tx
        .insert(accessGrants)
        .values({
          orgId: actor.orgId,
          personId: grantee.id,
          systemId: privilege.systemId,
          privilegeId: privilege.id,
          status: 'pending',
          source: 'request',
          justification: req.justification,
          durationDays: req.durationDays,
          requestedBy: actor.userId,
        })
        .returning({ id: accessGrants.id });
      grantId = row!.id;
    } catch (e) {
      if (isUniqueViolation(e))
        throw new UserFacingError(
          'CONFLICT',
          `${grantee.fullName} already has an open request or grant for ${privilege.systemName} · ${privilege.name}.`,
        );
      throw e;
    }
    const now = new Date();
    await tx.insert(approvalSteps).values(
      plan.steps.map((s, i) => ({
        orgId: actor.orgId,
        grantId,
        seq: i + 1,
        kind: s.kind,
        approverUserId: s.approverUserId,
        approverRole: s.approverRole,
        status: s.status,
        note: s.note,
        decidedAt: s.status === 'skipped' ? now : null,
      })),
    );
    await auditGrant(tx, actor, 'access.requested', grantId, null, {
      personId: grantee.id,
      privilegeId: privilege.id,
      system: privilege.systemName,
      privilege: privilege.name,
      durationDays: req.durationDays,
      justification: req.justification,
      steps: plan.steps.map((s) => `${s.kind}:${s.status}`),
    });
    await recordGrantEvents(tx, actor.orgId, 'access.requested', [grantId], actor.email);
    if (plan.steps.some((s) => s.status === 'pending'))
      await recordGrantEvents(tx, actor.orgId, 'access.step_waiting', [grantId], actor.email);
    // The first approver learns of it with the request (docs/NOTIFICATIONS.md §Approvals).
    await notifyStepWaiting(tx, actor.orgId, grantId);
    const gate = await evaluateGateFor(tx, actor.orgId, grantee, privilege);
    return { grantId, gate };
  });
}

/** Recomputes risk and delivers mail after the change commits (both read what it changed). */
export async function decideAccessStep(actor: OrgActor, input: DecideAccessStepInput) {
  return thenRecompute(
    actor.orgId,
    thenDeliverMail(actor.orgId, decideAccessStepNow(actor, input)),
  );
}

/**
 * Decides the current step of a pending request. Approval re-runs the pre-access gate and is
 * refused with every reason while any stands; the last approval activates the grant.
 */
async function decideAccessStepNow(
  actor: OrgActor,
  { grantId, decision, comment, stepId }: DecideAccessStepInput,
) {
  return withTenant(tenantOf(actor), async (tx) => {
    const grant = await lockGrant(tx, actor.orgId, grantId);
    if (grant.status !== 'pending')
      throw new UserFacingError('CONFLICT', `This request is already ${grant.status}.`);
    const steps = await tx
      .select()
      .from(approvalSteps)
      .where(and(eq(approvalSteps.orgId, actor.orgId), eq(approvalSteps.grantId, grantId)))
      .orderBy(asc(approvalSteps.seq));
    const current = steps.find((s) => s.status === 'pending');
    if (!current) throw new Error(`pending grant ${grantId} has no pending step`);
    if (stepId && current.id !== stepId)
      throw new UserFacingError(
        'CONFLICT',
        'That approval step was already decided; the request now waits on a later step.',
      );
    const grantee = await loadGrantee(tx, actor.orgId, grant.personId);
    if (!grantee) throw new Error(`grant ${grantId} lost its person`);
    const refusal = refuseStepDecision(
      {
        kind: current.kind,
        approverUserId: current.approverUserId,
        approverRole: current.approverRole,
        approverLabel: await stepApproverLabel(tx, current),
      },
      { userId: actor.userId, role: actor.role },
      { requesterUserId: grant.requestedBy, granteeUserId: grantee.userId },
      steps.filter((s) => s.status === 'approved' && s.decidedBy).map((s) => s.decidedBy!),
    );
    if (refusal) throw new UserFacingError('FORBIDDEN', refusal);

    const now = new Date();
    if (decision === 'deny') {
      await tx
        .update(approvalSteps)
        .set({
          status: 'denied',
          decidedBy: actor.userId,
          decidedAt: now,
          comment: comment ?? null,
        })
        .where(and(eq(approvalSteps.orgId, actor.orgId), eq(approvalSteps.id, current.id)));
      await tx
        .update(accessGrants)
        .set({ status: 'denied', decidedAt: now, updatedAt: now })
        .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
      await auditGrant(
        tx,
        actor,
        'access.denied',
        grantId,
        { status: 'pending' },
        {
          status: 'denied',
          step: current.kind,
          comment,
        },
      );
      await recordGrantEvents(
        tx,
        actor.orgId,
        'access.denied',
        [grantId],
        actor.email,
        comment ?? null,
      );
      return { status: 'denied' as const, gate: [] };
    }

    const privilege = await loadPrivilege(tx, actor.orgId, grant.privilegeId);
    if (!privilege) throw new Error(`grant ${grantId} lost its privilege`);
    if (privilege.retired)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `${privilege.name} has been retired since the request.`,
      );
    const gate = await evaluateGateFor(tx, actor.orgId, grantee, privilege, grantId);
    if (gate.length > 0)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `The pre-access gate refuses approval: ${gate.map((g) => g.message).join(' ')}`,
      );
    await tx
      .update(approvalSteps)
      .set({
        status: 'approved',
        decidedBy: actor.userId,
        decidedAt: now,
        comment: comment ?? null,
      })
      .where(and(eq(approvalSteps.orgId, actor.orgId), eq(approvalSteps.id, current.id)));
    await auditGrant(
      tx,
      actor,
      'access.step_approved',
      grantId,
      { step: current.kind, status: 'pending' },
      {
        step: current.kind,
        status: 'approved',
        comment,
      },
    );
    const last = steps.every((s) => s.id === current.id || s.status !== 'pending');
    if (!last) {
      await recordGrantEvents(tx, actor.orgId, 'access.step_waiting', [grantId], actor.email);
      await notifyStepWaiting(tx, actor.orgId, grantId);
      return { status: 'pending' as const, gate };
    }
    const expiresAt = addDays(now, grant.durationDays ?? 1);
    await tx
      .update(accessGrants)
      .set({ status: 'active', decidedAt: now, startsAt: now, expiresAt, updatedAt: now })
      .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
    await auditGrant(
      tx,
      actor,
      'access.grant_activated',
      grantId,
      { status: 'pending' },
      {
        status: 'active',
        startsAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
    );
    await recordGrantEvents(
      tx,
      actor.orgId,
      'access.approved',
      [grantId],
      actor.email,
      comment ?? null,
    );
    return { status: 'active' as const, gate };
  });
}

/** The requester takes back a request nobody has finished deciding. */
export async function withdrawAccessRequest(actor: OrgActor, { grantId }: GrantIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const grant = await lockGrant(tx, actor.orgId, grantId);
    if (grant.requestedBy !== actor.userId)
      throw new UserFacingError('FORBIDDEN', 'Only the requester can withdraw a request.');
    if (grant.status !== 'pending')
      throw new UserFacingError('CONFLICT', `This request is already ${grant.status}.`);
    const now = new Date();
    await tx
      .update(accessGrants)
      .set({ status: 'withdrawn', endedAt: now, updatedAt: now })
      .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
    await tx
      .update(approvalSteps)
      .set({
        status: 'skipped',
        note: sql`coalesce(${approvalSteps.note} || ' ', '') || 'Request withdrawn.'`,
      })
      .where(
        and(
          eq(approvalSteps.orgId, actor.orgId),
          eq(approvalSteps.grantId, grantId),
          eq(approvalSteps.status, 'pending'),
        ),
      );
    await auditGrant(
      tx,
      actor,
      'access.withdrawn',
      grantId,
      { status: 'pending' },
      { status: 'withdrawn' },
    );
    return { status: 'withdrawn' as const };
  });
}
