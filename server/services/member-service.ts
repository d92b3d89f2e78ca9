import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import { emailSchema, passwordSchema } from '@/server/domain/auth/password';
import { generateToken, sha256Hex } from '@/server/domain/auth/secrets';
import { lastAdminGuard, roleSchema, type Role } from '@/server/domain/tenancy/roles';
import { hashPassword, verifyPassword } from '@/server/auth/password-hash';
import { tenantOf, type OrgActor, type RequestMeta } from './actor';
import { appendAudit, userActor } from './audit-service';
import { UserFacingError } from './errors';

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
  // The link holder owns this email, so telling them an account exists reveals nothing new.
  const [account] = await withSystem((tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, row.email)),
  );
  return {
    email: row.email,
    role: row.role,
    orgName: row.orgName,
    expiresAt: row.expiresAt,
    existingAccount: Boolean(account),
  };
}

export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  // Ignored for an existing account, which keeps its name.
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Name is too long').optional(),
  password: z.string().min(1, 'Enter a password').max(200),
});

/**
 * A new account is created with the chosen password; an existing account joins only after its
 * own password is given, so a leaked link cannot attach someone else's account.
 */
export async function acceptInvitation(
  input: z.input<typeof acceptInvitationSchema>,
  meta: RequestMeta,
) {
  const { token, name, password } = acceptInvitationSchema.parse(input);
  const [found] = await withSystem((tx) =>
    tx
      .select({ inv: invitations, user: users })
      .from(invitations)
      .leftJoin(users, eq(users.email, invitations.email))
      .where(eq(invitations.tokenHash, sha256Hex(token))),
  );
  const invalid = () =>
    new UserFacingError(
      'BAD_REQUEST',
      'This invitation link has expired or was already used. Ask an admin for a new one.',
    );
  if (!found || found.inv.acceptedAt || found.inv.revokedAt || found.inv.expiresAt <= new Date())
    throw invalid();
  let passwordHash: string | null = null;
  if (found.user) {
    if (!found.user.passwordHash || !(await verifyPassword(found.user.passwordHash, password))) {
      throw new UserFacingError(
        'BAD_REQUEST',
        'That is not the password of your existing Vigil account.',
      );
    }
  } else {
    if (!name) throw new UserFacingError('BAD_REQUEST', 'Enter your name.');
    const strong = passwordSchema.safeParse(password);
    if (!strong.success)
      throw new UserFacingError(
        'BAD_REQUEST',
        strong.error.issues[0]?.message ?? 'Choose a longer password.',
      );
    passwordHash = await hashPassword(password);
  }
  return withSystem(async (tx) => {
    // Re-read under lock: two tabs submitting the same link must not both succeed.
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256Hex(token)))
      .for('update');
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) throw invalid();
    await setTenant(tx, inv.orgId);
    let [user] = await tx.select().from(users).where(eq(users.email, inv.email));
    const existingAccount = Boolean(user);
    if (!user) {
      if (!passwordHash || !name) throw invalid();
      [user] = await tx.insert(users).values({ email: inv.email, name, passwordHash }).returning();
    }
    if (!user) throw new Error('user insert returned nothing');
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
    return { email: user.email, existingAccount };
  });
}

export const addUserCliSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});

/**
 * CLI `user add`: creates the account when a password is given (or attaches an existing one);
 * without a password for a new account it issues an invitation instead.
 */
export async function addUserAsOperator(orgId: string, input: z.input<typeof addUserCliSchema>) {
  const { email, role, password, name } = addUserCliSchema.parse(input);
  const passwordHash = password ? await hashPassword(password) : null;
  return withSystem(
    async (tx) => {
      const operator = { type: 'system' as const, id: null, label: 'vigil-cli' };
      let [user] = await tx.select().from(users).where(eq(users.email, email));
      if (!user && !passwordHash) {
        const { token, hash } = generateToken();
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
        const [inv] = await tx
          .insert(invitations)
          .values({ orgId, email, role, tokenHash: hash, expiresAt })
          .returning({ id: invitations.id });
        await appendAudit(tx, {
          orgId,
          actor: operator,
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
          .values({ email, name: name ?? email.split('@')[0]!, passwordHash })
          .returning();
      } else if (passwordHash) {
        await tx
          .update(users)
          .set({
            passwordHash,
            sessionVersion: user.sessionVersion + 1,
            failedLoginCount: 0,
            lockedUntil: null,
          })
          .where(eq(users.id, user.id));
      }
      if (!user) throw new Error('user insert returned nothing');
      const [existing] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.id)));
      if (existing) {
        if (existing.role !== role || existing.status !== 'active') {
          await tx
            .update(memberships)
            .set({ role, status: 'active', updatedAt: new Date() })
            .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, user.id)));
          await appendAudit(tx, {
            orgId,
            actor: operator,
            action: 'member.role_changed',
            entityType: 'membership',
            entityId: user.id,
            before: { role: existing.role, status: existing.status },
            after: { role, status: 'active' },
            requestId: null,
            ip: null,
          });
        }
        return { kind: 'existing' as const, userId: user.id };
      }
      await tx.insert(memberships).values({ orgId, userId: user.id, role });
      await appendAudit(tx, {
        orgId,
        actor: operator,
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
