import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, authThrottle, userTotp } from '@/db/schema';
import { withUser } from '@/db/tenant';
import { totpCodeAt } from '@/server/domain/mfa/totp';
import { resetEnvForTests } from '@/server/env';
import { resolveSession, startUserSession } from '@/server/services/auth/sessions';
import { createCaller } from '@/server/trpc/root';
import { asOwner, databaseError, setupTestDatabase } from '../helpers/db';
import { createTestOrg, type TestOrg } from '../helpers/fixtures';
import { SoftAuthenticator } from '../helpers/soft-authenticator';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
const meta = { requestId: 'mfa-test', ip: '198.51.100.7' };

type Session = Awaited<ReturnType<typeof startUserSession>> & { userId: string };

async function signIn(
  userId: string,
  method: 'password' | 'oidc' | 'saml' = 'password',
): Promise<Session> {
  return { ...(await startUserSession(userId, method)), userId };
}

function callerOf(s: Session, orgId = org.id) {
  return createCaller({
    session: { userId: s.userId, orgId, sessionVersion: s.sessionVersion, sessionId: s.sessionId },
    meta,
  });
}

const claimsOf = (s: Session) => ({
  userId: s.userId,
  orgId: org.id,
  sessionVersion: s.sessionVersion,
  sessionId: s.sessionId,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function actions(orgId: string): Promise<{ action: string; after: unknown }[]> {
  return asOwner((tx) =>
    tx
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.orgId, orgId))
      .orderBy(auditLog.seq),
  );
}

const now = () => Math.floor(Date.now() / 1000);

/** Enrols an authenticator app for the user through the procedures; returns its secret. */
async function enrolTotp(s: Session): Promise<{ secret: string; recoveryCodes: string[] | null }> {
  const caller = callerOf(s);
  const { secret } = await caller.account.startTotp();
  const { recoveryCodes } = await caller.account.confirmTotp({ code: totpCodeAt(secret, now()) });
  return { secret, recoveryCodes };
}

beforeAll(async () => {
  process.env.VIGIL_SECRETS_KEY ??= Buffer.alloc(32, 9).toString('base64');
  // Passkeys take their relying party from the configured URL.
  process.env.NEXTAUTH_URL = 'http://localhost:3400';
  resetEnvForTests();
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('mfa');
  other = await createTestOrg('mfaother');
});
afterAll(() => teardown());
beforeEach(() => asOwner((tx) => tx.delete(authThrottle)));

