import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendors } from '@/db/schema';
import { SharedReads } from '@/db/shared-reads';
import { ownTenantTransaction, withTenant } from '@/db/tenant';
import { vendorInputSchema } from '@/server/domain/inventory/inputs';
import { resolveSession, startUserSession } from '@/server/services/auth/sessions';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { createCaller } from '@/server/trpc/root';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// The page render's shared read-only transaction (db/shared-reads.ts). On PGlite the app never
// shares (anyDriver forces it here); `npm run test:pg` runs the same on PostgreSQL.

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('shared-a');
  b = await createTestOrg('shared-b');
  await createVendor(
    actorFor(a, 'admin'),
    vendorInputSchema.parse({ name: 'Alpha Hosting', questionnaire: {} }),
  );
  await createVendor(
    actorFor(b, 'admin'),
    vendorInputSchema.parse({ name: 'Beta Payroll', questionnaire: {} }),
  );
});
afterAll(() => teardown());

const shared = (width = 1) => new SharedReads(ownTenantTransaction, { anyDriver: true, width });

async function renderCaller(org: TestOrg, reads: SharedReads) {
  const userId = org.users.compliance.id;
  const { sessionId, sessionVersion } = await startUserSession(userId);
  const claims = { userId, orgId: org.id, sessionVersion, sessionId };
  // As the server caller does: one resolution of the session for the render, done first.
  const view = resolveSession(claims);
  await view;
  return createCaller({
    session: claims,
    meta: { requestId: 'test', ip: '127.0.0.1' },
    sessionView: () => view,
    sharedReads: reads,
  });
}

/** The settings a connection is left with once no transaction is open. */
const leftover = () =>
  rawRows<{ org: string | null; ro: string; role: string }>(
    sql`select current_setting('app.org_id', true) as org, current_setting('transaction_read_only') as ro, current_user as role`,
  );

describe('shared reads of a page render', () => {
  it('answers concurrent reads as separate calls do, in one transaction', async () => {
    const reads = shared();
    const page = await renderCaller(a, reads);
    const plain = await callerFor(a, 'compliance');
    const [list, people, options] = await Promise.all([
      page.vendors.list({}),
      page.people.list({}),
      page.vendors.options(),
    ]);
    expect(list).toEqual(await plain.vendors.list({}));
    expect(people).toEqual(await plain.people.list({}));
    expect(options).toEqual(await plain.vendors.options());
    expect(list.vendors.map((v) => v.name)).toEqual(['Alpha Hosting']);
    expect(reads.opened).toBe(1);
    // A refusal from a service is the same error as without sharing.
    await expect(
      page.vendors.get({ vendorId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/No such vendor/);
    // Committed once idle, and nothing it set outlives it.
    await new Promise((r) => setTimeout(r, 20));
    const [after] = await leftover();
    expect(after?.org ?? '').toBe('');
    expect(after?.ro).toBe('off');
    expect(after?.role).not.toBe('vigil_app');
  });

  it('keeps tenants apart: another tenant in the same render gets its own transaction', async () => {
    const reads = shared();
    const [inA, inB] = await reads.enter(() =>
      Promise.all([
        withTenant({ orgId: a.id, userId: a.users.admin.id }, (tx) =>
          tx.select({ name: vendors.name }).from(vendors),
        ),
        withTenant({ orgId: b.id, userId: b.users.admin.id }, (tx) =>
          tx.select({ name: vendors.name }).from(vendors),
        ),
      ]),
    );
    expect(inA.map((v) => v.name)).toEqual(['Alpha Hosting']);
    expect(inB.map((v) => v.name)).toEqual(['Beta Payroll']);
    expect(reads.opened).toBe(1);
  });

  it('runs a write on its own (read-only refuses it there) and a failing statement too', async () => {
    const reads = shared();
    const scope = { orgId: a.id, userId: a.users.admin.id };
    const [written, failed, read] = await reads.enter(() =>
      Promise.all([
        withTenant(scope, (tx) =>
          tx
            .insert(vendors)
            .values({
              orgId: a.id,
              name: 'Gamma Written',
              tier: 'low',
              inherentTier: 'low',
              questionnaire: {},
            })
            .returning({ name: vendors.name }),
        ),
        withTenant(scope, (tx) => tx.execute(sql`select 1 / 0`)).catch((e: Error) => e),
        withTenant(scope, (tx) => tx.select({ name: vendors.name }).from(vendors)),
      ]),
    );
    expect(written).toEqual([{ name: 'Gamma Written' }]);
    expect(failed).toBeInstanceOf(Error);
    expect(read.map((v) => v.name)).toContain('Alpha Hosting');
    // After a database error the render stops sharing: later reads take their own transaction.
    const later = await reads.enter(() =>
      withTenant(scope, (tx) => tx.select({ name: vendors.name }).from(vendors)),
    );
    expect(later.map((v) => v.name).sort()).toEqual(['Alpha Hosting', 'Gamma Written']);
    expect(reads.opened).toBe(1);
  });

  it('never runs mutations in it', async () => {
    const reads = shared();
    const page = await renderCaller(a, reads);
    const created = await page.vendors.create({ name: 'Delta Created', questionnaire: {} });
    expect(created.tier).toBe('low');
    expect(reads.opened).toBe(0);
  });

  it('reopens for a read that comes after it closed', async () => {
    const reads = shared();
    const page = await renderCaller(a, reads);
    await page.vendors.list({});
    await new Promise((r) => setTimeout(r, 20));
    await page.vendors.list({});
    expect(reads.opened).toBe(2);
  });

  it('opens up to its width of transactions for reads in flight together, and none at width 0', async () => {
    const wide = shared(2);
    const page = await renderCaller(a, wide);
    await Promise.all([page.vendors.list({}), page.people.list({}), page.vendors.options()]);
    expect(wide.opened).toBe(2);
    const off = shared(0);
    const plain = await renderCaller(a, off);
    await Promise.all([plain.vendors.list({}), plain.people.list({})]);
    expect(off.opened).toBe(0);
  });
});
