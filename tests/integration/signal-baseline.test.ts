import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema, vendorInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { userActor } from '@/server/services/audit/log';
import { detectEvents } from '@/server/services/detectors/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import type { OrgActor } from '@/server/services/shared/actor';
import { signalBaseline } from '@/server/services/signals/baseline-queries';
import { listSignals } from '@/server/services/signals/queries';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;

const DAY = 86_400_000;
// Midnight UTC, 1 Oct 2026; Manila is UTC+8, so 01:00–06:00 UTC is its working morning.
const T0 = Date.UTC(2026, 9, 1);
const SPIKE_DAY = 31;

function event(actor: string, id: string, at: number, records: number, extra = {}) {
  return JSON.stringify({
    event_id: id,
    occurred_at: new Date(at).toISOString(),
    actor,
    system: 'Support Console',
    action: 'customer.view',
    resource: `cust-${id}`,
    record_count: records,
    ticket_id: 'T-1',
    country: 'PH',
    ...extra,
  });
}

async function ingest(actor: OrgActor, lines: string[]) {
  const summary = await ingestEvents(
    { ...actor, audit: userActor(actor) },
    'ndjson',
    [lines.join('\n')],
    { channel: 'cli' },
  );
  await detectEvents(
    actor.orgId,
    { batchId: summary.batchId },
    {
      type: 'system',
      id: null,
      label: 'test',
    },
  );
}

/**
 * One vendor of six agents in Manila: the person reads 10 records a day for 30 days, the five
 * peers 20 (and one of them 40 on two days), then the person reads 500 on day 31, once from NL.
 * Two events a day make the baselines mature (50 events, docs/DETECTORS.md §Hygiene).
 */
async function seedVendorTeam(org: TestOrg, domain: string) {
  const admin = actorFor(org, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({ name: `Support ${domain}`, questionnaire: {} }),
  );
  const emails = ['agent', 'peer1', 'peer2', 'peer3', 'peer4', 'peer5'].map(
    (n) => `${n}@${domain}`,
  );
  for (const email of emails)
    await createPerson(
      admin,
      personInputSchema.parse({
        email,
        fullName: `Agent ${email.split('@')[0]}`,
        type: 'vendor_staff',
        vendorId: vendor.id,
        country: 'PH',
        timezone: 'Asia/Manila',
      }),
    );
  const history: string[] = [];
  for (let d = 1; d <= 30; d++)
    emails.forEach((email, i) => {
      const records = i === 0 ? 10 : i === 1 && (d === 14 || d === 15) ? 40 : 20;
      // 02:00 and 03:00 UTC are 10:00 and 11:00 in Manila: the same local day as the UTC one.
      for (const h of [2, 3])
        history.push(
          event(email, `${domain}-${d}-${i}-${h}`, T0 + d * DAY + h * 3_600_000, records / 2),
        );
    });
  await ingest(admin, history);
  await ingest(admin, [
    // 23:30 UTC on day 30 is 07:30 on day 31 in Manila: the person's day 31, not day 30.
    event(emails[0]!, `${domain}-spike-1`, T0 + (SPIKE_DAY - 1) * DAY + 23.5 * 3_600_000, 250),
    event(emails[0]!, `${domain}-spike-2`, T0 + SPIKE_DAY * DAY + 3 * 3_600_000, 250, {
      country: 'NL',
    }),
  ]);
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('sig-base-a');
  b = await createTestOrg('sig-base-b');
  await seedVendorTeam(a, 'a.test');
  await seedVendorTeam(b, 'b.test');
});
afterAll(() => teardown());

async function spikeOf(org: TestOrg) {
  const list = await listSignals(
    actorFor(org, 'compliance'),
    listSignalsSchema.parse({ status: 'all', kind: 'volume_spike' }),
  );
  expect(list.items).toHaveLength(1);
  return list.items[0]!;
}

describe('signalBaseline', () => {
  it('gives the person’s days in their zone, their median, and the vendor peers’ median and p99', async () => {
    const spike = await spikeOf(a);
    expect(spike.severity).toBe('high');
    const base = await signalBaseline(actorFor(a, 'auditor'), { signalId: spike.id });
    if (base.type !== 'daily') throw new Error('expected a daily chart');
    expect(base.metric).toBe('records');
    expect(base.timezone).toBe('Asia/Manila');
    expect(base.signalDay).toBe('2026-11-01');
    expect(base.days).toHaveLength(31);
    expect(base.days.at(-1)).toEqual({ day: '2026-11-01', value: 500, signal: true });
    expect(base.days.filter((d) => d.signal)).toHaveLength(1);
    // Day 0 (1 Oct) had no activity: a zero, not a gap.
    expect(base.days[0]).toEqual({ day: '2026-10-02', value: 10, signal: false });
    expect(base.person).toEqual({ median: 10, activeDays: 30 });
    // 30 days × 10 (the person) + 148 × 20 + 2 × 40 (peers): median 20; p99 (type 7) lies 0.21
    // of the way from the 178th of the 180 values (20) to the 179th (40).
    expect(base.peers).toMatchObject({ basis: 'vendor', members: 6, median: 20, sampled: false });
    expect(base.peers!.p99).toBeCloseTo(20 + 0.21 * 20, 5);
  });

  it('reads only the caller’s organization', async () => {
    const foreign = await spikeOf(b);
    await expect(
      signalBaseline(actorFor(a, 'compliance'), { signalId: foreign.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Org B's identical team does not count among org A's peers (6 members, not 12).
    const own = await signalBaseline(actorFor(a, 'compliance'), {
      signalId: (await spikeOf(a)).id,
    });
    expect(own.type === 'daily' && own.peers?.members).toBe(6);
  });

  it('has no chart for kinds whose story is not a daily count', async () => {
    const list = await listSignals(
      actorFor(a, 'compliance'),
      listSignalsSchema.parse({ status: 'all' }),
    );
    const travel = list.items.find((s) => s.kind === 'new_country');
    expect(travel).toBeDefined();
    expect(await signalBaseline(actorFor(a, 'compliance'), { signalId: travel!.id })).toEqual({
      type: 'none',
    });
  });
});
