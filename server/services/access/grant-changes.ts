import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { canTransitionGrant } from '@/server/domain/access/grant';
import type { RevokeAccessGrantInput } from '@/server/domain/access/inputs';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { recordGrantEvents } from './grant-events';
import { auditGrant, lockGrant } from './grant-records';

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function revokeAccessGrant(actor: OrgActor, input: RevokeAccessGrantInput) {
  return thenRecompute(actor.orgId, revokeAccessGrantNow(actor, input));
}

/**
 * Ends a grant now. Admins and compliance revoke anything; a manager revokes grants on systems
 * they own or held by their direct reports.
 */
async function revokeAccessGrantNow(actor: OrgActor, input: RevokeAccessGrantInput) {
  return withTenant(tenantOf(actor), (tx) => revokeAccessGrantIn(tx, actor, input));
}

/**
 * The revocation inside the caller's transaction (a case's action commits with its timeline).
 * `reviewAssigned`: the caller checked that an access-review item assigned to this actor covers
 * the grant, which authorizes a manager beyond their reports and owned systems.
 */
export async function revokeAccessGrantIn(
  tx: Tx,
  actor: OrgActor,
  { grantId, reason }: RevokeAccessGrantInput,
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
  await auditGrant(
    tx,
    actor,
    'access.grant_revoked',
    grantId,
    { status: grant.status },
    { status: 'revoked', reason },
  );
  await recordGrantEvents(tx, actor.orgId, 'access.revoked', [grantId], actor.email, reason);
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
  await auditGrant(
    tx,
    actor,
    'access.grant_shortened',
    grantId,
    { expiresAt: grant.expiresAt?.toISOString() ?? null },
    { expiresAt: expiresAt.toISOString(), reason },
  );
  return { fromExpiresAt: grant.expiresAt, expiresAt, status: grant.status };
}
