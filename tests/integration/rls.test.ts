import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeys,
  auditLog,
  chatConnections,
  chatDeliveries,
  memberships,
  notificationPreferences,
  organizations,
  users,
} from '@/db/schema';
import { withSystem, withTenant, withUser } from '@/db/tenant';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { createApiKey } from '@/server/services/auth/api-keys';
import { asOwner, databaseError, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('alpha');
  b = await createTestOrg('bravo');
  await createApiKey(
    actorFor(a, 'admin'),
    createApiKeySchema.parse({ name: 'alpha key', scopes: ['ingest'] }),
  );
  await createApiKey(
    actorFor(b, 'admin'),
    createApiKeySchema.parse({ name: 'bravo key', scopes: ['read'] }),
  );
});
afterAll(() => teardown());

describe('row-level security (the second wall)', () => {
  it('is enabled and forced on every table that carries org_id, and enabled on users and organizations', async () => {
    const rows = await rawRows<{
      table: string;
      has_org: boolean;
      rls: boolean;
      forced: boolean;
    }>(sql`
      select c.relname as table,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as has_org,
             c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')`);
    const tenantTables = rows.filter((r) => r.has_org);
    expect(tenantTables.length).toBeGreaterThanOrEqual(4);
    for (const t of tenantTables)
      expect({ table: t.table, rls: t.rls, forced: t.forced }).toEqual({
        table: t.table,
        rls: true,
        forced: true,
      });
    for (const t of rows.filter((r) => ['users', 'organizations'].includes(r.table)))
      expect(t.rls).toBe(true);
    // Views over tenant tables must be security_invoker so RLS applies to the caller.
    const views = await rawRows<{ name: string; options: string[] | null }>(sql`
      select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'v'`);
    for (const v of views) expect(v.options ?? []).toContain('security_invoker=true');
  });

  it('runs tenant transactions as a role that owns no table and is not a superuser', async () => {
    const [who] = await withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
      tx.execute(sql`select current_user as name, (select rolsuper from pg_roles where rolname = current_user) as super,
        (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned`),
    ).then(
      (r) =>
        (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as {
          name: string;
          super: boolean;
          owned: number;
        }[],
    );
    expect(who).toEqual({ name: 'vigil_app', super: false, owned: 0 });
  });

  it('runs the privileged paths as vigil_system, which owns nothing, and holds it to a named tenant', async () => {
    const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);
    const [who] = rows(
      await withSystem((tx) =>
        tx.execute(sql`select current_user as name, (select rolsuper from pg_roles where rolname = current_user) as super,
          (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned`),
      ),
    );
    expect(who).toEqual({ name: 'vigil_system', super: false, owned: 0 });
    // Before a tenant is named it finds an API key of any organization (the key lookup) …
    const all = await withSystem((tx) => tx.select({ org: apiKeys.orgId }).from(apiKeys));
    expect(new Set(all.map((k) => k.org))).toEqual(new Set([a.id, b.id]));
    // … once one is named, only that tenant's rows, even when the query forgets the condition.
    const scoped = await withSystem((tx) => tx.select({ org: apiKeys.orgId }).from(apiKeys), {
      orgId: a.id,
    });
    expect(scoped.map((k) => k.org)).toEqual([a.id]);
    expect(await databaseError(withSystem((tx) => tx.execute(sql`truncate audit_log`)))).toMatch(
      /permission denied/,
    );
  });

  it('shows a tenant only its own rows, even when the query forgets the org filter', async () => {
    const seen = await withTenant({ orgId: a.id, userId: a.users.admin.id }, async (tx) => ({
      keys: await tx.select({ org: apiKeys.orgId }).from(apiKeys),
      members: await tx.select({ org: memberships.orgId }).from(memberships),
      audit: await tx.select({ org: auditLog.orgId }).from(auditLog),
      orgs: await tx.select({ id: organizations.id }).from(organizations),
      users: await tx.select({ email: users.email }).from(users),
    }));
    expect(seen.keys.length).toBe(1);
    for (const rows of [seen.keys, seen.members, seen.audit])
      expect(rows.every((r) => r.org === a.id)).toBe(true);
    expect(seen.orgs.map((o) => o.id)).toEqual([a.id]);
    expect(seen.users.every((u) => u.email.endsWith('@alpha.test'))).toBe(true);
  });

  it('refuses to write a row into another tenant', async () => {
    expect(
      await databaseError(
        withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
          tx.insert(apiKeys).values({
            orgId: b.id,
            name: 'smuggled',
            prefix: 'smuggled0000',
            secretHash: 'x',
            scopes: ['read'],
          }),
        ),
      ),
    ).toMatch(/row-level security/);
    const updated = await withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
      tx
        .update(apiKeys)
        .set({ name: 'hijacked' })
        .where(sql`${apiKeys.orgId} = ${b.id}`)
        .returning(),
    );
    expect(updated).toEqual([]);
  });

  it('shows nothing from tenant tables when no tenant is set', async () => {
    const seen = await withUser(a.users.admin.id, async (tx) => ({
      keys: await tx.select().from(apiKeys),
      audit: await tx.select().from(auditLog),
      members: await tx.select().from(memberships),
      chat: [
        ...(await tx.select().from(chatConnections)),
        ...(await tx.select().from(chatDeliveries)),
      ],
    }));
    expect(seen.keys).toEqual([]);
    expect(seen.chat).toEqual([]);
    expect(seen.audit).toEqual([]);
    // Only the user's own memberships (for the organization switcher).
    expect(seen.members.map((m) => m.userId)).toEqual([a.users.admin.id]);
  });

  it('lets the app role update only its own user row', async () => {
    const changed = await withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
      tx
        .update(users)
        .set({ name: 'Renamed' })
        .where(sql`${users.email} = ${a.users.manager.email}`)
        .returning({ id: users.id }),
    );
    expect(changed).toEqual([]);
  });

  it('refuses UPDATE and DELETE of audit rows for the app role and, by trigger, for the owner', async () => {
    expect(
      await databaseError(
        withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
          tx.update(auditLog).set({ action: 'x' }),
        ),
      ),
    ).toMatch(/permission denied|append-only/);
    expect(
      await databaseError(
        withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) => tx.delete(auditLog)),
      ),
    ).toMatch(/permission denied|append-only/);
    expect(await databaseError(asOwner((tx) => tx.update(auditLog).set({ action: 'x' })))).toMatch(
      /append-only/,
    );
    expect(await databaseError(asOwner((tx) => tx.delete(auditLog)))).toMatch(/append-only/);
    expect(await databaseError(asOwner((tx) => tx.execute(sql`truncate audit_log`)))).toMatch(
      /append-only/,
    );
  });
});

