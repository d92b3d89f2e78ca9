import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { authThrottle, memberships, organizations, userSessions, users } from '@/db/schema';
import { setTenant, withSystem, withUser } from '@/db/tenant';
import { checkPassword } from '@/server/auth/password-hash';
import type { Credentials } from '@/server/domain/auth/inputs';
import { isLockedOut } from '@/server/domain/auth/password';
import type { SignInMethod } from '@/server/domain/auth/sso';
import type { SessionMfaState } from '@/server/domain/mfa/policy';
import type { Role } from '@/server/domain/tenancy/roles';
import { getEnv } from '@/server/env';
import { appendAudit } from '@/server/services/audit/log';
import { PENDING_SESSION_MINUTES, sessionStateFor } from '@/server/services/mfa/session-state';
import type { RequestMeta } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { ssoRefusesPassword } from './sso-policy';

// Sign-in throttles: per source address and per account, one-minute fixed windows.
const IP_LIMIT_PER_MINUTE = 30;
// Attempts whose address cannot be known (no trusted proxy) share one larger bucket.
const UNKNOWN_IP_LIMIT_PER_MINUTE = 300;
const EMAIL_LIMIT_PER_MINUTE = 10;
/** The id an unknown email's failure is recorded against: no user has it, so nothing changes. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; orgId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled' | 'no_membership' | 'sso_required' };

/** Counts an attempt in a fixed window and returns the count so far (set-based, race-free). */
async function countAttempt(tx: Tx, key: string, windowSeconds: number): Promise<number> {
  const rows = await tx.execute(sql`
    insert into ${authThrottle} (key, window_started_at, attempts) values (${key}, now(), 1)
    on conflict (key) do update set
      attempts = case when ${authThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})
                      then 1 else ${authThrottle.attempts} + 1 end,
      window_started_at = case when ${authThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})
                      then now() else ${authThrottle.windowStartedAt} end
    returning attempts`);
  return Number(rowsOf<{ attempts: number }>(rows)[0]?.attempts ?? 0);
}

async function activeOrgIdsOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(
      sql`${memberships.lastUsedAt} desc nulls last`,
      asc(memberships.createdAt),
      asc(memberships.orgId),
    );
  return rows.map((r) => r.orgId);
}

async function markOrganizationUsed(tx: Tx, userId: string, orgId: string): Promise<void> {
  await setTenant(tx, orgId);
  await tx
    .update(memberships)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

/** The organization a member switched to becomes the one their next sign-in opens. */
export async function recordOrganizationSwitch(userId: string, orgId: string): Promise<void> {
  await withSystem((tx) => markOrganizationUsed(tx, userId, orgId), { userId });
}

export async function signInWithPassword(
  { email, password }: Credentials,
  meta: RequestMeta,
): Promise<SignInResult> {
  const env = getEnv();

  const found = await withSystem(async (tx) => {
    const ipCount = await countAttempt(tx, meta.ip ? `ip:${meta.ip}` : 'ip:unknown', 60);
    const emailCount = await countAttempt(tx, `email:${email}`, 60);
    const throttled =
      ipCount > (meta.ip ? IP_LIMIT_PER_MINUTE : UNKNOWN_IP_LIMIT_PER_MINUTE) ||
      emailCount > EMAIL_LIMIT_PER_MINUTE;
    const [user] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    return { throttled, user };
  });
  if (found.throttled) return { ok: false, reason: 'throttled' };

  // Equal work whatever the account (docs/SECURITY.md §F5): one argon2 verification (against a
  // dummy hash when there is none to check), then the same transaction with the same statements;
  // an unknown email runs them against an id no row has.
  const user = found.user;
  const now = new Date();
  const locked = user !== undefined && isLockedOut(user, now);
  const valid = await checkPassword(user && !locked ? user.passwordHash : null, password);
  const subject = user?.id ?? NO_USER;
  const actor = { type: 'user' as const, id: subject, label: user?.email ?? email };

  return withSystem(
    async (tx): Promise<SignInResult> => {
      const orgIds = await activeOrgIdsOf(tx, subject);
      if (!valid || !user) {
        // Every failure commits a write, so the commit waits for the log flush on both paths:
        // the attempt's own throttle row, rewritten unchanged (an unknown email has no other).
        await tx.execute(
          sql`update ${authThrottle} set attempts = ${authThrottle.attempts} where key = ${`email:${email}`}`,
        );
        // One statement, so parallel guesses cannot each start from the same stale count; an
        // account already locked is not counted again (its lock is not extended).
        const [counted] = await tx
          .update(users)
          .set({
            failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${env.LOGIN_MAX_FAILURES} then 0 else ${users.failedLoginCount} + 1 end`,
            lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${env.LOGIN_MAX_FAILURES} then now() + make_interval(mins => ${env.LOGIN_LOCKOUT_MINUTES}) else ${users.lockedUntil} end`,
          })
          .where(
            and(
              eq(users.id, subject),
              sql`(${users.lockedUntil} is null or ${users.lockedUntil} <= now())`,
            ),
          )
          .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
        // Locked before this attempt (seen here or by the update), or locked by it.
        const wasLocked = locked || (user !== undefined && counted === undefined);
        const lockedNow = counted?.failedLoginCount === 0;
        for (const orgId of orgIds) {
          await setTenant(tx, orgId);
          await appendAudit(tx, {
            orgId,
            actor,
            action: wasLocked ? 'auth.sign_in_refused_locked' : 'auth.sign_in_failed',
            entityType: 'user',
            entityId: subject,
            ...meta,
          });
          if (lockedNow) {
            await appendAudit(tx, {
              orgId,
              actor,
              action: 'auth.locked_out',
              entityType: 'user',
              entityId: subject,
              after: { lockedUntil: counted?.lockedUntil ?? null },
              ...meta,
            });
          }
        }
        return { ok: false, reason: wasLocked || lockedNow ? 'locked' : 'invalid' };
      }
      const orgId = orgIds[0];
      if (!orgId) return { ok: false, reason: 'no_membership' };
      // Checked only after the right password, so the refusal tells a guesser nothing.
      if (await ssoRefusesPassword(tx, { id: user.id, email: user.email }, orgIds, meta))
        return { ok: false, reason: 'sso_required' };
      await tx
        .update(users)
        .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now })
        .where(eq(users.id, user.id));
      await markOrganizationUsed(tx, user.id, orgId);
      await appendAudit(tx, {
        orgId,
        actor,
        action: 'auth.sign_in',
        entityType: 'user',
        entityId: user.id,
        ...meta,
      });
      return { ok: true, user: { id: user.id, email: user.email, name: user.name }, orgId };
    },
    { userId: subject },
  );
}