describe('enrolling an authenticator app', () => {
  it('shows a local QR code, seals the secret, and turns it on only with a right first code', async () => {
    const s = await signIn(org.users.compliance.id);
    const caller = callerOf(s);
    const started = await caller.account.startTotp();
    expect(started.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(started.uri).toContain(`secret=${started.secret}`);
    const [row] = await asOwner((tx) =>
      tx.select().from(userTotp).where(eq(userTotp.userId, s.userId)),
    );
    expect(row?.secretSealed).not.toContain(started.secret);
    expect(row?.confirmedAt).toBeNull();
    // The app role cannot read a TOTP secret even for its own user.
    expect(await databaseError(withUser(s.userId, (tx) => tx.select().from(userTotp)))).toMatch(
      /permission denied/,
    );

    expect(await codeOf(caller.account.confirmTotp({ code: '000000' }))).toBe('BAD_REQUEST');
    expect((await caller.account.security()).totp).toBe('pending');
    const done = await caller.account.confirmTotp({ code: totpCodeAt(started.secret, now()) });
    expect(done.recoveryCodes).toHaveLength(10);
    const security = await caller.account.security();
    expect(security).toMatchObject({ totp: 'enrolled', recoveryCodesLeft: 10 });
    // A second app is refused until the first is removed.
    expect(await codeOf(caller.account.startTotp())).toBe('CONFLICT');
    const entries = await actions(org.id);
    expect(entries.filter((e) => e.action === 'mfa.totp_enrolled')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(started.secret);
  });
});

describe('signing in with a second factor', () => {
  it('refuses every page, procedure and download to a password-only session until the code', async () => {
    const user = org.users.manager;
    const { secret } = await enrolTotp(await signIn(user.id));
    const pending = await signIn(user.id);
    expect(pending.mfaState).toBe('second_factor');
    // resolveSession is what the pages, the tRPC procedures and the download routes all ask.
    expect(await resolveSession(claimsOf(pending))).toBeNull();
    const caller = callerOf(pending);
    expect(await codeOf(caller.session.me())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller.overview.summary())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller.people.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(caller.members.acceptInvitationAsUser({ token: 'y'.repeat(43) }))).toBe(
      'UNAUTHORIZED',
    );
    // Nor may it add a factor of its own choosing (an attacker holding only the password).
    expect(await codeOf(caller.account.startTotp())).toBe('FORBIDDEN');
    expect(await codeOf(caller.account.passkeyRegistrationOptions())).toBe('FORBIDDEN');

    expect(await codeOf(caller.secondFactor.verifyCode({ code: '000000' }))).toBe('BAD_REQUEST');
    expect(await resolveSession(claimsOf(pending))).toBeNull();
    await caller.secondFactor.verifyCode({ code: totpCodeAt(secret, now() + 30) });
    expect((await resolveSession(claimsOf(pending)))?.active?.role).toBe('manager');
    expect(await codeOf(caller.overview.summary())).toBe('ok');
    // Done once: the step is closed to a complete session.
    expect(await codeOf(caller.secondFactor.verifyCode({ code: '123456' }))).toBe('FORBIDDEN');

    const entries = (await actions(org.id)).map((e) => e.action);
    expect(entries).toContain('auth.mfa_failed');
    expect(entries).toContain('auth.mfa_verified');
  });

  it('refuses the same code twice within its step (replay)', async () => {
    const user = org.users.auditor;
    const { secret } = await enrolTotp(await signIn(user.id));
    const code = totpCodeAt(secret, now() + 30);
    const first = await signIn(user.id);
    await callerOf(first).secondFactor.verifyCode({ code });
    const second = await signIn(user.id);
    const refused = await callerOf(second)
      .secondFactor.verifyCode({ code })
      .catch((e: TRPCError) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toMatch(/already used/);
    expect(await resolveSession(claimsOf(second))).toBeNull();
    const failed = (await actions(org.id)).filter((e) => e.action === 'auth.mfa_failed').at(-1);
    expect(failed?.after).toMatchObject({ method: 'totp', reason: 'replayed' });
  });

  it('accepts each recovery code once and records its use', async () => {
    const user = other.users.compliance;
    const { recoveryCodes } = await enrolTotp(await signIn(user.id));
    const code = recoveryCodes![3]!;
    const first = await signIn(user.id);
    await callerOf(first, other.id).secondFactor.verifyCode({ code: code.toUpperCase() });
    expect(await resolveSession({ ...claimsOf(first), orgId: other.id })).not.toBeNull();
    const again = await signIn(user.id);
    expect(await codeOf(callerOf(again, other.id).secondFactor.verifyCode({ code }))).toBe(
      'BAD_REQUEST',
    );
    const entries = await actions(other.id);
    expect(entries.find((e) => e.action === 'mfa.recovery_code_used')?.after).toEqual({
      remaining: 9,
    });
    expect(JSON.stringify(entries)).not.toContain(code);

    // New codes replace the old ones, audited.
    const fresh = await callerOf(first, other.id).account.regenerateRecoveryCodes();
    expect(fresh.codes).toHaveLength(10);
    const third = await signIn(user.id);
    expect(
      await codeOf(callerOf(third, other.id).secondFactor.verifyCode({ code: recoveryCodes![0]! })),
    ).toBe('BAD_REQUEST');
    await callerOf(third, other.id).secondFactor.verifyCode({ code: fresh.codes[0]! });
    expect((await actions(other.id)).map((e) => e.action)).toContain(
      'mfa.recovery_codes_regenerated',
    );
  });

  it('limits the codes a user may try', async () => {
    const user = other.users.manager;
    await enrolTotp(await signIn(user.id));
    await asOwner((tx) => tx.delete(authThrottle));
    const pending = callerOf(await signIn(user.id), other.id);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(await codeOf(pending.secondFactor.verifyCode({ code: 'zzzz-zzzz-zzzz-zzzz' })));
    expect(codes.slice(0, 10).every((c) => c === 'BAD_REQUEST')).toBe(true);
    expect(codes[10]).toBe('TOO_MANY_REQUESTS');
  });
});

describe('the organization policy', () => {
  it('sends a member who must but has not enrolled to enrolment, and nowhere else', async () => {
    const admin = callerOf(await signIn(other.users.admin.id), other.id);
    expect(
      await codeOf(
        callerOf(await signIn(other.users.auditor.id), other.id).organization.setMfaPolicy({
          policy: 'all',
        }),
      ),
    ).toBe('FORBIDDEN');
    await admin.organization.setMfaPolicy({ policy: 'all' });
    expect(await admin.organization.mfaPolicy()).toBe('all');
    const changed = (await actions(other.id)).find((e) => e.action === 'org.mfa_policy_changed');
    expect(changed?.after).toEqual({ policy: 'all' });

    const user = other.users.auditor;
    const s = await signIn(user.id);
    expect(s.mfaState).toBe('enrolment');
    const caller = callerOf(s, other.id);
    expect(await resolveSession({ ...claimsOf(s), orgId: other.id })).toBeNull();
    expect(await codeOf(caller.overview.summary())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller.secondFactor.verifyCode({ code: '123456' }))).toBe('FORBIDDEN');
    expect((await caller.account.security()).required).toBe(true);
    const { secret } = await caller.account.startTotp();
    await caller.account.confirmTotp({ code: totpCodeAt(secret, now()) });
    expect(await codeOf(caller.overview.summary())).toBe('ok');
    // The last factor cannot be removed while the policy requires one.
    expect(await codeOf(caller.account.removeTotp())).toBe('PRECONDITION_FAILED');

    // SSO sign-ins follow the identity provider.
    expect((await signIn(other.users.admin.id, 'oidc')).mfaState).toBe('complete');
    await admin.organization.setMfaPolicy({ policy: 'admins' });
    expect((await signIn(other.users.admin.id)).mfaState).toBe('enrolment');
    await admin.organization.setMfaPolicy({ policy: 'none' });
  });

  it('lets an admin reset a member’s factors, which ends their sessions (audited)', async () => {
    const adminSession = await signIn(org.users.admin.id);
    const admin = callerOf(adminSession);
    const user = org.users.compliance; // enrolled in the first test
    const live = await signIn(user.id);
    expect(live.mfaState).toBe('second_factor');
    expect((await admin.members.list()).members.find((m) => m.userId === user.id)?.mfa).toBe(true);
    expect(await codeOf(admin.members.resetMfa({ userId: org.users.admin.id }))).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await codeOf(admin.members.resetMfa({ userId: other.users.admin.id }))).toBe(
      'NOT_FOUND',
    );
    await admin.members.resetMfa({ userId: user.id });
    expect(await codeOf(callerOf(live).secondFactor.verifyCode({ code: '123456' }))).toBe(
      'UNAUTHORIZED',
    );
    const after = await signIn(user.id);
    expect(after.mfaState).toBe('complete');
    expect((await admin.members.list()).members.find((m) => m.userId === user.id)?.mfa).toBe(false);
    const reset = (await actions(org.id)).find((e) => e.action === 'member.mfa_reset');
    expect(reset?.after).toMatchObject({ totpRemoved: true });
    const rows = await asOwner((tx) =>
      tx
        .select()
        .from(userTotp)
        .where(and(eq(userTotp.userId, user.id))),
    );
    expect(rows).toEqual([]);
  });
});

