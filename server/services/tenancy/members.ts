import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { invitations, memberships, users } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { hashPassword } from '@/server/auth/password-hash';
import { generateToken } from '@/server/domain/auth/secrets';
import type {
  AddUserCliInput,
  ChangeRoleInput,
  SetMemberStatusInput,
} from '@/server/domain/tenancy/inputs';
import { lastAdminGuard, type Role } from '@/server/domain/tenancy/roles';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { requestMailDelivery } from '@/server/services/mail/outbox';
import { secondFactorUsers } from '@/server/services/mfa/admin';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { INVITATION_DAYS, mailInvitation } from './invitations';

export async function listMembers(actor: OrgActor) {
  const listed = await withTenant(tenantOf(actor), async (tx) => {
    const members = await tx
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        status: memberships.status,
        canReveal: memberships.canReveal,
        lastLoginAt: users.lastLoginAt,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, actor.orgId))
      .orderBy(asc(users.name));
    const pending = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(invitations.createdAt));
    return { members, invitations: pending };
  });
  // Second factors are the account's, outside the tenant's rows (docs/SECURITY.md §Authentication).
  const withFactor = await secondFactorUsers(listed.members.map((m) => m.userId));
  return {
    ...listed,
    members: listed.members.map((m) => ({ ...m, mfa: withFactor.has(m.userId) })),
  };
}

async function updateMembership(
  actor: OrgActor,
  change: { userId: string; role?: Role; status?: 'active' | 'disabled' },
  action: string,
) {
  return withTenant(tenantOf(actor), async (tx) => {
    // Lock the org's memberships so two admins cannot each demote the other at once.
    const members = await tx
      .select({ userId: memberships.userId, role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(eq(memberships.orgId, actor.orgId))
      .for('update');
    const target = members.find((m) => m.userId === change.userId);
    if (!target) throw new UserFacingError('NOT_FOUND', 'No such member in this organization.');
    const refusal = lastAdminGuard(members, change);
    if (refusal) throw new UserFacingError('PRECONDITION_FAILED', refusal);
    await tx
      .update(memberships)
      .set({
        ...(change.role ? { role: change.role } : {}),
        ...(change.status ? { status: change.status } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, change.userId)));
    // Cookies issued before a disable, re-enable or role change stop working (probe finding F6).
    await tx.execute(sql`select vigil_end_member_sessions(${change.userId}::uuid)`);
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action,
      entityType: 'membership',
      entityId: change.userId,
      before: { role: target.role, status: target.status },
      after: { role: change.role ?? target.role, status: change.status ?? target.status },
      requestId: actor.requestId,
      ip: actor.ip,
    });
  });
}

export async function changeMemberRole(actor: OrgActor, { userId, role }: ChangeRoleInput) {
  await updateMembership(actor, { userId, role }, 'member.role_changed');
}

export async function setMemberStatus(actor: OrgActor, { userId, status }: SetMemberStatusInput) {
  if (userId === actor.userId && status === 'disabled') {
    throw new UserFacingError('PRECONDITION_FAILED', 'You cannot disable your own membership.');
  }
  await updateMembership(
    actor,
    { userId, status },
    status === 'disabled' ? 'member.disabled' : 'member.enabled',
  );
}

const OPERATOR = { type: 'system' as const, id: null, label: 'vigil-cli' };

/**
 * CLI `user add`. A new account is created with `--password`, or invited without one. An
 * existing account is always invited, never attached or re-passworded: whoever registered that
 * email must prove it by signing in (`attachExisting` is for the trusted demo seed only).
 */
export async function addUserAsOperator(
  orgId: string,
  { email, role, password, name }: AddUserCliInput,
  options: { attachExisting?: boolean } = {},
) {
  const passwordHash = password ? await hashPassword(password) : null;
  const result = await withSystem(
    async (tx) => {
      let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (user) {
        const [member] = await tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.id)));
        if (member)
          throw new UserFacingError(
            'CONFLICT',
            `${email} is already a member (${member.role}, ${member.status}).`,
          );
        if (passwordHash)
          throw new UserFacingError(
            'CONFLICT',
            `${email} already has a Vigil account; only its owner can change its password. Run without --password to invite it.`,
          );
      }
      if ((user && !options.attachExisting) || (!user && !passwordHash)) {
        const { token, hash } = generateToken();
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
        const [inv] = await tx
          .insert(invitations)
          .values({ orgId, email, role, tokenHash: hash, expiresAt })
          .returning({ id: invitations.id });
        if (!inv) throw new Error('invitation insert returned nothing');
        await mailInvitation(tx, orgId, {
          invitationId: inv.id,
          to: email,
          token,
          role,
          invitedBy: null,
          expiresAt,
        });
        await appendAudit(tx, {
          orgId,
          actor: OPERATOR,
          action: 'member.invited',
          entityType: 'invitation',
          entityId: inv.id,
          after: { email, role, expiresAt },
          requestId: null,
          ip: null,
        });
        return { kind: 'invited' as const, token, expiresAt };
      }
      if (!user) {
        [user] = await tx
          .insert(users)
          .values({
            email,
            name: name ?? email.split('@')[0]!,
            passwordHash,
            emailVerifiedAt: new Date(),
          })
          .returning({ id: users.id });
      }
      if (!user) throw new Error('user insert returned nothing');
      await tx.insert(memberships).values({ orgId, userId: user.id, role });
      await appendAudit(tx, {
        orgId,
        actor: OPERATOR,
        action: 'member.added',
        entityType: 'membership',
        entityId: user.id,
        after: { email, role },
        requestId: null,
        ip: null,
      });
      return { kind: 'added' as const, userId: user.id };
    },
    { orgId },
  );
  if (result.kind === 'invited') await requestMailDelivery(orgId);
  return result;
}
