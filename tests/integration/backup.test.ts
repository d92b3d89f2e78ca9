import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getDatabaseHandle,
  installDatabaseHandle,
  openDatabase,
  type DatabaseHandle,
} from '@/db/client';
import { auditLog, vendors } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { backupDatabase } from '@/server/services/backup/backup';
import { restoreDatabase, type RestoreTarget } from '@/server/services/backup/restore';
import { verifyEveryAuditChain } from '@/server/services/backup/verify-restored';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// docs/RELIABILITY.md §Backup and restore: a backup restored into a fresh database keeps every
// audit chain whole, and evidence generated before the backup still matches the data.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-backup-'));
let teardown: () => Promise<void>;
let ownerUrl: string | undefined;
let original: DatabaseHandle;
let orgs: TestOrg[];
const extraDatabases: string[] = [];

/** A fresh, empty target of the same kind as the database under test. */
async function freshTarget(): Promise<{
  target: RestoreTarget;
  open: () => Promise<DatabaseHandle>;
}> {
  if (!ownerUrl) {
    const dataDir = path.join(dir, `restored-${randomBytes(4).toString('hex')}`, 'pglite');
    return { target: { kind: 'pglite', dataDir }, open: () => openDatabase({ dataDir }) };
  }
  const name = `vigil_restore_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  extraDatabases.push(name);
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', ownerUrl: url.toString() },
    open: () => openDatabase({ url: url.toString() }),
  };
}

beforeAll(async () => {
  ({ teardown, ownerUrl } = await setupTestDatabase());
  process.env.VIGIL_ALLOW_SUPERUSER = '1'; // the restored database is opened as its owner here
  original = await getDatabaseHandle();
  orgs = [await createTestOrg('backup-a'), await createTestOrg('backup-b')];
  await createVendor(
    actorFor(orgs[0]!, 'compliance'),
    vendorInputSchema.parse({ name: 'Restored Vendor', questionnaire: {} }),
  );
});

afterAll(async () => {
  installDatabaseHandle(original);
  if (ownerUrl && extraDatabases.length > 0) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    for (const name of extraDatabases)
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  delete process.env.VIGIL_ALLOW_SUPERUSER;
  await teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips: every audit chain verifies and an earlier evidence package matches the restored chain', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const packageFile = path.join(dir, 'before.zip');
    const generated = await exportEvidencePackageAsOperator(
      orgs[0]!.id,
      evidenceRequestSchema.parse({ from: today, to: today, scope: ['inventory', 'audit'] }),
      packageFile,
    );
    const before = await Promise.all(orgs.map((o) => verifyAuditChainAsSystem(o.id)));
    const backupFile = path.join(dir, 'vigil.backup');
    const backup = await backupDatabase(original, backupFile, ownerUrl);
    expect(backup.kind).toBe(original.driver);
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false);

    const { target, open } = await freshTarget();
    expect(await restoreDatabase(backupFile, target)).toBe(original.driver);
    const restored = await open();
    installDatabaseHandle(restored);
    try {
      const chains = await verifyEveryAuditChain();
      expect(chains.map((c) => c.slug)).toEqual(['backup-a', 'backup-b']);
      expect(chains.map((c) => c.verification)).toEqual(before);
      expect(chains.every((c) => c.verification.ok)).toBe(true);

      // The package verifies offline, and the head it names is in the restored chain.
      const verification = await verifyEvidencePackage(packageFile);
      expect(verification.ok).toBe(true);
      const head = generated.manifest.auditChain;
      const [entry] = await withSystem((tx) =>
        tx
          .select({ hash: auditLog.hash })
          .from(auditLog)
          .where(and(eq(auditLog.orgId, orgs[0]!.id), eq(auditLog.seq, head.headSeq))),
      );
      expect(entry?.hash).toBe(head.headHash);
      const names = await withSystem((tx) =>
        tx.select({ name: vendors.name }).from(vendors).where(eq(vendors.orgId, orgs[0]!.id)),
      );
      expect(names).toEqual([{ name: 'Restored Vendor' }]);
    } finally {
      installDatabaseHandle(original);
      await restored.close();
    }
  }, 120_000);

  it('refuses a damaged backup or a target that already holds data, and leaves the target as it was', async () => {
    const backupFile = path.join(dir, 'vigil.backup');
    const damaged = path.join(dir, 'damaged.backup');
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { target, open } = await freshTarget();
    await expect(restoreDatabase(damaged, target)).rejects.toThrow();
    // Still empty: a good backup restores into it afterwards.
    await expect(restoreDatabase(backupFile, target)).resolves.toBe(original.driver);
    // Now it holds data: a second restore is refused.
    await expect(restoreDatabase(backupFile, target)).rejects.toThrow(
      /not empty|already holds a database/,
    );
    const restored = await open();
    await restored.close();

    const notBackup = path.join(dir, 'notes.txt');
    fs.writeFileSync(notBackup, 'hello');
    await expect(restoreDatabase(notBackup, (await freshTarget()).target)).rejects.toThrow(
      /not a Vigil backup/,
    );
  }, 120_000);
});