describe('passkeys', () => {
  it('registers a named passkey and signs in with it, once per challenge', async () => {
    const user = other.users.admin;
    const device = new SoftAuthenticator('localhost', 'http://localhost:3400');
    const s = await signIn(user.id);
    const caller = callerOf(s, other.id);
    const options = await caller.account.passkeyRegistrationOptions();
    expect(options.rp.id).toBe('localhost');
    // A response to another challenge, or from another origin, is refused.
    expect(
      await codeOf(
        caller.account.registerPasskey({ name: 'Laptop', response: device.register('bm9wZQ') }),
      ),
    ).toBe('BAD_REQUEST');
    const again = await caller.account.passkeyRegistrationOptions();
    const added = await caller.account.registerPasskey({
      name: 'Laptop',
      response: device.register(again.challenge),
    });
    expect(added.recoveryCodes).toHaveLength(10);
    expect((await caller.account.security()).passkeys.map((p) => p.name)).toEqual(['Laptop']);

    const pending = await signIn(user.id);
    expect(pending.mfaState).toBe('second_factor');
    const step = callerOf(pending, other.id);
    const signInOptions = await step.secondFactor.passkeyOptions();
    expect(signInOptions.allowCredentials?.map((c) => c.id)).toEqual([
      device.credentialId.toString('base64url'),
    ]);
    // Another authenticator's answer (unknown credential) is refused and audited.
    const stranger = new SoftAuthenticator('localhost', 'http://localhost:3400');
    expect(
      await codeOf(
        step.secondFactor.verifyPasskey({ response: stranger.assert(signInOptions.challenge) }),
      ),
    ).toBe('BAD_REQUEST');
    const fresh = await step.secondFactor.passkeyOptions();
    const answer = device.assert(fresh.challenge);
    await step.secondFactor.verifyPasskey({ response: answer });
    expect(await resolveSession({ ...claimsOf(pending), orgId: other.id })).not.toBeNull();

    // The same answer again, in a new pending session: its challenge is spent.
    const replay = await signIn(user.id);
    const replayStep = callerOf(replay, other.id);
    await replayStep.secondFactor.passkeyOptions();
    expect(await codeOf(replayStep.secondFactor.verifyPasskey({ response: answer }))).toBe(
      'BAD_REQUEST',
    );
    expect(await resolveSession({ ...claimsOf(replay), orgId: other.id })).toBeNull();

    const entries = await actions(other.id);
    expect(entries.find((e) => e.action === 'mfa.passkey_added')?.after).toMatchObject({
      name: 'Laptop',
    });
    expect(entries.filter((e) => e.action === 'auth.mfa_verified').at(-1)?.after).toMatchObject({
      method: 'passkey',
      name: 'Laptop',
    });

    // Removed from a complete session; the account then has no factor and no codes.
    const [passkey] = (await caller.account.security()).passkeys;
    await caller.account.removePasskey({ passkeyId: passkey!.id });
    expect(await caller.account.security()).toMatchObject({ passkeys: [], recoveryCodesLeft: 0 });
    expect((await signIn(user.id)).mfaState).toBe('complete');
  });
});
