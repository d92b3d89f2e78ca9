import { and, eq, sql } from 'drizzle-orm';
import { apiKeys } from '@/db/schema';
import { setTenant, withSystem } from '@/db/tenant';
import { parseApiKey, secretMatches, type ApiKeyScope } from '@/server/domain/auth/secrets';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';

export interface ApiKeyPrincipal {
  orgId: string;
  keyId: string;
  name: string;
  prefix: string;
}

/** How a request authenticated by an API key appears in the audit log (never the secret). */
export function apiKeyActor(principal: ApiKeyPrincipal): AuditActor {
  return { type: 'api_key', id: principal.keyId, label: `${principal.name} (${principal.prefix})` };
}

/** 401 for any key that is not a live key (one answer for all), 403 for a live key without the scope. */
export type ApiKeyCheck =
  | { ok: true; principal: ApiKeyPrincipal }
  | { ok: false; refusal: 'unauthenticated' | 'forbidden' };

type KeyProblem = 'wrong_secret' | 'revoked' | 'expired' | 'missing_scope';

/**
 * Checks a presented key for a scope. Unknown, wrong, revoked and expired keys all answer
 * `unauthenticated`; a live key without the scope answers `forbidden`. A refusal that names a real
 * key (by its public prefix) is audited in that key's organization (docs/INTERFACES.md §API keys);
 * the presented value never is. Last-used time is written at most once a minute.
 */
export async function checkApiKey(
  presented: string,
  scope: ApiKeyScope,
  meta: RequestMeta,
): Promise<ApiKeyCheck> {
  const parsed = parseApiKey(presented);
  if (!parsed) return { ok: false, refusal: 'unauthenticated' };
  return withSystem(async (tx): Promise<ApiKeyCheck> => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.prefix, parsed.prefix));
    if (!row) return { ok: false, refusal: 'unauthenticated' };
    const now = new Date();
    const principal = { orgId: row.orgId, keyId: row.id, name: row.name, prefix: row.prefix };
    // The hash comparison runs first and always, so the answer's timing says nothing about state.
    const problem: KeyProblem | null = !secretMatches(presented.trim(), row.secretHash)
      ? 'wrong_secret'
      : row.revokedAt
        ? 'revoked'
        : row.expiresAt && row.expiresAt <= now
          ? 'expired'
          : !row.scopes.includes(scope)
            ? 'missing_scope'
            : null;
    await setTenant(tx, row.orgId);
    if (problem) {
      await appendAudit(tx, {
        orgId: row.orgId,
        // Whoever holds a wrong secret is not the key; a live key lacking the scope is.
        actor:
          problem === 'missing_scope'
            ? apiKeyActor(principal)
            : { type: 'anonymous', id: null, label: meta.ip ?? 'unknown address' },
        action: 'api_key.refused',
        entityType: 'api_key',
        entityId: row.id,
        after: { reason: problem, scope },
        requestId: meta.requestId,
        ip: meta.ip,
      });
      return { ok: false, refusal: problem === 'missing_scope' ? 'forbidden' : 'unauthenticated' };
    }
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.orgId, row.orgId),
          eq(apiKeys.id, row.id),
          sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
        ),
      );
    return { ok: true, principal };
  });
}

/** The principal of a live key holding `scope`, or null for every kind of refusal. */
export async function authenticateApiKey(
  presented: string,
  scope: ApiKeyScope,
  meta: RequestMeta = { requestId: null, ip: null },
): Promise<ApiKeyPrincipal | null> {
  const check = await checkApiKey(presented, scope, meta);
  return check.ok ? check.principal : null;
}
