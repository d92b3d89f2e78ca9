import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, authThrottle, userSessions } from '@/db/schema';
import { credentialsSchema } from '@/server/domain/auth/inputs';
import { resetEnvForTests } from '@/server/env';
import {
  signInWithPassword,
  signInWithSso,
  startUserSession,
} from '@/server/services/auth/sessions';
import { getSsoPolicy, setSsoPolicy } from '@/server/services/auth/sso-policy';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, TEST_PASSWORD, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
const meta = { requestId: 'req-sso', ip: '198.51.100.4' };
const saved = { ...process.env };

const password = (email: string, pw = TEST_PASSWORD) =>
  signInWithPassword(credentialsSchema.parse({ email, password: pw }), meta);

async function actions(orgId: string) {
  const rows = await asOwner((tx) =>
    tx
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.orgId, orgId))
      .orderBy(auditLog.seq),
  );
  return rows;
}

function configureOidc(on: boolean) {
  for (const [k, v] of Object.entries({
    OIDC_ISSUER: 'https://id.example.com',
    OIDC_CLIENT_ID: 'vigil',
    OIDC_CLIENT_SECRET: 's3cret',
  }))
    if (on) process.env[k] = v;
    else delete process.env[k];
  resetEnvForTests();
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('acme');
  other = await createTestOrg('other');
});
afterAll(async () => {
  process.env = saved;
  resetEnvForTests();
  await teardown();
});
beforeEach(async () => {
  await asOwner((tx) => tx.delete(authThrottle));
});

describe('require SSO', () => {
  it('cannot be required while no SSO is configured, nor without a break-glass admin', async () => {
    configureOidc(false);
    const admin = actorFor(org, 'admin');
    await expect(
      setSsoPolicy(admin, { required: true, breakGlassUserId: org.users.admin.id }),
    ).rejects.toThrow(/not configured/);
    configureOidc(true);
    await expect(setSsoPolicy(admin, { required: true, breakGlassUserId: null })).rejects.toThrow(
      /break-glass admin/,
    );
    await expect(
      setSsoPolicy(admin, { required: true, breakGlassUserId: org.users.compliance.id }),
    ).rejects.toThrow(/active admin/);
    await expect(
      setSsoPolicy(admin, { required: true, breakGlassUserId: other.users.admin.id }),
    ).rejects.toThrow(/member of this organization/);
    expect(await getSsoPolicy(admin)).toMatchObject({
      required: false,
      breakGlassUserId: null,
      ssoConfigured: true,
      admins: [{ userId: org.users.admin.id, email: 'admin@acme.test' }],
    });
    expect((await actions(org.id)).map((a) => a.action)).not.toContain('org.sso_policy_updated');
  });

  it('ends the password sessions it now binds, keeps SSO ones and the break-glass admin, and audits', async () => {
    configureOidc(true);
    const pw = await startUserSession(org.users.manager.id, 'password');
    const sso = await startUserSession(org.users.manager.id, 'oidc');
    const glass = await startUserSession(org.users.admin.id, 'password');
    const elsewhere = await startUserSession(other.users.manager.id, 'password');
    const result = await setSsoPolicy(actorFor(org, 'admin'), {
      required: true,
      breakGlassUserId: org.users.admin.id,
    });
    expect(result).toMatchObject({ required: true, endedSessions: expect.any(Number) });
    const live = await asOwner((tx) =>
      tx.select({ id: userSessions.id }).from(userSessions).where(isNull(userSessions.revokedAt)),
    );
    const liveIds = live.map((r) => r.id);
    expect(liveIds).not.toContain(pw.sessionId);
    expect(liveIds).toEqual(
      expect.arrayContaining([sso.sessionId, glass.sessionId, elsewhere.sessionId]),
    );
    expect((await actions(org.id)).at(-1)).toMatchObject({
      action: 'org.sso_policy_updated',
      after: { required: true, breakGlassUserId: org.users.admin.id },
    });
  });

  it('refuses password sign-in to everyone but the break-glass admin, only after the right password', async () => {
    expect(await password('manager@acme.test')).toEqual({ ok: false, reason: 'sso_required' });
    expect((await actions(org.id)).at(-1)?.action).toBe('auth.sign_in_refused_sso_required');
    // A wrong password says nothing about the requirement.
    expect(await password('manager@acme.test', 'wrong password here')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await password('admin@acme.test')).toMatchObject({ ok: true, orgId: org.id });
    expect(await signInWithSso('manager@acme.test', meta, 'oidc')).toMatchObject({ ok: true });
    // Another organization without the requirement is untouched.
    expect(await password('manager@other.test')).toMatchObject({ ok: true, orgId: other.id });
  });

  it('password sign-in works again once the requirement is lifted', async () => {
    await setSsoPolicy(actorFor(org, 'admin'), { required: false, breakGlassUserId: null });
    expect(await password('manager@acme.test')).toMatchObject({ ok: true, orgId: org.id });
    const [refusals] = await asOwner((tx) =>
      tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.orgId, other.id),
            eq(auditLog.action, 'auth.sign_in_refused_sso_required'),
          ),
        ),
    );
    expect(refusals).toBeUndefined();
  });
});
