import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import { emailSchema, passwordSchema } from '@/server/domain/auth/password';
import { generateToken, sha256Hex } from '@/server/domain/auth/secrets';
import { lastAdminGuard, roleSchema, type Role } from '@/server/domain/tenancy/roles';
import { hashPassword } from '@/server/auth/password-hash';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';

const INVITATION_DAYS = 7;

export async function listMembers(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const members = await tx
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        status: memberships.status,
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
}

export const addMemberSchema = z.object({ email: emailSchema, role: roleSchema });

export interface AddMemberResult {
  kind: 'invited';
  invitationId: string;
  token: string;
  expiresAt: Date;
}

/**
 * Always an invitation, even for someone who already has a Vigil account elsewhere: joining needs
 * the invitee's consent, and the answer must not reveal which emails have accounts. The link is
 * shown once and stored hashed.
 */
export async function addMember(
  actor: OrgActor,
  input: z.input<typeof addMemberSchema>,
): Promise<AddMemberResult> {
  const { email, role } = addMemberSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [member] = await tx
      .select({ status: memberships.status })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, actor.orgId), eq(users.email, email)));
    if (member)
      throw new UserFacingError('CONFLICT', `${email} is already a member (${member.status}).`);
    const { token, hash } = generateToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    // A fresh invitation replaces any earlier one still open for the same email.
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [inv] = await tx
      .insert(invitations)
      .values({
        orgId: actor.orgId,
        email,
        role,
        tokenHash: hash,
        expiresAt,
        createdBy: actor.userId,
      })
      .returning({ id: invitations.id });
    if (!inv) throw new Error('invitation insert returned nothing');
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'member.invited',
      entityType: 'invitation',
      entityId: inv.id,
      after: { email, role, expiresAt },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { kind: 'invited', invitationId: inv.id, token, expiresAt };
  });
}

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });
export const setMemberStatusSchema = z.object({
  userId: z.uuid(),
  status: z.enum(['active', 'disabled']),
});

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

export async function changeMemberRole(actor: OrgActor, input: z.input<typeof changeRoleSchema>) {
  const { userId, role } = changeRoleSchema.parse(input);
  await updateMembership(actor, { userId, role }, 'member.role_changed');
}

export async function setMemberStatus(
  actor: OrgActor,
  input: z.input<typeof setMemberStatusSchema>,
) {
  const { userId, status } = setMemberStatusSchema.parse(input);
  if (userId === actor.userId && status === 'disabled') {
    throw new UserFacingError('PRECONDITION_FAILED', 'You cannot disable your own membership.');
  }
  await updateMembership(
    actor,
    { userId, status },
    status === 'disabled' ? 'member.disabled' : 'member.enabled',
  );
}

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });

export async function revokeInvitation(
  actor: OrgActor,
  input: z.input<typeof revokeInvitationSchema>,
) {
  const { invitationId } = revokeInvitationSchema.parse(input);
  await withTenant(tenantOf(actor), async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          eq(invitations.id, invitationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!inv) throw new UserFacingError('NOT_FOUND', 'No open invitation with that id.');
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'member.invitation_revoked',
      entityType: 'invitation',
      entityId: invitationId,
      before: { email: inv.email },
      requestId: actor.requestId,
      ip: actor.ip,
    });
  });
}

export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This invitation link is not valid.');

/** What the invitation page shows; null when the link is unknown, used, revoked or expired. */
export async function describeInvitation(token: string) {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [row] = await withSystem((tx) =>
    tx
      .select({
        email: invitations.email,
        role: invitations.role,
        orgName: organizations.name,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
      })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.orgId))
      .where(eq(invitations.tokenHash, sha256Hex(parsed.data))),
  );
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= new Date()) return null;
  // Whether an account exists is not said: the inviter also holds this link.
  return { email: row.email, role: row.role, orgName: row.orgName, expiresAt: row.expiresAt };
}

export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Name is too long'),
  password: passwordSchema,
});

