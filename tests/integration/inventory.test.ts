import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people, vendors, vendorStatusHistory } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  changeVendorStatusSchema,
  listPeopleSchema,
  listVendorsSchema,
  personInputSchema,
  systemInputSchema,
  toxicPairInputSchema,
  updatePersonSchema,
  updateSystemSchema,
  updateVendorSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { createPerson, updatePerson } from '@/server/services/inventory/people-commands';
import { getPerson, listPeople } from '@/server/services/inventory/people-queries';
import {
  addToxicPair,
  createSystem,
  updateSystem,
} from '@/server/services/inventory/system-commands';
import { listSystems, getSystem } from '@/server/services/inventory/system-queries';
import {
  changeVendorStatus,
  createVendor,
  updateVendor,
} from '@/server/services/inventory/vendor-commands';
import { getVendor, listVendors } from '@/server/services/inventory/vendor-queries';
import { UserFacingError } from '@/server/services/shared/errors';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;

async function refused(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  expect((error as Error).message).toMatch(pattern);
}

async function auditCount() {
  const rows = await asOwner((tx) =>
    tx.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.orgId, org.id)),
  );
  return rows.length;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('inv');
});
afterAll(() => teardown());

describe('vendors', () => {
  it('derives the tier from the questionnaire, records an override with its reason, and audits both', async () => {
    const admin = actorFor(org, 'compliance');
    const created = await createVendor(
      admin,
      vendorInputSchema.parse({
        name: 'Cebu Contact Centre',
        country: 'ph',
        questionnaire: { productionAccess: true, dataCategories: ['customer_pii'] },
      }),
    );
    expect(created.tier).toBe('critical');
    const overridden = await updateVendor(
      admin,
      updateVendorSchema.parse({
        vendorId: created.id,
        vendor: {
          name: 'Cebu Contact Centre',
          questionnaire: { staffWithAccess: 3 },
          tierOverride: { tier: 'high', reason: 'Handles escalations for VIP accounts' },
        },
      }),
    );
    expect(overridden.tier).toBe('high');
    const detail = await getVendor(admin, { vendorId: created.id });
    expect(detail).toMatchObject({
      tier: 'high',
      inherentTier: 'low',
      tierOverrideReason: 'Handles escalations for VIP accounts',
      country: null,
    });
    const actions = await asOwner((tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityId, created.id)),
    );
    expect(actions.map((a) => a.action)).toEqual(['vendor.created', 'vendor.updated']);
  });

  it('reads a questionnaire stored before its questions existed with their defaults', async () => {
    const admin = actorFor(org, 'compliance');
    const created = await createVendor(
      admin,
      vendorInputSchema.parse({ name: 'Legacy Answers Ltd', questionnaire: {} }),
    );
    await asOwner((tx) =>
      tx.update(vendors).set({ questionnaire: {} }).where(eq(vendors.id, created.id)),
    );
    const detail = await getVendor(admin, { vendorId: created.id });
    expect(detail.questionnaire).toEqual({
      dataCategories: [],
      productionAccess: false,
      fundsAccess: false,
      staffWithAccess: 0,
    });
    expect(detail.derivedTier.tier).toBe('low');
  });

  it('refuses duplicate names (case-insensitive) and bad input without writing anything', async () => {
    const admin = actorFor(org, 'admin');
    await createVendor(admin, vendorInputSchema.parse({ name: 'Duplicate Co', questionnaire: {} }));
    const before = await auditCount();
    await refused(
      createVendor(admin, vendorInputSchema.parse({ name: 'duplicate co', questionnaire: {} })),
      /already exists/,
    );
    expect(() => vendorInputSchema.parse({ name: 'X', questionnaire: {} })).toThrow();
    expect(() =>
      vendorInputSchema.parse({
        name: 'Dates Ltd',
        questionnaire: {},
        contractStart: '2026-05-01',
        contractEnd: '2026-01-01',
      }),
    ).toThrow(/cannot end before/);
    expect(await auditCount()).toBe(before);
  });

  it('walks the status lifecycle with reasons and refuses skipped steps', async () => {
    const admin = actorFor(org, 'admin');
    const { id } = await createVendor(
      admin,
      vendorInputSchema.parse({ name: 'Lifecycle Ltd', questionnaire: {} }),
    );
    await refused(
      changeVendorStatus(
        admin,
        changeVendorStatusSchema.parse({
          vendorId: id,
          status: 'active',
          reason: 'skipping onboarding',
        }),
      ),
      /cannot go from prospect to active/,
    );
    await changeVendorStatus(
      admin,
      changeVendorStatusSchema.parse({
        vendorId: id,
        status: 'onboarding',
        reason: 'Contract signed',
      }),
    );
    await changeVendorStatus(
      admin,
      changeVendorStatusSchema.parse({
        vendorId: id,
        status: 'active',
        reason: 'Due diligence passed',
      }),
    );
    const history = await asOwner((tx) =>
      tx
        .select()
        .from(vendorStatusHistory)
        .where(eq(vendorStatusHistory.vendorId, id))
        .orderBy(vendorStatusHistory.changedAt),
    );
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'prospect', 'Vendor created'],
      ['prospect', 'onboarding', 'Contract signed'],
      ['onboarding', 'active', 'Due diligence passed'],
    ]);
  });

  it('filters, sorts and pages by keyset without repeating or skipping rows', async () => {
    const admin = actorFor(org, 'admin');
    for (let i = 0; i < 7; i++)
      await createVendor(
        admin,
        vendorInputSchema.parse({
          name: `Page Vendor ${String(i).padStart(2, '0')}`,
          questionnaire: { staffWithAccess: i * 5 },
        }),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listVendors(
        admin,
        listVendorsSchema.parse({ q: 'page vendor', limit: 3, cursor }),
      );
      seen.push(...page.vendors.map((v) => v.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(7);
    const byTier = await listVendors(
      admin,
      listVendorsSchema.parse({ q: 'page vendor', sort: 'tier', limit: 10 }),
    );
    expect(byTier.vendors.map((v) => v.tier)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'medium',
      'low',
    ]);
    expect(
      (
        await listVendors(admin, listVendorsSchema.parse({ tiers: ['low'], q: 'page vendor' }))
      ).vendors.map((v) => v.name),
    ).toEqual(['Page Vendor 00']);
    await refused(
      listVendors(admin, listVendorsSchema.parse({ cursor: 'not-a-cursor' })),
      /page link/,
    );
  });
});

