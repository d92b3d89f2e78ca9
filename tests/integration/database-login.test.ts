import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { createApiKey } from '@/server/services/auth/api-keys';
import { setupTestDatabase, TEST_LOGIN } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// The least-privilege login exists only on PostgreSQL (PGlite is one embedded superuser session).
const onPostgres = process.env.VIGIL_TEST_DRIVER === 'postgres';

let teardown: () => Promise<void>;
let loginUrl: string;
let ownerUrl: string;
let login: Sql;
let a: TestOrg;
let b: TestOrg;

/** What the database says when it refuses, or '' when it accepted. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** One statement in its own transaction as the login, after `setup` (e.g. a role and tenant). */
function asLogin(statement: string, setup = '') {
  return () =>
    login.begin(async (tx) => {
      if (setup) await tx.unsafe(setup);
      return tx.unsafe(statement);
    });
}

const tenant = (org: TestOrg, role = 'vigil_app') =>
  `select set_config('app.org_id', '${org.id}', true), set_config('role', '${role}', true)`;

describe.runIf(onPostgres)('the least-privilege database login', () => {
  beforeAll(async () => {
    const setup = await setupTestDatabase();
    teardown = setup.teardown;
    loginUrl = setup.url!;
    ownerUrl = setup.ownerUrl!;
    const { default: postgres } = await import('postgres');
    login = postgres(loginUrl, { max: 1, onnotice: () => {} });
    a = await createTestOrg('alpha');
    b = await createTestOrg('bravo');
    await createApiKey(
      actorFor(b, 'admin'),
      createApiKeySchema.parse({ name: 'bravo key', scopes: ['read'] }),
    );
  });
  afterAll(async () => {
    await login?.end();
    await teardown?.();
  });

  it('is the app handle, neither superuser nor owner of any table', async () => {
    const [who] = await login<{ role: string; super: boolean; owned: number }[]>`
      select current_user as role, current_setting('is_superuser') = 'on' as super,
        (select count(*)::int from pg_tables where tableowner = current_user) as owned`;
    expect(who).toEqual({ role: TEST_LOGIN.role, super: false, owned: 0 });
  });

  it('cannot become the owner or a superuser', async () => {
    const [table] = await login<{ owner: string }[]>`
      select tableowner as owner from pg_tables where tablename = 'audit_log'`;
    for (const target of new Set([table!.owner, 'postgres']))
      for (const statement of [`set role ${target}`, `set session authorization ${target}`])
        expect(await refusal(asLogin(statement))).toMatch(/permission denied/);
  });

  it('cannot read another tenant, in a tenant transaction or on the privileged paths', async () => {
    const count = `select count(*)::int as n from api_keys where org_id = '${b.id}'`;
    const asApp = (await asLogin(count, tenant(a))()) as unknown as { n: number }[];
    expect(asApp[0]!.n).toBe(0);
    const asSystem = (await asLogin(count, tenant(a, 'vigil_system'))()) as unknown as {
      n: number;
    }[];
    expect(asSystem[0]!.n).toBe(0);
    // The same query in bravo's own transaction does find its key: the 0 above is the policy.
    const own = (await asLogin(count, tenant(b))()) as unknown as { n: number }[];
    expect(own[0]!.n).toBe(1);
    expect(await refusal(asLogin(count, `${tenant(a)}; set local row_security = off`))).toMatch(
      /row-level security/,
    );
  });

  it('cannot drop, truncate or alter tables', async () => {
    for (const setup of ['', tenant(a), tenant(a, 'vigil_system')]) {
      expect(await refusal(asLogin('drop table vendors', setup))).toMatch(/must be owner/);
      expect(await refusal(asLogin('truncate audit_log', setup))).toMatch(/permission denied/);
      expect(await refusal(asLogin('truncate vendors', setup))).toMatch(/permission denied/);
      expect(
        await refusal(
          asLogin('alter table audit_log disable trigger audit_log_append_only', setup),
        ),
      ).toMatch(/must be owner/);
      expect(await refusal(asLogin('alter table vendors add column x int', setup))).toMatch(
        /must be owner/,
      );
      expect(await refusal(asLogin('create table planted (x int)', setup))).toMatch(
        /permission denied/,
      );
    }
  });

  it('cannot update or delete audit rows', async () => {
    for (const setup of ['', tenant(a), tenant(a, 'vigil_system')]) {
      expect(
        await refusal(
          asLogin(`update audit_log set actor_label = 'x' where org_id = '${a.id}'`, setup),
        ),
      ).toMatch(/permission denied/);
      expect(
        await refusal(asLogin(`delete from audit_log where org_id = '${a.id}'`, setup)),
      ).toMatch(/permission denied/);
    }
  });

  it('reaches owner-only work only through the functions made for it', async () => {
    const partition = "select vigil_ensure_event_partition('2031-01-01')";
    expect(await refusal(asLogin(partition, tenant(a)))).toMatch(/permission denied/);
    expect(await refusal(asLogin(partition, tenant(a, 'vigil_system')))).toBe('');
    expect(
      await refusal(
        asLogin("select vigil_enable_tenant_rls('vendors')", tenant(a, 'vigil_system')),
      ),
    ).toMatch(/permission denied/);
  });

  it('stores the password only as a SCRAM verifier', async () => {
    const { default: postgres } = await import('postgres');
    const owner = postgres(ownerUrl, { max: 1 });
    try {
      const [row] = await owner<{ secret: string }[]>`
        select rolpassword as secret from pg_authid where rolname = ${TEST_LOGIN.role}`;
      expect(row!.secret).toMatch(
        /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/,
      );
      expect(row!.secret).not.toContain(TEST_LOGIN.password);
    } finally {
      await owner.end();
    }
  });

  it('cannot migrate, and says which URL does', async () => {
    const message = await refusal(() => openDatabase({ url: loginUrl }));
    expect(message).toMatch(/DATABASE_MIGRATION_URL/);
  });

  it('production refuses a superuser connection unless VIGIL_ALLOW_SUPERUSER=1', async () => {
    const env = process.env as Record<string, string | undefined>;
    const saved = { NODE_ENV: env.NODE_ENV, VIGIL_ALLOW_SUPERUSER: env.VIGIL_ALLOW_SUPERUSER };
    try {
      env.NODE_ENV = 'production';
      delete env.VIGIL_ALLOW_SUPERUSER;
      const message = await refusal(() => openDatabase({ url: ownerUrl }));
      expect(message).toMatch(/superuser.*VIGIL_ALLOW_SUPERUSER=1/s);
      env.VIGIL_ALLOW_SUPERUSER = '1';
      const allowed = await openDatabase({ url: ownerUrl });
      await allowed.close();
      // The least-privilege login starts in production.
      delete env.VIGIL_ALLOW_SUPERUSER;
      const app = await openDatabase({ url: loginUrl, migrationUrl: ownerUrl });
      await app.close();
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete env[k];
        else env[k] = v;
    }
  });
});
