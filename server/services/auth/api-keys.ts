import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { apiKeys, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { CreateApiKeyInput, RevokeApiKeyInput } from '@/server/domain/auth/inputs';
import { generateApiKey } from '@/server/domain/auth/secrets';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
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

/** Returns the key itself exactly once; only its hash is stored. */
export async function createApiKey(
  actor: OrgActor,
  { name, scopes, expiresInDays }: CreateApiKeyInput,
) {
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

export async function revokeApiKey(actor: OrgActor, { id }: RevokeApiKeyInput) {
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