const invalidInvitation = () =>
  new UserFacingError(
    'BAD_REQUEST',
    'This invitation link has expired or was already used. Ask an admin for a new one.',
  );

type InvitationRow = typeof invitations.$inferSelect;

/** Locks an open invitation for acceptance; two tabs submitting the same link cannot both win. */
async function lockOpenInvitation(tx: Tx, token: string): Promise<InvitationRow> {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256Hex(token)))
    .for('update');
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date())
    throw invalidInvitation();
  return inv;
}

async function joinFromInvitation(
  tx: Tx,
  inv: InvitationRow,
  user: { id: string; email: string },
  meta: RequestMeta,
) {
  await setTenant(tx, inv.orgId);
  await tx
    .insert(memberships)
    .values({ orgId: inv.orgId, userId: user.id, role: inv.role })
    .onConflictDoNothing();
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.orgId, inv.orgId), eq(invitations.id, inv.id)));
  await appendAudit(tx, {
    orgId: inv.orgId,
    actor: { type: 'user', id: user.id, label: user.email },
    action: 'member.invitation_accepted',
    entityType: 'membership',
    entityId: user.id,
    after: { email: user.email, role: inv.role },
    ...meta,
  });
}

/**
 * A person new to Vigil creates their account from the link. An existing account never joins
 * through this public path (no password is ever checked here): its owner signs in and accepts
 * with `acceptInvitationAsUser`, so a link alone cannot attach or probe someone else's account.
 */
export async function acceptInvitation(
  input: z.input<typeof acceptInvitationSchema>,
  meta: RequestMeta,
) {
  const { token, name, password } = acceptInvitationSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return withSystem(async (tx) => {
    const inv = await lockOpenInvitation(tx, token);
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, inv.email));
    if (existing) {
      throw new UserFacingError(
        'BAD_REQUEST',
        'This invitation cannot create an account. If you already use Vigil, sign in and open the link again to join.',
      );
    }
    const [user] = await tx
      .insert(users)
      .values({ email: inv.email, name, passwordHash })
      .returning({ id: users.id, email: users.email });
    if (!user) throw new Error('user insert returned nothing');
    await joinFromInvitation(tx, inv, user, meta);
    return { email: user.email };
  });
}

export const acceptInvitationAsUserSchema = z.object({ token: invitationTokenSchema });

/** A signed-in user accepts an invitation addressed to their own email. */
export async function acceptInvitationAsUser(
  userId: string,
  input: z.input<typeof acceptInvitationAsUserSchema>,
  meta: RequestMeta,
) {
  const { token } = acceptInvitationAsUserSchema.parse(input);
  return withSystem(
    async (tx) => {
      const inv = await lockOpenInvitation(tx, token);
      const [user] = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(eq(users.id, userId));
      if (!user) throw invalidInvitation();
      if (user.email !== inv.email) {
        throw new UserFacingError(
          'FORBIDDEN',
          `This invitation is for ${inv.email}. Sign out and sign in as that account to accept it.`,
        );
      }
      await joinFromInvitation(tx, inv, user, meta);
      const [org] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, inv.orgId));
      return { orgId: inv.orgId, orgName: org?.name ?? '' };
    },
    { userId },
  );
}

export const addUserCliSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});

const OPERATOR = { type: 'system' as const, id: null, label: 'vigil-cli' };

/**
 * CLI `user add`. A new account is created with `--password`, or invited without one. An
 * existing account is always invited, never attached or re-passworded: whoever registered that
 * email must prove it by signing in (`attachExisting` is for the trusted demo seed only).
 */
export async function addUserAsOperator(
  orgId: string,
  input: z.input<typeof addUserCliSchema>,
  options: { attachExisting?: boolean } = {},
) {
  const { email, role, password, name } = addUserCliSchema.parse(input);
  const passwordHash = password ? await hashPassword(password) : null;
  return withSystem(
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
        await appendAudit(tx, {
          orgId,
          actor: OPERATOR,
          action: 'member.invited',
          entityType: 'invitation',
          entityId: inv?.id ?? null,
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
}
