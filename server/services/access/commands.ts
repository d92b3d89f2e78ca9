import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps, people, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { refuseStepDecision } from '@/server/domain/access/approval-plan';
import {
  accessRequestInputSchema,
  addDays,
  canTransitionGrant,
  checkGrantDuration,
} from '@/server/domain/access/grant';
import { ROLE_LABELS } from '@/server/domain/tenancy/roles';
import {
  approvalPlanFor,
  evaluateGateFor,
  loadGrantee,
  loadOrgSettings,
  loadPrivilege,
} from './facts';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { auditMemberChange } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { scopeFor } from '@/server/services/inventory/people-queries';
import { isUniqueViolation, rowsOf } from '@/server/services/shared/sql-helpers';
import { thenRecompute } from '@/server/services/risk/triggers';

async function audit(
  tx: Tx,
  actor: OrgActor,
  action: string,
  grantId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType: 'access_grant',
    entityId: grantId,
    before,
    after,
  });
}

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
 * A request for a privilege (spec/domain.md "Access request"): validated against the duration
 * limit, planned into approval steps, stored pending. The gate is evaluated at each approval;
 * its findings now are returned so the requester sees what will block it.
 */
export async function requestAccess(
  actor: OrgActor,
  input: z.input<typeof accessRequestInputSchema>,
) {
  const req = accessRequestInputSchema.parse(input);
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
    await audit(tx, actor, 'access.requested', grantId, null, {
      personId: grantee.id,
      privilegeId: privilege.id,
      system: privilege.systemName,
      privilege: privilege.name,
      durationDays: req.durationDays,
      justification: req.justification,
      steps: plan.steps.map((s) => `${s.kind}:${s.status}`),
    });
    const gate = await evaluateGateFor(tx, actor.orgId, grantee, privilege);
    return { grantId, gate };
  });
}

export const decideAccessStepSchema = z
  .object({
    grantId: z.uuid(),
    decision: z.enum(['approve', 'deny']),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.comment?.length ?? 0) >= 5, {
    message: 'Say why you deny the request (at least 5 characters)',
    path: ['comment'],
  });

async function lockGrant(tx: Tx, orgId: string, grantId: string) {
  const [grant] = await tx
    .select()
    .from(accessGrants)
    .where(and(eq(accessGrants.orgId, orgId), eq(accessGrants.id, grantId)))
    .for('update');
  if (!grant) throw new UserFacingError('NOT_FOUND', 'No such access request.');
  return grant;
}

export async function stepApproverLabel(
  tx: Tx,
  step: { approverUserId: string | null; approverRole: string | null },
) {
  if (step.approverUserId) {
    const [u] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, step.approverUserId));
    return u?.name ? `${u.name} (${u.email})` : (u?.email ?? 'the named approver');
  }
  const role = step.approverRole as keyof typeof ROLE_LABELS | null;
  return role === 'admin'
    ? 'an admin'
    : role
      ? `a ${ROLE_LABELS[role].toLowerCase()}`
      : 'an approver';
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function decideAccessStep(
  actor: OrgActor,
  input: z.input<typeof decideAccessStepSchema>,
) {
  return thenRecompute(actor.orgId, decideAccessStepNow(actor, input));
}

/**
 * Decides the current step of a pending request. Approval re-runs the pre-access gate and is
 * refused with every reason while any stands; the last approval activates the grant.
 */
