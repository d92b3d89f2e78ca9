import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { auditLog } from '@/db/schema';
import { auditFilterSchema } from '@/server/domain/audit/inputs';
import { listAuditEntries, verifyOrgAuditChain } from '@/server/services/audit/audit-queries';
import { changeMemberRole } from '@/server/services/tenancy/members';
import { asOwner, ownerDb, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

const run = promisify(execFile);
let teardown: () => Promise<void>;
let dbUrl: string | undefined;
let ownerUrl: string | undefined;
let org: TestOrg;

/** Simulates an attacker with database access: the append-only trigger has to be switched off first. */
async function tamper(db: Database, orgId: string, seq: number) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx
      .update(auditLog)
      .set({ actorLabel: 'someone-else@example.com' })
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.seq, seq)));
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

beforeAll(async () => {
  ({ teardown, url: dbUrl, ownerUrl } = await setupTestDatabase());
  org = await createTestOrg('chain');
});
afterAll(() => teardown());

describe('audit log', () => {
  it('chains every change in order and verifies intact', async () => {
    await changeMemberRole(actorFor(org, 'admin'), {
      userId: org.users.manager.id,
      role: 'auditor',
    });
    await changeMemberRole(actorFor(org, 'admin'), {
      userId: org.users.manager.id,
      role: 'manager',
    });
    const caller = await callerFor(org, 'auditor');
    const result = await caller.audit.verify();
    expect(result).toMatchObject({ ok: true });
    const rows = await asOwner((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.orgId, org.id)).orderBy(auditLog.seq),
    );
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(result.ok && result.entries).toBe(rows.length);
  });

  it('filters and paginates newest first', async () => {
    const admin = actorFor(org, 'admin');
    const roleChanges = await listAuditEntries(
      admin,
      auditFilterSchema.parse({ action: 'member.role', limit: 1 }),
    );
    expect(roleChanges.entries).toHaveLength(1);
    expect(roleChanges.entries[0]?.after).toEqual({ role: 'manager', status: 'active' });
    const older = await listAuditEntries(
      admin,
      auditFilterSchema.parse({
        action: 'member.role',
        limit: 1,
        cursor: roleChanges.nextCursor!,
      }),
    );
    expect(older.entries[0]?.after).toEqual({ role: 'auditor', status: 'active' });
    expect(
      (await listAuditEntries(admin, auditFilterSchema.parse({ actor: 'nobody-like-this' })))
        .entries,
    ).toEqual([]);
    // LIKE wildcards in the filter are taken literally.
    expect(
      (await listAuditEntries(admin, auditFilterSchema.parse({ action: '%' }))).entries,
    ).toEqual([]);
    expect(
      (
        await listAuditEntries(
          admin,
          auditFilterSchema.parse({ from: new Date(Date.now() + 86_400_000) }),
        )
      ).entries,
    ).toEqual([]);
  });

  it('names the first altered entry', async () => {
    await tamper(await ownerDb(), org.id, 2);
    const result = await verifyOrgAuditChain(actorFor(org, 'auditor'));
    expect(result).toMatchObject({
      ok: false,
      brokenAt: { seq: 2 },
      reason: expect.stringMatching(/altered/),
    });
  });
});

describe('vigil CLI', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
  const env = { ...process.env, VIGIL_DATA_DIR: dataDir, NODE_ENV: 'test' as const };

  async function vigil(...args: string[]) {
    // As deployed: the CLI connects as the least-privilege login and migrates as the owner.
    const childEnv = { ...env, DATABASE_URL: dbUrl ?? '', DATABASE_MIGRATION_URL: ownerUrl ?? '' };
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'server/cli/main.ts', ...args],
        { env: childEnv, cwd: process.cwd() },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('creates an organization idempotently, adds a user, and verifies the chain', async () => {
    const first = await vigil('org', 'create', '--slug', 'cli-org', '--name', 'CLI Org', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ slug: 'cli-org', created: true });
    const again = await vigil('org', 'create', '--slug', 'cli-org', '--name', 'CLI Org', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false });
    const added = await vigil(
      'user',
      'add',
      '--org',
      'cli-org',
      '--email',
      'ops@cli.test',
      '--role',
      'admin',
      '--password',
      'a long cli password',
      '--json',
    );
    expect(JSON.parse(added.stdout)).toMatchObject({ kind: 'added', role: 'admin' });
    const invited = await vigil(
      'user',
      'add',
      '--org',
      'cli-org',
      '--email',
      'later@cli.test',
      '--role',
      'auditor',
    );
    expect(invited.stdout).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
    const verified = await vigil('audit', 'verify', '--org', 'cli-org', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, entries: 3 });
  }, 120_000);

  it('exits 2 on bad usage and 1 on a handled error, with one line on stderr', async () => {
    expect((await vigil('org', 'create', '--slug', 'Bad Slug!', '--name', 'X Y')).code).toBe(2);
    expect(
      (await vigil('user', 'add', '--org', 'cli-org', '--email', 'x@y.test', '--role', 'owner'))
        .code,
    ).toBe(2);
    expect((await vigil('launch', 'rockets')).code).toBe(2);
    const size = await vigil('seed', '--size', 'huge');
    expect([size.code, size.stderr]).toEqual([2, expect.stringMatching(/'small' or 'large'/)]);
    expect((await vigil('seed', '--size', 'large', '--org', 'cli-org')).code).toBe(2);
    const missing = await vigil('audit', 'verify', '--org', 'no-such-org');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('vigil: No organization with slug "no-such-org".');
  }, 120_000);

  it('audit verify exits 1 naming the first altered entry', async () => {
    const handle = await openDatabase(
      ownerUrl ? { url: ownerUrl } : { dataDir: path.join(dataDir, 'pglite') },
    );
    try {
      const [org] = await handle.db
        .execute(sql`select id from organizations where slug = 'cli-org'`)
        .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: string }[]);
      await tamper(handle.db, org!.id, 2);
    } finally {
      await handle.close();
    }
    const result = await vigil('audit', 'verify', '--org', 'cli-org');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken at entry #2 \(id [0-9a-f-]{36}\): hash does not match/);
  }, 120_000);
});