describe('people', () => {
  it('normalizes identifiers, always keeps the email as one, and audits the change', async () => {
    const admin = actorFor(org, 'compliance');
    const vendor = await createVendor(
      admin,
      vendorInputSchema.parse({ name: 'Identity Vendor', questionnaire: {} }),
    );
    const { id } = await createPerson(
      admin,
      personInputSchema.parse({
        email: 'Agent.One@Vendor.example',
        fullName: 'Agent One',
        type: 'vendor_staff',
        vendorId: vendor.id,
        country: 'PH',
        identifiers: [
          { kind: 'github', value: 'https://github.com/Agent-One' },
          { kind: 'phone', value: '0917 555 0134' },
          { kind: 'email', value: 'AGENT.ONE@vendor.example' },
        ],
      }),
    );
    const person = await getPerson(admin, { personId: id });
    expect(person.email).toBe('agent.one@vendor.example');
    expect(person.identifiers.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'email:agent.one@vendor.example',
      'github:agent-one',
      'phone:+639175550134',
    ]);
    expect(person.screening).toEqual({
      state: 'incomplete',
      missing: ['identity not verified', 'background check not started'],
    });
  });

  it("counts each vendor's people and each system's privileges in the lists", async () => {
    const admin = actorFor(org, 'admin');
    const vendor = await createVendor(
      admin,
      vendorInputSchema.parse({ name: 'Counted Vendor', questionnaire: {} }),
    );
    await createPerson(
      admin,
      personInputSchema.parse({
        email: 'c1@counted.test',
        fullName: 'Counted One',
        type: 'vendor_staff',
        vendorId: vendor.id,
      }),
    );
    await createPerson(
      admin,
      personInputSchema.parse({
        email: 'c2@counted.test',
        fullName: 'Counted Two',
        type: 'contractor',
        vendorId: vendor.id,
      }),
    );
    const listed = await listVendors(admin, listVendorsSchema.parse({ q: 'Counted Vendor' }));
    expect(listed.vendors.map((v) => v.people)).toEqual([2]);
    const system = await createSystem(
      admin,
      systemInputSchema.parse({
        name: 'Counted System',
        privileges: [
          { name: 'a', sensitivity: 'low' },
          { name: 'b', sensitivity: 'high' },
        ],
      }),
    );
    const row = (await listSystems(admin)).find((s) => s.id === system.id);
    expect(row).toMatchObject({ privilegeCount: 2, highestSensitivity: 'high' });
  });

  it('rejects a bad identifier, a missing vendor, a foreign vendor and a duplicate email, writing nothing', async () => {
    const admin = actorFor(org, 'admin');
    const before = await auditCount();
    await refused(
      createPerson(
        admin,
        personInputSchema.parse({
          email: 'w@x.test',
          fullName: 'Wallet Person',
          type: 'employee',
          identifiers: [{ kind: 'wallet', value: '0x123' }],
        }),
      ),
      /not a wallet address/,
    );
    expect(() =>
      personInputSchema.parse({ email: 'v@x.test', fullName: 'Vendorless', type: 'vendor_staff' }),
    ).toThrow(/must belong to a vendor/);
    await refused(
      createPerson(
        admin,
        personInputSchema.parse({
          email: 'f@x.test',
          fullName: 'Foreign',
          type: 'contractor',
          vendorId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
      /vendor does not exist/,
    );
    expect(await auditCount()).toBe(before);
    const rows = await asOwner((tx) =>
      tx
        .select()
        .from(people)
        .where(and(eq(people.orgId, org.id), eq(people.email, 'w@x.test'))),
    );
    expect(rows).toEqual([]);
    await createPerson(
      admin,
      personInputSchema.parse({ email: 'dup@x.test', fullName: 'Dup One', type: 'employee' }),
    );
    await refused(
      createPerson(
        admin,
        personInputSchema.parse({ email: 'DUP@x.test', fullName: 'Dup Two', type: 'employee' }),
      ),
      /already exists/,
    );
  });

  it('refuses a manager chain that loops back', async () => {
    const admin = actorFor(org, 'admin');
    const boss = await createPerson(
      admin,
      personInputSchema.parse({
        email: 'boss@x.test',
        fullName: 'Boss',
        type: 'employee',
      }),
    );
    const report = await createPerson(
      admin,
      personInputSchema.parse({
        email: 'report@x.test',
        fullName: 'Report',
        type: 'employee',
        managerId: boss.id,
      }),
    );
    await refused(
      updatePerson(
        admin,
        updatePersonSchema.parse({
          personId: boss.id,
          person: {
            email: 'boss@x.test',
            fullName: 'Boss',
            type: 'employee',
            managerId: report.id,
          },
        }),
      ),
      /reports .* to this person/,
    );
  });

  it('shows a manager only themselves and their direct reports', async () => {
    const admin = actorFor(org, 'admin');
    const lead = await createPerson(
      admin,
      personInputSchema.parse({
        email: org.users.manager.email,
        fullName: 'Team Lead',
        type: 'employee',
      }),
    );
    await withTenant({ orgId: org.id, userId: org.users.admin.id }, (tx) =>
      tx.update(people).set({ userId: org.users.manager.id }).where(eq(people.id, lead.id)),
    );
    await createPerson(
      admin,
      personInputSchema.parse({
        email: 'direct@x.test',
        fullName: 'Direct Report',
        type: 'employee',
        managerId: lead.id,
      }),
    );
    const outsider = await createPerson(
      admin,
      personInputSchema.parse({
        email: 'outsider@x.test',
        fullName: 'Outsider',
        type: 'employee',
      }),
    );
    const seen = await listPeople(actorFor(org, 'manager'), listPeopleSchema.parse({ limit: 100 }));
    expect(seen.people.map((p) => p.fullName).sort()).toEqual(['Direct Report', 'Team Lead']);
    await refused(getPerson(actorFor(org, 'manager'), { personId: outsider.id }), /No such person/);
  });
});

describe('systems', () => {
  it('merges privileges by name, retiring removed ones, and keeps toxic pairs canonical', async () => {
    const admin = actorFor(org, 'admin');
    const { id } = await createSystem(
      admin,
      systemInputSchema.parse({
        name: 'Payments',
        privileges: [
          { name: 'create_payee', sensitivity: 'high' },
          { name: 'approve_payment', sensitivity: 'critical' },
          { name: 'view', sensitivity: 'low' },
        ],
      }),
    );
    await updateSystem(
      admin,
      updateSystemSchema.parse({
        systemId: id,
        system: {
          name: 'Payments',
          privileges: [
            { name: 'create_payee', sensitivity: 'critical' },
            { name: 'approve_payment', sensitivity: 'critical' },
          ],
        },
      }),
    );
    const system = await getSystem(admin, { systemId: id });
    expect(system.privileges.map((p) => [p.name, p.sensitivity, p.retired])).toEqual([
      ['approve_payment', 'critical', false],
      ['create_payee', 'critical', false],
      ['view', 'low', true],
    ]);
    const [a, b] = system.privileges.map((p) => p.id);
    await addToxicPair(
      admin,
      toxicPairInputSchema.parse({ privilegeA: a!, privilegeB: b!, reason: 'Pay yourself' }),
    );
    await refused(
      addToxicPair(
        admin,
        toxicPairInputSchema.parse({
          privilegeA: b!,
          privilegeB: a!,
          reason: 'Same pair reversed',
        }),
      ),
      /already marked toxic/,
    );
    expect((await getSystem(admin, { systemId: id })).toxicPairs).toHaveLength(1);
    await refused(
      createSystem(admin, systemInputSchema.parse({ name: 'payments', privileges: [] })),
      /already exists/,
    );
    expect(() =>
      systemInputSchema.parse({
        name: 'Dupes',
        privileges: [
          { name: 'x', sensitivity: 'low' },
          { name: 'X', sensitivity: 'high' },
        ],
      }),
    ).toThrow(/unique/);
  });
});
