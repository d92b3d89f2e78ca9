import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { invitations, memberships, organizations, users } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import { hashPassword } from '@/server/auth/password-hash';
import { generateToken, sha256Hex } from '@/server/domain/auth/secrets';
import { invitationMail, type InvitationMail } from '@/server/domain/notifications/invitation-mail';
import type {
  AcceptInvitationAsUserInput,
  AcceptInvitationInput,
  AddMemberInput,
  RevokeInvitationInput,
} from '@/server/domain/tenancy/inputs';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { appBaseUrl, queueMail, thenDeliverMail } from '@/server/services/mail/outbox';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

export const INVITATION_DAYS = 7;

export interface AddMemberResult {
  kind: 'invited';
  invitationId: string;
  token: string;
  expiresAt: Date;
}

/**
 * Mails the accept link to the invitee in the transaction that created the invitation (the
 * link is in the body only; the outbox treats it like a signing link).
 */
export async function mailInvitation(
  tx: Tx,
  orgId: string,
  invitation: Omit<InvitationMail, 'base' | 'orgName'>,
): Promise<void> {
  const [org] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  await queueMail(
    tx,
    orgId,
    invitationMail({ ...invitation, base: appBaseUrl(), orgName: org?.name ?? 'Vigil' }),
  );
}

/**
 * Always an invitation, even for someone who already has a Vigil account elsewhere: joining needs
 * the invitee's consent, and the answer must not reveal which emails have accounts. The link is
 * shown once to the admin, mailed to the invitee, and stored hashed.
 */
export async function addMember(actor: OrgActor, input: AddMemberInput): Promise<AddMemberResult> {
  return thenDeliverMail(actor.orgId, inviteMember(actor, input));
}

async function inviteMember(actor: OrgActor, { email, role }: AddMemberInput) {
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
    await mailInvitation(tx, actor.orgId, {
      invitationId: inv.id,
      to: email,
      token,
      role,
      invitedBy: actor.email,
      expiresAt,
    });
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
    return { kind: 'invited' as const, invitationId: inv.id, token, expiresAt };
  });
}

export async function revokeInvitation(actor: OrgActor, { invitationId }: RevokeInvitationInput) {
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

/**
 * What the invitation page shows for a well-formed token; null when the link is unknown, used,
 * revoked or expired.
 */
export async function describeInvitation(token: string) {
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
      .where(eq(invitations.tokenHash, sha256Hex(token))),
  );
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= new Date()) return null;
  // Whether an account exists is not said: the inviter also holds this link.
  return { email: row.email, role: row.role, orgName: row.orgName, expiresAt: row.expiresAt };
}

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
  { token, name, password }: AcceptInvitationInput,
  meta: RequestMeta,
) {
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

/** A signed-in user accepts an invitation addressed to their own email. */
export async function acceptInvitationAsUser(
  userId: string,
  { token }: AcceptInvitationAsUserInput,
  meta: RequestMeta,
) {
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
