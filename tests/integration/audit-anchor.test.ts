import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, gte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outboundEvents } from '@/db/schema';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { parseManifest } from '@/server/domain/evidence/manifest';
import { resetEnvForTests } from '@/server/env';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { checkAuditAnchorsAsSystem } from '@/server/services/audit/anchors';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { changeMemberRole } from '@/server/services/tenancy/members';
import { asOwner, ownerDb, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { readZip } from '../helpers/zip';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-anchor-'));
const ANCHOR_KEY = Buffer.alloc(32, 11).toString('base64');
let teardown: () => Promise<void>;
let dbUrl: string | undefined;
let ownerUrl: string | undefined;
let org: TestOrg;
let anchorFile: string;

async function roleChanges(n: number) {
  for (let i = 0; i < n; i++)
    await changeMemberRole(actorFor(org, 'admin'), {
      userId: org.users.manager.id,
      role: i % 2 === 0 ? 'auditor' : 'manager',
    });
}

/** Simulates the owner cutting entries off the chain's end: the trigger has to go first. */
async function truncateTail(fromSeq: number) {
  await (
    await ownerDb()
  ).transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.delete(auditLog).where(and(eq(auditLog.orgId, org.id), gte(auditLog.seq, fromSeq)));
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

async function vigil(...args: string[]) {
  const env = {
    ...process.env,
    VIGIL_DATA_DIR: dataDir,
    NODE_ENV: 'test' as const,
    DATABASE_URL: dbUrl ?? '',
    DATABASE_MIGRATION_URL: ownerUrl ?? '',
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', ...args],
      { env, cwd: process.cwd() },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  process.env.VIGIL_DATA_DIR = dataDir;
  process.env.VIGIL_ANCHOR_KEY = ANCHOR_KEY;
  resetEnvForTests();
  ({ teardown, url: dbUrl, ownerUrl } = await setupTestDatabase());
  org = await createTestOrg('anchored');
  anchorFile = path.join(dataDir, 'anchors', 'anchored.jsonl');
});
afterAll(async () => {
  await teardown();
  delete process.env.VIGIL_ANCHOR_KEY;
  resetEnvForTests();
});

describe('anchored audit head', () => {
  it('is anchored daily: a line per run in the file and an audit.head_anchored event', async () => {
    expect(SCHEDULE).toContainEqual({ kind: 'audit.anchor', everyMs: 86_400_000 });
    await roleChanges(2);
    await JOB_HANDLERS['audit.anchor_org']!({ orgId: org.id });
    await roleChanges(3);
    await JOB_HANDLERS['audit.anchor_org']!({ orgId: org.id });
    const lines = fs.readFileSync(anchorFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const heads = lines.map((l) => JSON.parse(l) as { seq: number; hash: string; orgId: string });
    const [last] = await asOwner((tx) =>
      tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(eq(auditLog.orgId, org.id))
        .orderBy(sql`seq desc`)
        .limit(1),
    );
    expect(heads[1]).toMatchObject({ orgId: org.id, seq: last!.seq, hash: last!.hash });
    expect(heads[1]!.seq - heads[0]!.seq).toBe(3);
    const events = await asOwner((tx) =>
      tx
        .select({ data: outboundEvents.data })
        .from(outboundEvents)
        .where(
          and(eq(outboundEvents.orgId, org.id), eq(outboundEvents.type, 'audit.head_anchored')),
        )
        .orderBy(outboundEvents.seq),
    );
    expect(events.map((e) => e.data)).toEqual(heads.map((anchor) => ({ anchor })));
  });

  it('an untouched chain passes against its anchors, in the service and the CLI', async () => {
    const check = await checkAuditAnchorsAsSystem(org.id, fs.readFileSync(anchorFile, 'utf8'));
    expect(check).toMatchObject({ ok: true, anchors: 2, problems: [] });
    if (!dbUrl) return; // the CLI is another process: it reaches PostgreSQL, not in-memory PGlite
    const cli = await vigil('audit', 'verify', '--org', 'anchored', '--anchor', anchorFile);
    expect([cli.code, cli.stdout]).toEqual([
      0,
      expect.stringMatching(/Audit chain intact.*\nAnchors match: 2 checked, the latest \(entry #/),
    ]);
  }, 120_000);

  it('puts the signed head in each evidence package, covered by the manifest', async () => {
    const out = path.join(dataDir, 'package.zip');
    const today = new Date().toISOString().slice(0, 10);
    const request = evidenceRequestSchema.parse({ from: today, to: today, scope: ['audit'] });
    const result = await exportEvidencePackageAsOperator(org.id, request, out);
    const files = await readZip(out);
    const anchorLine = files.get('audit/anchor.jsonl')!.toString('utf8');
    const listed = result.manifest.files.find((f) => f.path === 'audit/anchor.jsonl');
    expect(listed).toMatchObject({ section: 'audit', rows: 1 });
    expect(JSON.parse(anchorLine)).toMatchObject({
      orgId: org.id,
      seq: result.manifest.auditChain.headSeq,
      hash: result.manifest.auditChain.headHash,
    });
    const manifest = parseManifest(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.ok).toBe(true);
    expect(await verifyEvidencePackage(out)).toMatchObject({ ok: true });
    // The package's head is itself an anchor the chain can be checked against.
    expect(await checkAuditAnchorsAsSystem(org.id, anchorLine)).toMatchObject({ ok: true });
  });

  it('detects a forged anchor', async () => {
    const [first] = fs.readFileSync(anchorFile, 'utf8').trim().split('\n');
    const forged = JSON.stringify({ ...JSON.parse(first!), seq: 1 });
    const check = await checkAuditAnchorsAsSystem(org.id, `${forged}\n`);
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.kind)).toEqual(['forged']);
  });

  it('detects a tail truncated by the owner, which the chain alone does not', async () => {
    const [anchored] = fs
      .readFileSync(anchorFile, 'utf8')
      .trim()
      .split('\n')
      .slice(-1)
      .map((l) => JSON.parse(l) as { seq: number });
    await truncateTail(anchored!.seq - 1);
    // The chain that is left still verifies: that is why the head is anchored elsewhere.
    expect(await verifyAuditChainAsSystem(org.id)).toMatchObject({ ok: true });
    const check = await checkAuditAnchorsAsSystem(org.id, fs.readFileSync(anchorFile, 'utf8'));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        message: expect.stringMatching(
          new RegExp(`entry #${anchored!.seq}, but the chain ends at #${anchored!.seq - 2}`),
        ),
      }),
    ]);
    if (!dbUrl) return;
    const cli = await vigil('audit', 'verify', '--org', 'anchored', '--anchor', anchorFile);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(
      /does not match the anchor file .*\n.*entries were removed from its end/,
    );
  }, 120_000);
});
