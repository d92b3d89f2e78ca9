import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { apiKeys, users } from '@/db/schema';
import { setTenant, withSystem, withTenant } from '@/db/tenant';
import {
  apiKeyScopeSchema,
  generateApiKey,
  parseApiKey,
  secretMatches,
  type ApiKeyScope,
} from '@/server/domain/auth/secrets';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { appendAudit, userActor, type AuditActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';

export async function listApiKeys(actor: OrgActor) {
  const creator = alias(users, 'creator');
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        createdBy: creator.email,
        expiresAt: apiKeys.expiresAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .leftJoin(creator, eq(creator.id, apiKeys.createdBy))
      .where(eq(apiKeys.orgId, actor.orgId))
      .orderBy(desc(apiKeys.createdAt)),
  );
}

export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, 'Name is too short').max(80, 'Name is too long'),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Choose at least one scope')
    .max(2)
    .transform((s) => [...new Set(s)]),
  expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
});

/** Returns the key itself exactly once; only its hash is stored. */
export async function createApiKey(actor: OrgActor, input: z.input<typeof createApiKeySchema>) {
  const { name, scopes, expiresInDays } = createApiKeySchema.parse(input);
  const { key, prefix, hash } = generateApiKey();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        orgId: actor.orgId,
        name,
        prefix,
        secretHash: hash,
        scopes,
        createdBy: actor.userId,
        expiresAt,
      })
      .returning({ id: apiKeys.id });
    if (!row) throw new Error('api key insert returned nothing');
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      after: { name, prefix, scopes, expiresAt },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { id: row.id, key, prefix, name, scopes, expiresAt };
  });
}

export const revokeApiKeySchema = z.object({ id: z.uuid() });

export async function revokeApiKey(actor: OrgActor, input: z.input<typeof revokeApiKeySchema>) {
  const { id } = revokeApiKeySchema.parse(input);
  await withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(apiKeys.orgId, actor.orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw new UserFacingError('NOT_FOUND', 'No active API key with that id.');
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      before: row,
      requestId: actor.requestId,
      ip: actor.ip,
    });
  });
}

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
 * key (by its public prefix) is audited in that key's organization (spec/interfaces.md: a bad key
 * "is logged"); the presented value never is. Last-used time is written at most once a minute.
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
