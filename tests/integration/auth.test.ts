import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { statementsSent } from '@/db/client';
import { auditLog, authThrottle, memberships, userSessions, users } from '@/db/schema';
import { passwordVerifications } from '@/server/auth/password-hash';
import { credentialsSchema } from '@/server/domain/auth/inputs';
import { updateOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import {
  endUserSession,
  resolveSession,
  recordOrganizationSwitch,
  signInWithPassword,
  signInWithSso,
  startUserSession,
} from '@/server/services/auth/sessions';
import { acceptInvitation, addMember } from '@/server/services/tenancy/invitations';
import { changeMemberRole, setMemberStatus } from '@/server/services/tenancy/members';
import { updateOrganization } from '@/server/services/tenancy/organizations';
import { createCaller } from '@/server/trpc/root';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, TEST_PASSWORD, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
const meta = { requestId: 'req-1', ip: '203.0.113.9' };

async function auditActions(orgId: string) {
  const rows = await asOwner((tx) =>
    tx
      .select({ action: auditLog.action, ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.orgId, orgId))
      .orderBy(auditLog.seq),
  );
  return rows;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('acme');
});
afterAll(() => teardown());
beforeEach(async () => {
  await asOwner((tx) => tx.delete(authThrottle));
  await asOwner((tx) => tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }));
});

