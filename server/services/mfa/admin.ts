import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
  memberships,
  organizations,
  userPasskeys,
  userRecoveryCodes,
  userTotp,
  users,
} from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import type { ResetMemberMfaInput, SetMfaPolicyInput } from '@/server/domain/mfa/inputs';
import { readMfaPolicy, type MfaPolicy } from '@/server/domain/mfa/policy';
import { auditMemberChange, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { auditAccount } from './account-audit';

export async function mfaPolicyOf(actor: OrgActor): Promise<MfaPolicy> {
  return withTenant(tenantOf(actor), async (tx) => {
    const [org] = await tx
      .select({ policy: organizations.mfaPolicy })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId));
    return readMfaPolicy(org?.policy);
  });
}

/** Who must use a second factor here; applies from each member's next password sign-in. */
export async function setMfaPolicy(actor: OrgActor, { policy }: SetMfaPolicyInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select({ policy: organizations.mfaPolicy })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .for('update');
    if (!before) throw new Error('active organization not found');
    await tx
      .update(organizations)
      .set({ mfaPolicy: policy })
      .where(eq(organizations.id, actor.orgId));
    await auditMemberChange(tx, actor, {
      action: 'org.mfa_policy_changed',
      entityType: 'organization',
      entityId: actor.orgId,
      before: { policy: readMfaPolicy(before.policy) },
      after: { policy },
    });
    return { policy };
  });
}

/** Which of these users have a second factor (the members list shows it). */
export async function secondFactorUsers(userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await withSystem(async (tx) => {
    const totp = await tx
      .select({ userId: userTotp.userId })
      .from(userTotp)
      .where(and(inArray(userTotp.userId, userIds), isNotNull(userTotp.confirmedAt)));
    const passkeys = await tx
      .selectDistinct({ userId: userPasskeys.userId })
      .from(userPasskeys)
      .where(inArray(userPasskeys.userId, userIds));
    return [...totp, ...passkeys];
  });
  return new Set(rows.map((r) => r.userId));
}

/**
 * A member lost their device: their authenticator app, passkeys and recovery codes are removed
 * and their sessions end, so their next sign-in enrols again if a policy requires it.
 */
export async function resetMemberMfa(actor: OrgActor, { userId }: ResetMemberMfaInput) {
  if (userId === actor.userId)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      'Manage your own second factors on your Security page.',
    );
  const member = await withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    return row;
  });
  if (!member) throw new UserFacingError('NOT_FOUND', 'No such member in this organization.');
  await withSystem(
    async (tx) => {
      const totp = await tx.delete(userTotp).where(eq(userTotp.userId, userId)).returning();
      const passkeys = await tx
        .delete(userPasskeys)
        .where(eq(userPasskeys.userId, userId))
        .returning({ id: userPasskeys.id });
      await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
      await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, userId));
      // Recorded in each organization of the member, since the factors served them all.
      await auditAccount(
        tx,
        { userId, email: member.email },
        {
          action: 'member.mfa_reset',
          actor: userActor(actor),
          after: {
            resetIn: actor.orgId,
            totpRemoved: totp.some((t) => t.confirmedAt !== null),
            passkeysRemoved: passkeys.length,
          },
        },
        actor,
      );
    },
    { userId },
  );
}
