import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessGrants, auditLog, people, vendors } from '@/db/schema';
import { listVendorsSchema } from '@/server/domain/inventory/inputs';
import { userActor } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { getPerson } from '@/server/services/inventory/people-queries';
import { getSystem, listSystems } from '@/server/services/inventory/system-queries';
import { listVendors } from '@/server/services/inventory/vendor-queries';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: ImportActor;
const reader = () => actorFor(org, 'compliance');

const VENDORS = `name,country,services,tier,status,data_categories,contract_start,contract_end,owner_email
Manila Support Partners,PH,Customer support,,active,customer_pii;kyc_documents,2025-01-01,2027-01-01,compliance@imp.test
Ledgerline KYC,GB,KYC review,critical,onboarding,kyc_documents,2025-06-01,2026-06-01,
Bad Tier Co,US,,extreme,,,,,
Unknown Owner Ltd,US,,,,,,,nobody@imp.test
manila support partners,PH,dup,,,,,,
`;

const PEOPLE = `email,full_name,type,vendor,manager_email,country,timezone,external_ids,phone,identity_verified_on
agent@manila.example,Jun Reyes,vendor_staff,Manila Support Partners,lead@manila.example,PH,Asia/Manila,okta:00u1;github:@JunR,0917 555 0134,2026-03-02
lead@manila.example,Maria Santos,vendor_staff,Manila Support Partners,,PH,Asia/Manila,,,
ghost@x.example,Ghost,vendor_staff,No Such Vendor,,,,,,
loop@x.example,Loop,employee,,loop@x.example,,,,,
bad@x.example,Bad Ids,employee,,,,,fax:123,,2026-02-30
`;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('imp');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
});
afterAll(() => teardown());

async function auditCount() {
  return (
    await asOwner((tx) =>
      tx.select({ s: auditLog.seq }).from(auditLog).where(eq(auditLog.orgId, org.id)),
    )
  ).length;
}