/**
 * SSO: the identity provider vouches for the email, and Vigil links it only to an account whose
 * email was vouched for here too (never to one created from an invitation link, which the
 * inviter also saw). Vigil still requires an active membership.
 */
export async function signInWithSso(
  email: string,
  meta: RequestMeta,
  method: Exclude<SignInMethod, 'password'> = 'oidc',
): Promise<SignInResult> {
  return withSystem(async (tx): Promise<SignInResult> => {
    const [user] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    if (!user || !user.emailVerifiedAt) return { ok: false, reason: 'invalid' };
    await tx.execute(sql`select set_config('app.user_id', ${user.id}, true)`);
    const orgId = (await activeOrgIdsOf(tx, user.id))[0];
    if (!orgId) return { ok: false, reason: 'no_membership' };
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await markOrganizationUsed(tx, user.id, orgId);
    await appendAudit(tx, {
      orgId,
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'auth.sign_in_sso',
      entityType: 'user',
      entityId: user.id,
      after: { method },
      ...meta,
    });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name }, orgId };
  });
}

export async function recordSignOut(
  userId: string,
  orgId: string,
  meta: RequestMeta,
): Promise<void> {
  await withSystem(
    async (tx) => {
      const [user] = await tx
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, userId));
      if (!user) return;
      await appendAudit(tx, {
        orgId,
        actor: { type: 'user', id: userId, label: user.email },
        action: 'auth.sign_out',
        entityType: 'user',
        entityId: userId,
        ...meta,
      });
    },
    { orgId, userId },
  );
}

export interface MembershipView {
  orgId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface SessionView {
  user: { id: string; email: string; name: string };
  memberships: MembershipView[];
  active: MembershipView | null;
}

export interface SessionClaims {
  userId: string;
  orgId: string | null;
  sessionVersion: number;
  sessionId: string;
}

/**
 * Starts a server-side session record for a successful sign-in; the JWT carries its id. A password
 * sign-in by a user with a second factor (or one their organization requires) starts pending and
 * short-lived: `resolveSession` refuses it until the second step completes it.
 */
export async function startUserSession(
  userId: string,
  method: SignInMethod = 'password',
): Promise<{ sessionId: string; sessionVersion: number; mfaState: SessionMfaState }> {
  const maxAgeMs = getEnv().SESSION_MAX_AGE_HOURS * 3_600_000;
  return withSystem(
    async (tx) => {
      // The user's id is set so memberships (forced row-level security) are visible to the policy
      // check even when the owner role is not a superuser.
      const mfaState = await sessionStateFor(
        tx,
        userId,
        method === 'password' ? 'password' : 'sso',
      );
      const lifeMs = mfaState === 'complete' ? maxAgeMs : PENDING_SESSION_MINUTES * 60_000;
      const [row] = await tx
        .insert(userSessions)
        .values({ userId, method, mfaState, expiresAt: new Date(Date.now() + lifeMs) })
        .returning({ id: userSessions.id });
      const [user] = await tx
        .select({ v: users.sessionVersion })
        .from(users)
        .where(eq(users.id, userId));
      if (!row || !user) throw new Error('session start failed');
      return { sessionId: row.id, sessionVersion: user.v, mfaState };
    },
    { userId },
  );
}

/** Sign-out: the session id stops working at once, wherever the cookie has been copied to. */
export async function endUserSession(sessionId: string): Promise<void> {
  await withSystem((tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt))),
  );
}

/**
 * What a session may do right now, read fresh on every request so sign-out, a role change, a
 * disabled membership or a credential change takes effect at once (session rotation on
 * privilege change).
 */
export async function resolveSession(claims: SessionClaims): Promise<SessionView | null> {
  const { userId, orgId, sessionVersion, sessionId } = claims;
  return withUser(userId, async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .innerJoin(
        userSessions,
        and(
          eq(userSessions.userId, users.id),
          eq(userSessions.id, sessionId),
          isNull(userSessions.revokedAt),
          gt(userSessions.expiresAt, sql`now()`),
          // A session still waiting for its second factor (or a required enrolment) resolves to
          // nothing here, so no page, procedure or download can use it.
          eq(userSessions.mfaState, 'complete'),
        ),
      )
      .where(eq(users.id, userId));
    if (!user || user.sessionVersion !== sessionVersion) return null;
    const rows = await tx
      .select({
        orgId: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .orderBy(asc(organizations.name));
    if (rows.length === 0) return null;
    const active = rows.find((m) => m.orgId === orgId) ?? null;
    return { user: { id: user.id, email: user.email, name: user.name }, memberships: rows, active };
  });
}
