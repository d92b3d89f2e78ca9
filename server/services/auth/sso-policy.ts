import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, organizations, userSessions, users } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import {
  passwordRefusedBySso,
  ssoPolicyRefusal,
  type SsoPolicyInput,
} from '@/server/domain/auth/sso';
import { getEnv, oidcEnabled, samlEnabled } from '@/server/env';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

function ssoConfigured(): boolean {
  const env = getEnv();
  return oidcEnabled(env) || samlEnabled(env);
}

/**
 * Password sign-in with the right password, for a user some of whose organizations require SSO
 * of them (docs/SECURITY.md §Require SSO): refused and audited in each such organization.
 */
export async function ssoRefusesPassword(
  tx: Tx,
  user: { id: string; email: string },
  orgIds: string[],
  meta: RequestMeta,
): Promise<boolean> {
  if (orgIds.length === 0) return false;
  const orgs = await tx
    .select({
      id: organizations.id,
      ssoRequired: organizations.ssoRequired,
      breakGlassUserId: organizations.ssoBreakGlassUserId,
    })
    .from(organizations)
    .where(inArray(organizations.id, orgIds));
  if (!passwordRefusedBySso(user.id, orgs)) return false;
  for (const org of orgs.filter((o) => o.ssoRequired && o.breakGlassUserId !== user.id)) {
    await setTenant(tx, org.id);
    await appendAudit(tx, {
      orgId: org.id,
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'auth.sign_in_refused_sso_required',
      entityType: 'user',
      entityId: user.id,
      ...meta,
    });
  }
  return true;
}

export interface SsoPolicyView {
  required: boolean;
  breakGlassUserId: string | null;
  ssoConfigured: boolean;
  /** Active admins, the members who may be named for break-glass. */
  admins: { userId: string; name: string; email: string }[];
}

export async function getSsoPolicy(actor: OrgActor): Promise<SsoPolicyView> {
  return withTenant(tenantOf(actor), async (tx) => {
    const [org] = await tx
      .select({
        required: organizations.ssoRequired,
        breakGlassUserId: organizations.ssoBreakGlassUserId,
      })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId));
    if (!org) throw new Error('active organization not found');
    const admins = await tx
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.orgId, actor.orgId),
          eq(memberships.role, 'admin'),
          eq(memberships.status, 'active'),
        ),
      )
      .orderBy(users.name);
    return { ...org, ssoConfigured: ssoConfigured(), admins };
  });
}

/**
 * Sets require-SSO and the break-glass admin. Turning the requirement on also ends the password
 * sessions of everyone it now binds, so no password session outlives the policy. Runs on the
 * privileged path because sessions are not the app role's to revoke (docs/SECURITY.md).
 */
export async function setSsoPolicy(actor: OrgActor, input: SsoPolicyInput) {
  return withSystem(async (tx) => {
    const [before] = await tx
      .select({
        required: organizations.ssoRequired,
        breakGlassUserId: organizations.ssoBreakGlassUserId,
      })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .for('update');
    if (!before) throw new Error('active organization not found');
    const [breakGlass] = input.breakGlassUserId
      ? await tx
          .select({
            userId: memberships.userId,
            role: memberships.role,
            status: memberships.status,
          })
          .from(memberships)
          .where(
            and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.breakGlassUserId)),
          )
      : [];
    const refusal = ssoPolicyRefusal(input, {
      ssoConfigured: ssoConfigured(),
      breakGlass: breakGlass ?? null,
    });
    if (refusal) throw new UserFacingError('PRECONDITION_FAILED', refusal);
    await tx
      .update(organizations)
      .set({ ssoRequired: input.required, ssoBreakGlassUserId: input.breakGlassUserId })
      .where(eq(organizations.id, actor.orgId));
    let endedSessions = 0;
    if (input.required) {
      const bound = tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.orgId, actor.orgId));
      const ended = await tx
        .update(userSessions)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(userSessions.method, 'password'),
            isNull(userSessions.revokedAt),
            inArray(userSessions.userId, bound),
            ne(userSessions.userId, input.breakGlassUserId ?? actor.userId),
          ),
        )
        .returning({ id: userSessions.id });
      endedSessions = ended.length;
    }
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'org.sso_policy_updated',
      entityType: 'organization',
      entityId: actor.orgId,
      before,
      after: { ...input, endedPasswordSessions: endedSessions },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { required: input.required, breakGlassUserId: input.breakGlassUserId, endedSessions };
  }, tenantOf(actor));
}