describe('CSV import', () => {
  it('previews without writing anything', async () => {
    const before = await auditCount();
    const preview = await runImport(actor, 'vendors', VENDORS, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0 });
    expect(preview.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/tier "extreme"/) },
      { line: 5, reason: expect.stringMatching(/nobody@imp.test is not an active member/) },
      { line: 6, reason: 'the same vendor is on line 2' },
    ]);
    expect(
      await asOwner((tx) => tx.select().from(vendors).where(eq(vendors.orgId, org.id))),
    ).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('imports valid rows in one go, and re-importing the same file changes nothing', async () => {
    const first = await runImport(actor, 'vendors', VENDORS, { dryRun: false });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const list = await listVendors(reader(), listVendorsSchema.parse({}));
    expect(list.vendors.map((v) => [v.name, v.tier, v.status])).toEqual([
      ['Ledgerline KYC', 'critical', 'onboarding'],
      ['Manila Support Partners', 'high', 'active'],
    ]);
    const before = await auditCount();
    const again = await runImport(actor, 'vendors', VENDORS, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // Only the import summary is audited when nothing changed.
    expect(await auditCount()).toBe(before + 1);
    const changed = await runImport(
      actor,
      'vendors',
      'name,contract_end\nLedgerline KYC,2027-06-01\n',
      { dryRun: false },
    );
    expect(changed.rows).toEqual([
      { line: 2, key: 'Ledgerline KYC', action: 'update', changes: ['contractEnd'] },
    ]);
  });

  it('keeps existing vendors on their lifecycle', async () => {
    const report = await runImport(
      actor,
      'vendors',
      'name,status\nManila Support Partners,prospect\n',
      { dryRun: false },
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/cannot go from active to prospect/) },
    ]);
  });

  it('imports people with managers anywhere in the file, normalized identifiers, and clear rejections', async () => {
    const report = await runImport(actor, 'people', PEOPLE, { dryRun: false });
    expect(report).toMatchObject({ created: 2 });
    // A created row lists no field changes.
    expect(report.rows.filter((r) => r.action === 'create').map((r) => r.changes)).toEqual([
      [],
      [],
    ]);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, 'vendor "No Such Vendor" does not exist (import vendors first)'],
      [5, 'a person cannot be their own manager'],
      [6, expect.stringMatching(/identity_verified_on "2026-02-30" is not a date.*fax/)],
    ]);
    const [agent] = await asOwner((tx) =>
      tx.select().from(people).where(eq(people.email, 'agent@manila.example')),
    );
    // An identity verified at hire, as the HR export says; none stated leaves it unverified.
    expect(agent!.identityVerifiedAt?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const detail = await getPerson(reader(), { personId: agent!.id });
    expect(detail.managerName).toBe('Maria Santos');
    expect(detail.identifiers.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'email:agent@manila.example',
      'github:junr',
      'okta:00u1',
      'phone:+639175550134',
    ]);
    // No external_ids: the email is still an identifier, so the lead's log events resolve.
    const [lead] = await asOwner((tx) =>
      tx.select().from(people).where(eq(people.email, 'lead@manila.example')),
    );
    const leadDetail = await getPerson(reader(), { personId: lead!.id });
    expect(leadDetail.identifiers.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'email:lead@manila.example',
    ]);
    const again = await runImport(actor, 'people', PEOPLE, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('imports systems with privileges and is idempotent', async () => {
    const csv =
      'privileges,name,criticality,owner_email\ncreate_payee:critical;approve_payment:critical,Treasury,critical,admin@imp.test\nread,Broken,,\n';
    const report = await runImport(actor, 'systems', csv, { dryRun: false });
    expect(report).toMatchObject({
      created: 1,
      rejected: [{ line: 3, reason: expect.stringMatching(/name:sensitivity/) }],
    });
    const [treasury] = await listSystems(reader());
    expect(
      (await getSystem(reader(), { systemId: treasury!.id })).privileges.map((p) => p.name),
    ).toEqual(['approve_payment', 'create_payee']);
    expect(await runImport(actor, 'systems', csv, { dryRun: false })).toMatchObject({
      created: 0,
      unchanged: 1,
    });
  });

  it('imports existing grants as active access, idempotently, with a reason for every bad row', async () => {
    const csv = `person_email,system,privilege,starts_at,expires_at,justification,approved_by_email
agent@manila.example,Treasury,approve_payment,2026-01-01,2099-01-01,Payment runs,cfo@imp.test
lead@manila.example,treasury,CREATE_PAYEE,2098-01-01,2099-01-01,,
agent@manila.example,Treasury,approve_payment,,,,
nobody@x.example,Treasury,create_payee,,,,
agent@manila.example,Ledger,read,,,,
agent@manila.example,Treasury,delete_everything,,,,
lead@manila.example,Treasury,approve_payment,2020-01-01,2021-01-01,,
lead@manila.example,Treasury,approve_payment,2026-13-01,,,not-an-email
`;
    const preview = await runImport(actor, 'grants', csv, { dryRun: true });
    expect(preview.created).toBe(2);
    const report = await runImport(actor, 'grants', csv, { dryRun: false });
    expect(report).toMatchObject({ created: 2, updated: 0 });
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, 'the same grant is on line 2'],
      [5, 'no person with the email nobody@x.example; import people first'],
      [6, 'no system named Ledger; import systems first'],
      [7, 'Treasury has no privilege named delete_everything'],
      [8, 'expired on 2021-01-01; nothing to import'],
      [9, expect.stringMatching(/starts_at "2026-13-01" is not a date.*approved_by_email/)],
    ]);
    const grants = await asOwner((tx) =>
      tx
        .select({
          status: accessGrants.status,
          source: accessGrants.source,
          approver: accessGrants.importedApprover,
        })
        .from(accessGrants)
        .where(eq(accessGrants.orgId, org.id))
        .orderBy(accessGrants.status),
    );
    // The future grant waits as approved until its start; the other is active now.
    expect(grants).toEqual([
      { status: 'active', source: 'import', approver: 'cfo@imp.test' },
      { status: 'approved', source: 'import', approver: null },
    ]);
    const again = await runImport(actor, 'grants', csv, { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const extended = await runImport(
      actor,
      'grants',
      'person_email,system,privilege,expires_at,justification,approved_by_email\nagent@manila.example,Treasury,approve_payment,2099-06-01,Payment runs,cfo@imp.test\n',
      { dryRun: false },
    );
    expect(extended.rows).toEqual([
      expect.objectContaining({ action: 'update', changes: ['expiresAt'] }),
    ]);
  });

  it('refuses a malformed file as a whole, writing nothing', async () => {
    const before = await auditCount();
    await expect(
      runImport(actor, 'vendors', 'name,colour\nA,red\n', { dryRun: false }),
    ).rejects.toThrow(/Unknown column "colour"/);
    await expect(
      runImport(actor, 'people', 'email,full_name\n', { dryRun: false }),
    ).rejects.toThrow(/Missing required column: type/);
    expect(await auditCount()).toBe(before);
  });
});
