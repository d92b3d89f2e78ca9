import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import type { ApiKeyScope } from '@/server/domain/auth/secrets';
import { systemInputSchema } from '@/server/domain/inventory/inputs';
import { SCIM } from '@/server/domain/scim/protocol';
import { createApiKey } from '@/server/services/auth/api-keys';
import { createSystem } from '@/server/services/inventory/system-commands';
import { rawRows } from './db';
import { actorFor, createTestOrg, type TestOrg } from './fixtures';
import { scimRequest, type ScimAnswer } from './scim-client';

export interface ScimWorld {
  a: TestOrg;
  b: TestOrg;
  /** Org A's scim key (and its id), org B's scim key, and an org A key without the scope. */
  keys: { a: string; aId: string; b: string; read: string };
  /** Org A's system whose grants the leaver tests revoke. */
  systemId: string;
}

async function key(org: TestOrg, scopes: ApiKeyScope[]) {
  return createApiKey(
    actorFor(org, 'admin'),
    createApiKeySchema.parse({ name: `idp ${randomBytes(3).toString('hex')}`, scopes }),
  );
}

/** Two organizations (names shown), each with a scim key, and a system to hold grants in A. */
export async function createScimWorld(prefix: string): Promise<ScimWorld> {
  const a = await createTestOrg(`${prefix}a`, { pseudonymize: false });
  const b = await createTestOrg(`${prefix}b`, { pseudonymize: false });
  const made = await key(a, ['scim']);
  const system = await createSystem(
    actorFor(a, 'admin'),
    systemInputSchema.parse({
      name: 'Payments',
      privileges: [{ name: 'admin', sensitivity: 'high' }],
    }),
  );
  return {
    a,
    b,
    keys: {
      a: made.key,
      aId: made.id,
      b: (await key(b, ['scim'])).key,
      read: (await key(a, ['read', 'ingest'])).key,
    },
    systemId: system.id,
  };
}

/** A request with org A's key unless another (or none) is given. */
export const scimCall =
  (world: () => ScimWorld) =>
  (method: string, path: string, body?: unknown, key: string | null = world().keys.a) =>
    scimRequest(method, path, { key, body });

export function expectScimError(answer: ScimAnswer, status: number, scimType?: string) {
  expect(answer.type).toMatch(/^application\/scim\+json/);
  expect(answer.status).toBe(status);
  expect(answer.body.schemas).toEqual([SCIM.error]);
  expect(answer.body.status).toBe(String(status));
  expect(typeof answer.body.detail).toBe('string');
  if (scimType) expect(answer.body.scimType).toBe(scimType);
}

export async function personRow(id: string) {
  const [row] = await rawRows<Record<string, unknown>>(
    sql`select email, full_name, title, department, manager_id, end_date::text as end_date, type
        from people where id = ${id}`,
  );
  return row!;
}

/** An active grant on the world's system for the person, as an approved request would leave it. */
export async function grantTo(world: ScimWorld, personId: string) {
  await rawRows(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification)
    select ${world.a.id}, ${personId}, ${world.systemId}, p.id, 'active', 'import', 'seed'
    from privileges p where p.org_id = ${world.a.id} and p.system_id = ${world.systemId}`);
}

export async function grantStatuses(personId: string) {
  const rows = await rawRows<{ status: string }>(
    sql`select status from access_grants where person_id = ${personId} order by created_at`,
  );
  return rows.map((r) => r.status);
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: [SCIM.patch], Operations });
