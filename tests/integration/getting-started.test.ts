import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { gettingStarted } from '@/server/services/overview/getting-started';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('first-steps');
});
afterAll(() => teardown());

describe('getting started', () => {
  it('counts what a new organization has set up, capped at two', async () => {
    const compliance = actorFor(org, 'compliance');
    expect(await gettingStarted(compliance)).toEqual({
      vendors: 0,
      systems: 0,
      people: 0,
      logBatches: 0,
      connectors: 0,
      members: 2, // the test organization has four members: "more than one"
      openInvitations: 0,
    });
    for (const name of ['First Vendor', 'Second Vendor', 'Third Vendor'])
      await createVendor(compliance, vendorInputSchema.parse({ name, questionnaire: {} }));
    expect((await gettingStarted(compliance)).vendors).toBe(2);
  });
});