describe('password sign-in', () => {
  it('signs in with the right password, records it, and returns the first organization', async () => {
    const result = await signInWithPassword(
      credentialsSchema.parse({ email: ' Admin@ACME.test ', password: TEST_PASSWORD }),
      meta,
    );
    expect(result).toMatchObject({ ok: true, user: { email: 'admin@acme.test' }, orgId: org.id });
    const actions = await auditActions(org.id);
    expect(actions.at(-1)).toEqual({ action: 'auth.sign_in', ip: '203.0.113.9' });
  });

  it('opens the organization used last, never the first by name another tenant chose (F7)', async () => {
    const lookalike = await createTestOrg('lookalike');
    await updateOrganization(
      actorFor(lookalike, 'admin'),
      updateOrganizationSchema.parse({ name: `0 ${org.name}`, settings: {} }),
    );
    await asOwner((tx) =>
      tx
        .insert(memberships)
        .values({ orgId: lookalike.id, userId: org.users.admin.id, role: 'auditor' }),
    );
    const credentials = credentialsSchema.parse({
      email: 'admin@acme.test',
      password: TEST_PASSWORD,
    });
    expect(await signInWithPassword(credentials, meta)).toMatchObject({ ok: true, orgId: org.id });
    await recordOrganizationSwitch(org.users.admin.id, lookalike.id);
    expect(await signInWithPassword(credentials, meta)).toMatchObject({
      ok: true,
      orgId: lookalike.id,
    });
    await recordOrganizationSwitch(org.users.admin.id, org.id);
    expect(await signInWithPassword(credentials, meta)).toMatchObject({ ok: true, orgId: org.id });
  });

  it('stores argon2id hashes, never the password', async () => {
    const [row] = await asOwner((tx) =>
      tx.select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'admin@acme.test')),
    );
    expect(row?.hash).toMatch(/^\$argon2id\$/);
    expect(row?.hash).not.toContain(TEST_PASSWORD);
  });

  it('gives the same answer for an unknown email and a wrong password, and audits the failure', async () => {
    const unknown = await signInWithPassword(
      credentialsSchema.parse({ email: 'nobody@acme.test', password: 'whatever it is' }),
      meta,
    );
    const wrong = await signInWithPassword(
      credentialsSchema.parse({ email: 'manager@acme.test', password: 'wrong password!' }),
      meta,
    );
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect((await auditActions(org.id)).at(-1)?.action).toBe('auth.sign_in_failed');
  });

  it('does the same work for an unknown email as for an existing account (F5)', async () => {
    const f5 = await createTestOrg('f5');
    // An account without a password (SSO only) and a member whose membership is disabled.
    await asOwner((tx) =>
      tx.update(users).set({ passwordHash: null }).where(eq(users.id, f5.users.auditor.id)),
    );
    await asOwner((tx) =>
      tx
        .update(memberships)
        .set({ status: 'disabled' })
        .where(eq(memberships.userId, f5.users.manager.id)),
    );
    /** argon2 verifications and database statements one sign-in attempt costs. */
    const work = async (email: string, password = 'a wrong password') => {
      const [v0, s0] = [passwordVerifications(), statementsSent()];
      const result = await signInWithPassword(credentialsSchema.parse({ email, password }), meta);
      expect(result.ok).toBe(false);
      return { argon2: passwordVerifications() - v0, statements: statementsSent() - s0 };
    };
    await work('warm-up@f5.test'); // the dummy hash is made once, lazily
    const unknown = await work('nobody@f5.test');
    expect(unknown.argon2).toBe(1);
    expect(await work(f5.users.manager.email)).toEqual(unknown); // disabled member
    // A member's failure is also audited in their organization: one more append, the same for a
    // wrong password, no password set and a locked account.
    const wrong = await work(f5.users.compliance.email);
    expect(wrong.argon2).toBe(1);
    expect(await work(f5.users.auditor.email)).toEqual(wrong); // no password set
    await asOwner((tx) =>
      tx
        .update(users)
        .set({ lockedUntil: sql`now() + interval '5 minutes'` })
        .where(eq(users.id, f5.users.compliance.id)),
    );
    expect(await work(f5.users.compliance.email, TEST_PASSWORD)).toEqual(wrong);
  });

  it('locks the account after repeated failures, even for the right password, then unlocks', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        await signInWithPassword(
          credentialsSchema.parse({ email: 'auditor@acme.test', password: 'not the password' }),
          meta,
        ),
      ).toMatchObject({ ok: false });
    }
    expect(
      await signInWithPassword(
        credentialsSchema.parse({ email: 'auditor@acme.test', password: 'not the password' }),
        meta,
      ),
    ).toEqual({ ok: false, reason: 'locked' });
    expect(
      await signInWithPassword(
        credentialsSchema.parse({ email: 'auditor@acme.test', password: TEST_PASSWORD }),
        meta,
      ),
    ).toEqual({ ok: false, reason: 'locked' });
    const actions = (await auditActions(org.id)).map((a) => a.action);
    expect(actions).toContain('auth.locked_out');
    expect(actions.at(-1)).toBe('auth.sign_in_refused_locked');
    await asOwner((tx) =>
      tx
        .update(users)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(users.email, 'auditor@acme.test')),
    );
    expect(
      await signInWithPassword(
        credentialsSchema.parse({ email: 'auditor@acme.test', password: TEST_PASSWORD }),
        meta,
      ),
    ).toMatchObject({ ok: true });
  });

  it('locks the account even when wrong guesses arrive in parallel', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        signInWithPassword(
          credentialsSchema.parse({
            email: 'compliance@acme.test',
            password: `parallel guess ${i}`,
          }),
          { requestId: null, ip: `198.18.0.${i}` },
        ),
      ),
    );
    const [row] = await asOwner((tx) =>
      tx
        .select({ lockedUntil: users.lockedUntil })
        .from(users)
        .where(eq(users.email, 'compliance@acme.test')),
    );
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(
      await signInWithPassword(
        credentialsSchema.parse({ email: 'compliance@acme.test', password: TEST_PASSWORD }),
        meta,
      ),
    ).toEqual({ ok: false, reason: 'locked' });
  });

  it('rate-limits attempts per account and per address', async () => {
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(
        await signInWithPassword(
          credentialsSchema.parse({ email: 'ghost@acme.test', password: 'guess number one' }),
          { requestId: null, ip: `198.51.100.${i}` },
        ),
      );
    expect(results.slice(0, 10).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.slice(10).every((r) => !r.ok && r.reason === 'throttled')).toBe(true);
    const fromOneIp = [];
    for (let i = 0; i < 32; i++)
      fromOneIp.push(
        await signInWithPassword(
          credentialsSchema.parse({ email: `spray${i}@acme.test`, password: 'guess number two' }),
          { requestId: null, ip: '192.0.2.1' },
        ),
      );
    expect(fromOneIp.at(-1)).toEqual({ ok: false, reason: 'throttled' });
    // The right password is refused too while throttled.
    await asOwner((tx) =>
      tx.delete(authThrottle).where(eq(authThrottle.key, 'email:admin@acme.test')),
    );
    const lastOk = await signInWithPassword(
      credentialsSchema.parse({ email: 'admin@acme.test', password: TEST_PASSWORD }),
      { requestId: null, ip: '192.0.2.1' },
    );
    expect(lastOk).toEqual({ ok: false, reason: 'throttled' });
  });
});

