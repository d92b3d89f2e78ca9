import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, invitations } from '@/db/schema';
import { credentialsSchema } from '@/server/domain/auth/inputs';
import {
  acceptInvitationSchema,
  addMemberSchema,
  addUserCliSchema,
} from '@/server/domain/tenancy/inputs';
import {
  resolveSession,
  signInWithPassword,
  startUserSession,
} from '@/server/services/auth/sessions';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  acceptInvitation,
  acceptInvitationAsUser,
  addMember,
  describeInvitation,
  revokeInvitation,
} from '@/server/services/tenancy/invitations';
import {
  addUserAsOperator,
  changeMemberRole,
  listMembers,
  setMemberStatus,
} from '@/server/services/tenancy/members';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, anonymousCaller, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let acme: TestOrg;
let other: TestOrg;
const meta = { requestId: null, ip: null };

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  acme = await createTestOrg('acme');
  other = await createTestOrg('other');
});
afterAll(() => teardown());

async function expectRefused(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  expect((error as Error).message).toMatch(pattern);
}

describe('members', () => {
  it('invites a new person, who sets a password, joins and can sign in', async () => {
    const invite = await addMember(
      actorFor(acme, 'admin'),
      addMemberSchema.parse({
        email: 'New.Person@Acme.test',
        role: 'compliance',
      }),
    );
    expect(await describeInvitation(invite.token)).toMatchObject({
      email: 'new.person@acme.test',
      role: 'compliance',
    });
    await expect(
      anonymousCaller().members.acceptInvitation({
        token: invite.token,
        name: 'New Person',
        password: 'short',
      }),
    ).rejects.toThrow(/12 characters/);
    await acceptInvitation(
      acceptInvitationSchema.parse({
        token: invite.token,
        name: 'New Person',
        password: 'a long new password',
      }),
      meta,
    );
    expect(await describeInvitation(invite.token)).toBeNull();
    await expectRefused(
      acceptInvitation(
        acceptInvitationSchema.parse({
          token: invite.token,
          name: 'Again',
          password: 'a long new password',
        }),
        meta,
      ),
      /expired or was already used/,
    );
    const signIn = await signInWithPassword(
      credentialsSchema.parse({ email: 'new.person@acme.test', password: 'a long new password' }),
      meta,
    );
    expect(signIn).toMatchObject({ ok: true, orgId: acme.id });
    const { members } = await listMembers(actorFor(acme, 'admin'));
    expect(members.find((m) => m.email === 'new.person@acme.test')?.role).toBe('compliance');
  });

  it('lets an existing account join only while signed in as itself, never through the public link', async () => {
    const invite = await addMember(
      actorFor(other, 'admin'),
      addMemberSchema.parse({
        email: acme.users.manager.email,
        role: 'auditor',
      }),
    );
    expect(await describeInvitation(invite.token)).not.toHaveProperty('existingAccount');
    // The public path neither checks passwords nor attaches existing accounts.
    await expectRefused(
      acceptInvitation(
        acceptInvitationSchema.parse({
          token: invite.token,
          name: 'Anyone',
          password: 'any long password',
        }),
        meta,
      ),
      /sign in and open the link again/,
    );
    // Another signed-in user cannot take it.
    await expectRefused(
      acceptInvitationAsUser(acme.users.auditor.id, { token: invite.token }, meta),
      /This invitation is for manager@acme.test/,
    );
    expect((await listMembers(actorFor(other, 'admin'))).members.map((m) => m.email)).not.toContain(
      acme.users.manager.email,
    );
    await acceptInvitationAsUser(acme.users.manager.id, { token: invite.token }, meta);
    const session = await startUserSession(acme.users.manager.id);
    const view = await resolveSession({
      userId: acme.users.manager.id,
      orgId: other.id,
      ...session,
    });
    expect(view?.memberships.map((m) => m.name).sort()).toEqual(['Org acme', 'Org other']);
    expect(view?.active?.role).toBe('auditor');
    await expectRefused(
      acceptInvitationAsUser(acme.users.manager.id, { token: invite.token }, meta),
      /already used/,
    );
  });

  it('never lets the CLI attach or re-password an existing account', async () => {
    const result = await addUserAsOperator(
      other.id,
      addUserCliSchema.parse({
        email: acme.users.compliance.email,
        role: 'admin',
      }),
    );
    expect(result.kind).toBe('invited');
    await expectRefused(
      addUserAsOperator(
        other.id,
        addUserCliSchema.parse({
          email: acme.users.admin.email,
          role: 'admin',
          password: 'attacker chosen pw',
        }),
      ),
      /only its owner can change its password/,
    );
    expect(
      await signInWithPassword(
        credentialsSchema.parse({ email: acme.users.admin.email, password: 'attacker chosen pw' }),
        meta,
      ),
    ).toMatchObject({ ok: false });
  });

  it('refuses to invite someone who is already a member', async () => {
    await expectRefused(
      addMember(
        actorFor(acme, 'admin'),
        addMemberSchema.parse({ email: acme.users.auditor.email, role: 'admin' }),
      ),
      /already a member/,
    );
  });

  it('revokes invitations, and revoked or expired links stop working', async () => {
    const first = await addMember(
      actorFor(acme, 'admin'),
      addMemberSchema.parse({
        email: 'late@acme.test',
        role: 'manager',
      }),
    );
    await revokeInvitation(actorFor(acme, 'admin'), { invitationId: first.invitationId });
    expect(await describeInvitation(first.token)).toBeNull();
    await expectRefused(
      revokeInvitation(actorFor(acme, 'admin'), { invitationId: first.invitationId }),
      /No open invitation/,
    );
    const second = await addMember(
      actorFor(acme, 'admin'),
      addMemberSchema.parse({
        email: 'late@acme.test',
        role: 'manager',
      }),
    );
    await asOwner((tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, second.invitationId)),
    );
    await expectRefused(
      acceptInvitation(
        acceptInvitationSchema.parse({
          token: second.token,
          name: 'Late',
          password: 'a long new password',
        }),
        meta,
      ),
      /expired/,
    );
  });

  it('never leaves an organization without an active admin', async () => {
    const admin = actorFor(acme, 'admin');
    await expectRefused(
      changeMemberRole(admin, { userId: acme.users.admin.id, role: 'manager' }),
      /last active admin/,
    );
    await expectRefused(
      setMemberStatus(admin, { userId: acme.users.admin.id, status: 'disabled' }),
      /own membership/,
    );
    await changeMemberRole(admin, { userId: acme.users.compliance.id, role: 'admin' });
    await changeMemberRole(admin, { userId: acme.users.admin.id, role: 'manager' });
    const second = { ...actorFor(acme, 'compliance'), role: 'admin' as const };
    await expectRefused(
      setMemberStatus(second, { userId: acme.users.compliance.id, status: 'disabled' }),
      /own membership/,
    );
    await changeMemberRole(second, { userId: acme.users.admin.id, role: 'admin' });
  });

  it('records every change with before and after in the audit log', async () => {
    const rows = await asOwner((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.orgId, acme.id)).orderBy(auditLog.seq),
    );
    const roleChanges = rows.filter((r) => r.action === 'member.role_changed');
    expect(roleChanges.at(-1)).toMatchObject({
      actorLabel: 'compliance@acme.test',
      before: { role: 'manager', status: 'active' },
      after: { role: 'admin', status: 'active' },
    });
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'member.invited',
        'member.invitation_accepted',
        'member.invitation_revoked',
      ]),
    );
    // A refused change writes nothing.
    expect(rows.filter((r) => r.action === 'member.disabled')).toEqual([]);
  });
});
