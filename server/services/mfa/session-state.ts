import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  memberships,
  organizations,
  userPasskeys,
  userSessions,
  userTotp,
  users,
} from '@/db/schema';
import { withSystem } from '@/db/tenant';
import {
  readMfaPolicy,
  sessionStateAtSignIn,
  type SessionMfaState,
  type SignInMethod,
} from '@/server/domain/mfa/policy';
import type { Role } from '@/server/domain/tenancy/roles';
import type { RequestMeta } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** A pending session has this long to pass the second step (docs/SECURITY.md §Authentication). */
export const PENDING_SESSION_MINUTES = 10;
const CHALLENGE_MINUTES = 5;

/** The signed-in user acting on their own account (their factors), whatever organization. */
export interface AccountActor extends RequestMeta {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  mfaState: SessionMfaState;
}

export interface AccountClaims {
  userId: string;
  sessionVersion: number;
  sessionId: string;
}

export async function hasSecondFactor(tx: Tx, userId: string): Promise<boolean> {
  const [totp] = await tx
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  if (totp) return true;
  const [passkey] = await tx
    .select({ id: userPasskeys.id })
    .from(userPasskeys)
    .where(eq(userPasskeys.userId, userId))
    .limit(1);
  return Boolean(passkey);
}

/** Roles and the organization's policy for each active membership of the user. */
export async function policiesOf(
  tx: Tx,
  userId: string,
): Promise<{ orgId: string; role: Role; policy: ReturnType<typeof readMfaPolicy> }[]> {
  const rows = await tx
    .select({ orgId: memberships.orgId, role: memberships.role, policy: organizations.mfaPolicy })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')));
  return rows.map((r) => ({ ...r, policy: readMfaPolicy(r.policy) }));
}

/**
 * The state a new session starts in, decided inside the transaction that creates it: a password
 * sign-in by a user with a second factor always starts pending, whoever calls this.
 */
export async function sessionStateFor(
  tx: Tx,
  userId: string,
  method: SignInMethod,
): Promise<SessionMfaState> {
  if (method === 'sso') return 'complete';
  // One round trip: every sign-in (and every test session) passes here.
  const rows = rowsOf<{ role: Role | null; policy: string | null; has_factor: boolean }>(
    await tx.execute(sql`
      select m.role, o.mfa_policy as policy,
        (exists (select 1 from ${userTotp} t where t.user_id = ${userId} and t.confirmed_at is not null)
         or exists (select 1 from ${userPasskeys} p where p.user_id = ${userId})) as has_factor
      from (select 1) as one
      left join ${memberships} m on m.user_id = ${userId} and m.status = 'active'
      left join ${organizations} o on o.id = m.org_id`),
  );
  return sessionStateAtSignIn({
    method,
    hasSecondFactor: Boolean(rows[0]?.has_factor),
    memberships: rows.flatMap((r) =>
      r.role ? [{ role: r.role, policy: readMfaPolicy(r.policy) }] : [],
    ),
  });
}

/**
 * The session behind a request as the account pages see it: live (not revoked, not expired,
 * credentials unchanged) in any MFA state. Pages and procedures of the product never use this;
 * they use `resolveSession`, which answers only for complete sessions.
 */
export async function resolveAccountSession(
  claims: AccountClaims,
  meta: RequestMeta,
): Promise<AccountActor | null> {
  return withSystem(
    async (tx) => {
      const [row] = await tx
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          sessionVersion: users.sessionVersion,
          mfaState: userSessions.mfaState,
        })
        .from(userSessions)
        .innerJoin(users, eq(users.id, userSessions.userId))
        .where(
          and(
            eq(userSessions.id, claims.sessionId),
            eq(userSessions.userId, claims.userId),
            isNull(userSessions.revokedAt),
            gt(userSessions.expiresAt, sql`now()`),
          ),
        );
      if (!row || row.sessionVersion !== claims.sessionVersion) return null;
      return {
        userId: row.userId,
        email: row.email,
        name: row.name,
        sessionId: claims.sessionId,
        mfaState: row.mfaState as SessionMfaState,
        ...meta,
      };
    },
    { userId: claims.userId },
  );
}

/** The second step passed (or the required enrolment done): the session gets its full life. */
export async function completeSession(tx: Tx, sessionId: string, maxAgeHours: number) {
  await tx
    .update(userSessions)
    .set({
      mfaState: 'complete',
      expiresAt: sql`now() + make_interval(hours => ${maxAgeHours})`,
      webauthnChallenge: null,
      webauthnChallengeExpiresAt: null,
    })
    .where(eq(userSessions.id, sessionId));
}

/** Remembers the WebAuthn challenge this session was given (one at a time, five minutes). */
export async function storeChallenge(sessionId: string, challenge: string): Promise<void> {
  await withSystem((tx) =>
    tx
      .update(userSessions)
      .set({
        webauthnChallenge: challenge,
        webauthnChallengeExpiresAt: sql`now() + make_interval(mins => ${CHALLENGE_MINUTES})`,
      })
      .where(eq(userSessions.id, sessionId)),
  );
}

/** Takes the session's challenge, so a response can be checked against it once only. */
export async function takeChallenge(tx: Tx, sessionId: string): Promise<string | null> {
  const [row] = await tx
    .select({
      challenge: userSessions.webauthnChallenge,
      live: sql<boolean>`${userSessions.webauthnChallengeExpiresAt} > now()`,
    })
    .from(userSessions)
    .where(eq(userSessions.id, sessionId))
    .for('update');
  await tx
    .update(userSessions)
    .set({ webauthnChallenge: null, webauthnChallengeExpiresAt: null })
    .where(eq(userSessions.id, sessionId));
  return row?.challenge && row.live ? row.challenge : null;
}