describe('row-level security on memberships and users (review findings)', () => {
  it('lets the app role read its own memberships elsewhere but change memberships only in the current organization', async () => {
    const deleted = await withTenant({ orgId: b.id, userId: a.users.admin.id }, (tx) =>
      tx
        .delete(memberships)
        .where(sql`${memberships.userId} = ${a.users.admin.id}`)
        .returning(),
    );
    expect(deleted).toEqual([]);
  });

  it('never exposes password hashes or lockout state to the app role', async () => {
    const error = await databaseError(
      withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
        tx.select({ h: users.passwordHash }).from(users),
      ),
    );
    expect(error).toMatch(/permission denied/);
    expect(
      await databaseError(
        withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
          tx
            .update(users)
            .set({ sessionVersion: 99 })
            .where(sql`${users.id} = ${a.users.admin.id}`),
        ),
      ),
    ).toMatch(/permission denied/);
  });
});

describe('row-level security on notification preferences (member-scoped writes)', () => {
  it('lets members of the organization read preferences but write only their own', async () => {
    const own = withTenant({ orgId: a.id, userId: a.users.manager.id }, (tx) =>
      tx
        .insert(notificationPreferences)
        .values({ orgId: a.id, userId: a.users.manager.id, category: 'approvals', setting: 'off' })
        .returning({ userId: notificationPreferences.userId }),
    );
    expect(await own).toEqual([{ userId: a.users.manager.id }]);
    expect(
      await databaseError(
        withTenant({ orgId: a.id, userId: a.users.manager.id }, (tx) =>
          tx.insert(notificationPreferences).values({
            orgId: a.id,
            userId: a.users.admin.id,
            category: 'delivery_failures',
            setting: 'off',
          }),
        ),
      ),
    ).toMatch(/row-level security/);
    // Another member neither changes nor deletes it; a job (no member) only reads.
    const touched = await withTenant({ orgId: a.id, userId: a.users.admin.id }, async (tx) => ({
      updated: await tx.update(notificationPreferences).set({ setting: 'on' }).returning(),
      deleted: await tx.delete(notificationPreferences).returning(),
      seen: await tx.select().from(notificationPreferences),
    }));
    expect(touched.updated).toEqual([]);
    expect(touched.deleted).toEqual([]);
    expect(touched.seen).toHaveLength(1);
    const elsewhere = await withTenant({ orgId: b.id, userId: b.users.admin.id }, (tx) =>
      tx.select().from(notificationPreferences),
    );
    expect(elsewhere).toEqual([]);
  });
});