async function decideAccessStepNow(actor: OrgActor, input: z.input<typeof decideAccessStepSchema>) {
  const { grantId, decision, comment } = decideAccessStepSchema.parse(input);
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
      await audit(
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
    await audit(
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
    if (!last) return { status: 'pending' as const, gate };
    const expiresAt = addDays(now, grant.durationDays ?? 1);
    await tx
      .update(accessGrants)
      .set({ status: 'active', decidedAt: now, startsAt: now, expiresAt, updatedAt: now })
      .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
    await audit(
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
    return { status: 'active' as const, gate };
  });
}

export const grantIdSchema = z.object({ grantId: z.uuid() });

/** The requester takes back a request nobody has finished deciding. */
export async function withdrawAccessRequest(actor: OrgActor, input: z.input<typeof grantIdSchema>) {
  const { grantId } = grantIdSchema.parse(input);
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
    await audit(
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

export const revokeAccessGrantSchema = z.object({
  grantId: z.uuid(),
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(2000),
});

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function revokeAccessGrant(
  actor: OrgActor,
  input: z.input<typeof revokeAccessGrantSchema>,
) {
  return thenRecompute(actor.orgId, revokeAccessGrantNow(actor, input));
}

/**
 * Ends a grant now. Admins and compliance revoke anything; a manager revokes grants on systems
 * they own or held by their direct reports.
 */
async function revokeAccessGrantNow(
  actor: OrgActor,
  input: z.input<typeof revokeAccessGrantSchema>,
) {
  const parsed = revokeAccessGrantSchema.parse(input);
  return withTenant(tenantOf(actor), (tx) => revokeAccessGrantIn(tx, actor, parsed));
}

/**
 * The revocation inside the caller's transaction (a case's action commits with its timeline).
 * `reviewAssigned`: the caller checked that an access-review item assigned to this actor covers
 * the grant, which authorizes a manager beyond their reports and owned systems.
 */
export async function revokeAccessGrantIn(
  tx: Tx,
  actor: OrgActor,
  { grantId, reason }: z.output<typeof revokeAccessGrantSchema>,
  options: { reviewAssigned?: boolean } = {},
) {
  const grant = await lockGrant(tx, actor.orgId, grantId);
  if (actor.role === 'manager' && !options.reviewAssigned) {
    const allowed = await tx.execute(sql`
        select 1 from systems s where s.org_id = ${actor.orgId} and s.id = ${grant.systemId} and s.owner_user_id = ${actor.userId}
        union all
        select 1 from people p join people m on m.org_id = p.org_id and m.id = p.manager_id
        where p.org_id = ${actor.orgId} and p.id = ${grant.personId} and m.user_id = ${actor.userId}`);
    if (rowsOf(allowed).length === 0)
      throw new UserFacingError(
        'FORBIDDEN',
        'Managers revoke grants on systems they own or held by their direct reports.',
      );
  }
  if (!canTransitionGrant(grant.status, 'revoked'))
    throw new UserFacingError('CONFLICT', `This grant is already ${grant.status}.`);
  const now = new Date();
  await tx
    .update(accessGrants)
    .set({
      status: 'revoked',
      endedAt: now,
      revokedBy: actor.userId,
      endReason: reason,
      updatedAt: now,
    })
    .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
  await tx
    .update(approvalSteps)
    .set({ status: 'skipped' })
    .where(
      and(
        eq(approvalSteps.orgId, actor.orgId),
        eq(approvalSteps.grantId, grantId),
        inArray(approvalSteps.status, ['pending']),
      ),
    );
  await audit(
    tx,
    actor,
    'access.grant_revoked',
    grantId,
    { status: grant.status },
    { status: 'revoked', reason },
  );
  return { status: 'revoked' as const, fromStatus: grant.status };
}

/**
 * Moves a live grant's end date earlier (an access review's `modify`), inside the caller's
 * transaction; the expiry sweep ends it on that date. Authorization is the caller's (the review
 * item's reviewer); the date rule is server/domain/access-reviews modifyRefusal.
 */
export async function shortenAccessGrantIn(
  tx: Tx,
  actor: OrgActor,
  { grantId, expiresAt, reason }: { grantId: string; expiresAt: Date; reason: string },
) {
  const grant = await lockGrant(tx, actor.orgId, grantId);
  if (grant.status !== 'active' && grant.status !== 'approved')
    throw new UserFacingError('CONFLICT', `This grant is already ${grant.status}.`);
  if (grant.expiresAt && expiresAt.getTime() >= grant.expiresAt.getTime())
    throw new UserFacingError(
      'BAD_REQUEST',
      'The new end date must be earlier than the current one.',
    );
  await tx
    .update(accessGrants)
    .set({ expiresAt, updatedAt: new Date() })
    .where(and(eq(accessGrants.orgId, actor.orgId), eq(accessGrants.id, grantId)));
  await audit(
    tx,
    actor,
    'access.grant_shortened',
    grantId,
    { expiresAt: grant.expiresAt?.toISOString() ?? null },
    { expiresAt: expiresAt.toISOString(), reason },
  );
  return { fromExpiresAt: grant.expiresAt, expiresAt, status: grant.status };
}
