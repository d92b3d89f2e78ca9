import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessGrants, auditLog, vendors } from '@/db/schema';
import {
  changeVendorStatusSchema,
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { sweepOrganizationGrants } from '@/server/services/access/lifecycle';
import { decideAccessStep, requestAccess } from '@/server/services/access/requests';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// docs/PRODUCT.md §Vendors: access ends with the contract, as it does with offboarding.
let teardown: () => Promise<void>;
let org: TestOrg;
const compliance = () => actorFor(org, 'compliance');

async function activeGrantFor(personId: string, privilegeId: string): Promise<string> {
  const { grantId } = await requestAccess(compliance(), {
    personId,
    privilegeId,
    justification: 'Support agent needs payment status lookups',
    durationDays: 30,
  });
  // The vendor's owner (the manager), then the system's owner (the admin).
  for (const role of ['manager', 'admin'] as const)
    await decideAccessStep(actorFor(org, role), { grantId, decision: 'approve' });
  return grantId;
}

async function grantStatus(grantId: string) {
  const [row] = await asOwner((tx) =>
    tx
      .select({ status: accessGrants.status })
      .from(accessGrants)
      .where(eq(accessGrants.id, grantId)),
  );
  return row?.status;
}

async function screenedStaff(vendorId: string, email: string) {
  return createPerson(
    compliance(),
    personInputSchema.parse({
      email,
      fullName: email.split('@')[0],
      type: 'vendor_staff',
      vendorId,
      identityVerified: true,
      backgroundCheckStatus: 'clear',
    }),
  );
}

async function liveVendor(name: string, contractEnd: string) {
  const vendor = await createVendor(
    compliance(),
    vendorInputSchema.parse({
      name,
      contractEnd,
      ownerUserId: org.users.manager.id,
      questionnaire: { dataCategories: [] },
    }),
  );
  for (const status of ['onboarding', 'active'] as const)
    await changeVendorStatus(
      compliance(),
      changeVendorStatusSchema.parse({ vendorId: vendor.id, status, reason: 'Review passed' }),
    );
  return vendor.id;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('contract-end', { pseudonymize: false });
});
afterAll(() => teardown());

describe('contract end', () => {
  it('revokes the vendor’s people’s grants the day after the contract ends, once, and spares the rest', async () => {
    const system = await createSystem(
      compliance(),
      systemInputSchema.parse({
        name: 'Support Desk',
        ownerUserId: org.users.admin.id,
        criticality: 'medium',
        privileges: [{ name: 'view_tickets', sensitivity: 'low' }],
      }),
    );
    const [privilege] = (await getSystem(compliance(), { systemId: system.id })).privileges;
    const ending = await liveVendor('Ending Support', '2099-01-01');
    const renewed = await liveVendor('Renewed Support', '2099-01-01');
    const leaving = await screenedStaff(ending, 'jun@ending.test');
    const staying = await screenedStaff(renewed, 'li@renewed.test');
    const leavingGrant = await activeGrantFor(leaving.id, privilege!.id);
    const stayingGrant = await activeGrantFor(staying.id, privilege!.id);
    expect(await grantStatus(leavingGrant)).toBe('active');

    // The contract end passes (set as the owner: the calendar moved, not a user).
    await asOwner((tx) =>
      tx.update(vendors).set({ contractEnd: '2026-01-31' }).where(eq(vendors.id, ending)),
    );
    const swept = await sweepOrganizationGrants(org.id, new Date('2026-02-01T09:00:00Z'));
    expect(swept.revokedContractEnded).toBe(1);
    expect(await grantStatus(leavingGrant)).toBe('revoked');
    expect(await grantStatus(stayingGrant)).toBe('active');
    const audit = await asOwner((tx) =>
      tx
        .select({ after: auditLog.after, actorLabel: auditLog.actorLabel })
        .from(auditLog)
        .where(
          and(eq(auditLog.entityId, leavingGrant), eq(auditLog.action, 'access.grant_revoked')),
        ),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toBe('scheduler');
    expect(audit[0]!.after).toMatchObject({ reason: 'Their vendor’s contract has ended.' });

    // Re-running finds nothing left to end.
    expect(
      (await sweepOrganizationGrants(org.id, new Date('2026-02-01T10:00:00Z')))
        .revokedContractEnded,
    ).toBe(0);
  });
});
