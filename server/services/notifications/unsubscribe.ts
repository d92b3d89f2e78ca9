import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { getAuthSecret } from '@/server/auth/secret';
import { CATEGORY_INFO, effectiveSetting } from '@/server/domain/notifications/categories';
import type { UnsubscribeInput } from '@/server/domain/notifications/inputs';
import {
  verifyUnsubscribeToken,
  type UnsubscribeClaims,
} from '@/server/domain/notifications/unsubscribe-token';
import { appendAudit } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { storedPreferences, writeSetting } from './preferences';

// Malformed and expired links are bad requests (400); a well-formed link whose signature does not
// match was made by someone else (403).
const REFUSALS = {
  malformed: () => new UserFacingError('BAD_REQUEST', 'This unsubscribe link is not valid.'),
  expired: () =>
    new UserFacingError(
      'BAD_REQUEST',
      'This unsubscribe link has expired. Sign in and open Settings → Notifications instead.',
    ),
  forged: () => new UserFacingError('FORBIDDEN', 'This unsubscribe link was not issued by Vigil.'),
  gone: () =>
    new UserFacingError(
      'BAD_REQUEST',
      'This link is for a membership that no longer exists; nothing was changed.',
    ),
} as const;

/** The claims of a genuine, unexpired token; a refusal users can read otherwise. */
function claimsOf(token: string, now: Date): UnsubscribeClaims {
  const check = verifyUnsubscribeToken(getAuthSecret(), token, now);
  if (!check.ok) throw REFUSALS[check.reason]();
  return check.claims;
}

async function loadMember(tx: Tx, c: UnsubscribeClaims) {
  const [member] = await tx
    .select({
      role: memberships.role,
      email: users.email,
      orgName: organizations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.orgId, c.orgId), eq(memberships.userId, c.userId)));
  if (!member) throw REFUSALS.gone();
  const stored = await storedPreferences(tx, c.orgId, c.userId);
  return { ...member, setting: effectiveSetting(c.category, member.role, stored.get(c.category)) };
}

/** The member the token names, as the token holder's own page shows them. */
function scopeOf(c: UnsubscribeClaims) {
  return { orgId: c.orgId, userId: c.userId };
}

/**
 * What the public unsubscribe page shows before the click: whose mail, which organization and
 * category, and whether it is already off. Reads only; a bad link shows why.
 */
export async function describeUnsubscribe(token: string, now = new Date()) {
  try {
    const claims = claimsOf(token, now);
    const member = await withTenant(scopeOf(claims), (tx) => loadMember(tx, claims));
    return {
      state: 'ready' as const,
      email: member.email,
      orgName: member.orgName,
      category: claims.category,
      label: CATEGORY_INFO[claims.category].label,
      alreadyOff: member.setting === 'off',
    };
  } catch (error) {
    if (error instanceof UserFacingError)
      return { state: 'refused' as const, message: error.message };
    throw error;
  }
}

/**
 * The confirmed click: turns the token's category off for the member it names, without signing
 * in (the signed token is the credential and, sent in the POST body, the CSRF guard). Audited as
 * the member. Using the link again changes nothing and writes no second entry.
 */
export async function unsubscribeWithToken(
  { token }: UnsubscribeInput,
  meta: RequestMeta,
  now = new Date(),
) {
  const claims = claimsOf(token, now);
  return withTenant(scopeOf(claims), async (tx) => {
    const member = await loadMember(tx, claims);
    const label = CATEGORY_INFO[claims.category].label;
    if (member.setting === 'off') return { category: claims.category, label, changed: false };
    await writeSetting(tx, claims.orgId, claims.userId, member.role, claims.category, 'off', now);
    await appendAudit(tx, {
      orgId: claims.orgId,
      actor: { type: 'user', id: claims.userId, label: member.email },
      action: 'notification.unsubscribed',
      entityType: 'member',
      entityId: claims.userId,
      before: { [claims.category]: member.setting },
      after: { [claims.category]: 'off', via: 'unsubscribe link' },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return { category: claims.category, label, changed: true };
  });
}
