import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '@/db/schema';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { authenticateApiKey } from '@/server/services/auth/api-key-check';
import { createApiKey, listApiKeys, revokeApiKey } from '@/server/services/auth/api-keys';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('keys');
});
afterAll(() => teardown());

describe('API keys', () => {
  it('stores only a hash, authenticates by scope, and records last use', async () => {
    const created = await createApiKey(
      actorFor(org, 'admin'),
      createApiKeySchema.parse({
        name: 'Forwarder',
        scopes: ['ingest', 'ingest'],
      }),
    );
    expect(created.scopes).toEqual(['ingest']);
    const [row] = await asOwner((tx) =>
      tx.select().from(apiKeys).where(eq(apiKeys.id, created.id)),
    );
    expect(JSON.stringify(row)).not.toContain(created.key.slice(17));
    expect(await authenticateApiKey(created.key, 'ingest')).toMatchObject({
      orgId: org.id,
      keyId: created.id,
    });
    expect(await authenticateApiKey(created.key, 'read')).toBeNull();
    expect(await authenticateApiKey(`${created.key.slice(0, -1)}x`, 'ingest')).toBeNull();
    expect(await authenticateApiKey('garbage', 'ingest')).toBeNull();
    const listed = await listApiKeys(actorFor(org, 'auditor'));
    expect(listed[0]).toMatchObject({ name: 'Forwarder', createdBy: 'admin@keys.test' });
    expect(listed[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('stops working when revoked or expired', async () => {
    const created = await createApiKey(
      actorFor(org, 'admin'),
      createApiKeySchema.parse({
        name: 'Short-lived',
        scopes: ['read'],
        expiresInDays: 1,
      }),
    );
    expect(await authenticateApiKey(created.key, 'read')).not.toBeNull();
    await asOwner((tx) =>
      tx
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1) })
        .where(eq(apiKeys.id, created.id)),
    );
    expect(await authenticateApiKey(created.key, 'read')).toBeNull();
    const other = await createApiKey(
      actorFor(org, 'admin'),
      createApiKeySchema.parse({
        name: 'Revoked',
        scopes: ['read'],
        expiresInDays: null,
      }),
    );
    await revokeApiKey(actorFor(org, 'admin'), { id: other.id });
    expect(await authenticateApiKey(other.key, 'read')).toBeNull();
    await expect(revokeApiKey(actorFor(org, 'admin'), { id: other.id })).rejects.toThrow(
      /No active API key/,
    );
  });

  it('rejects bad input and writes nothing', async () => {
    const before = (await listApiKeys(actorFor(org, 'admin'))).length;
    expect(() => createApiKeySchema.parse({ name: 'x', scopes: ['ingest'] })).toThrow();
    expect(() => createApiKeySchema.parse({ name: 'No scopes', scopes: [] })).toThrow();
    expect(() => createApiKeySchema.parse({ name: 'Bad scope', scopes: ['admin'] })).toThrow();
    expect((await listApiKeys(actorFor(org, 'admin'))).length).toBe(before);
  });
});