describe('single sign-on', () => {
  it('links only to accounts whose email the operator vouched for, never to invitation-made ones', async () => {
    expect(await signInWithSso('admin@acme.test', meta)).toMatchObject({ ok: true, orgId: org.id });
    const invite = await addMember(actorFor(org, 'admin'), {
      email: 'claimed@acme.test',
      role: 'auditor',
    });
    await acceptInvitation(
      { token: invite.token, name: 'Whoever Held The Link', password: 'a long chosen password' },
      meta,
    );
    expect(await signInWithSso('claimed@acme.test', meta)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await signInWithSso('nobody@acme.test', meta)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('session resolution', () => {
  it('resolves the session once for all the calls of one page render, and still refuses an ended one', async () => {
    const manager = org.users.manager;
    const { sessionId, sessionVersion } = await startUserSession(manager.id);
    const claims = { userId: manager.id, orgId: org.id, sessionVersion, sessionId };
    let resolutions = 0;
    let view: ReturnType<typeof resolveSession> | undefined;
    const page = createCaller({
      session: claims,
      meta,
      sessionView: () => {
        resolutions++;
        return (view ??= resolveSession(claims));
      },
    });
    expect((await page.session.me()).active?.role).toBe('manager');
    await page.vendors.list({});
    await page.people.list({});
    expect(resolutions).toBe(3);
    expect(await view).toMatchObject({ active: { role: 'manager' } });
    // A render whose session has ended is refused, as a call over HTTP is.
    const ended = createCaller({ session: claims, meta, sessionView: async () => null });
    await expect(ended.vendors.list({})).rejects.toThrow(/session has ended/);
    await expect(ended.session.me()).rejects.toThrow(/session has ended/);
  });

  it('ends sessions on disable and keeps them ended on re-enable, so an old cookie never revives', async () => {
    const manager = org.users.manager;
    const { sessionId, sessionVersion } = await startUserSession(manager.id);
    const claims = { userId: manager.id, orgId: org.id, sessionVersion, sessionId };
    expect((await resolveSession(claims))?.active?.role).toBe('manager');
    await setMemberStatus(actorFor(org, 'admin'), { userId: manager.id, status: 'disabled' });
    expect(await resolveSession(claims)).toBeNull();
    await setMemberStatus(actorFor(org, 'admin'), { userId: manager.id, status: 'active' });
    expect(await resolveSession(claims)).toBeNull();
    // Signing in again works.
    const fresh = await startUserSession(manager.id);
    expect((await resolveSession({ ...claims, ...fresh }))?.active?.role).toBe('manager');
  });

  it('ends sessions on a role change', async () => {
    const auditor = org.users.auditor;
    const started = await startUserSession(auditor.id);
    const claims = { userId: auditor.id, orgId: org.id, ...started };
    expect((await resolveSession(claims))?.active?.role).toBe('auditor');
    await changeMemberRole(actorFor(org, 'admin'), { userId: auditor.id, role: 'compliance' });
    expect(await resolveSession(claims)).toBeNull();
    await changeMemberRole(actorFor(org, 'admin'), { userId: auditor.id, role: 'auditor' });
  });

  it('ends a session at sign-out, so a copied cookie stops working', async () => {
    const { sessionId, sessionVersion } = await startUserSession(org.users.auditor.id);
    const claims = { userId: org.users.auditor.id, orgId: org.id, sessionVersion, sessionId };
    expect(await resolveSession(claims)).not.toBeNull();
    await endUserSession(sessionId);
    expect(await resolveSession(claims)).toBeNull();
    // Another device's session is untouched.
    const other = await startUserSession(org.users.auditor.id);
    expect(await resolveSession({ ...claims, sessionId: other.sessionId })).not.toBeNull();
  });

  it('refuses expired sessions, unknown session ids and sessions of another user', async () => {
    const { sessionId, sessionVersion } = await startUserSession(org.users.compliance.id);
    const claims = { userId: org.users.compliance.id, orgId: org.id, sessionVersion, sessionId };
    expect(await resolveSession({ ...claims, userId: org.users.admin.id })).toBeNull();
    expect(
      await resolveSession({ ...claims, sessionId: '00000000-0000-4000-8000-000000000000' }),
    ).toBeNull();
    await asOwner((tx) =>
      tx
        .update(userSessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(userSessions.id, sessionId)),
    );
    expect(await resolveSession(claims)).toBeNull();
  });

  it('ends sessions issued before a credential change', async () => {
    const compliance = org.users.compliance;
    const { sessionId, sessionVersion } = await startUserSession(compliance.id);
    await asOwner((tx) =>
      tx
        .update(users)
        .set({ sessionVersion: sessionVersion + 1 })
        .where(and(eq(users.id, compliance.id))),
    );
    expect(
      await resolveSession({ userId: compliance.id, orgId: org.id, sessionVersion, sessionId }),
    ).toBeNull();
    expect(
      await resolveSession({
        userId: compliance.id,
        orgId: org.id,
        sessionVersion: sessionVersion + 1,
        sessionId,
      }),
    ).not.toBeNull();
  });
});
