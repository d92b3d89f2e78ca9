import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { getPersonRisk } from '@/server/services/risk/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { getSignal, listSignals } from '@/server/services/signals/queries';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Names in signal and risk reads; pseudonyms are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;
let personId: string;

const DAY = 86_400_000;
// Monday 7 Sep 2026, 06:00 UTC (07:00 in London).
const MONDAY = Date.UTC(2026, 8, 7, 6, 0);

function event(id: string, at: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    event_id: id,
    occurred_at: new Date(at).toISOString(),
    actor: 'reports@det.test',
    system: 'Support Console',
    action: 'customer.view',
    resource: `cust-${id}`,
    ticket_id: 'T-1',
    ip: '81.2.69.160',
    country: 'GB',
    ...extra,
  });
}

/** Ordinary days plus a Monday report that reads ~500 customers in one hour, for `weeks` weeks. */
function weeksOfWork(weeks: number, reportSize: (week: number) => number): string[] {
  const lines: string[] = [];
  for (let d = 0; d < weeks * 7; d++) {
    const day = MONDAY + d * DAY;
    for (let h = 0; h < 6; h++) lines.push(event(`d${d}-${h}`, day + (3 + h) * 3_600_000));
    if (d % 7 === 0)
      for (let i = 0; i < reportSize(d / 7); i++) lines.push(event(`r${d}-${i}`, day + i * 5_000));
  }
  return lines;
}

const signalsOf = async (kind: string) =>
  (await listSignals(actorFor(org, 'compliance'), listSignalsSchema.parse({ kind, status: 'all' })))
    .items;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('routine', NAMES);
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  personId = (
    await createPerson(
      compliance,
      personInputSchema.parse({
        email: 'reports@det.test',
        fullName: 'Report Runner',
        type: 'employee',
        country: 'GB',
        timezone: 'Europe/London',
      }),
    )
  ).id;
});
afterAll(() => teardown());

describe('routines learned after the fact', () => {
  it('marks the first Mondays of a weekly report once later Mondays repeat it, and scores them less', async () => {
    await ingestEvents(actor, 'ndjson', [weeksOfWork(6, () => 500).join('\n')], {
      channel: 'cli',
    });
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
    const bulk = await signalsOf('bulk_record_access');
    // The early Mondays fired (nothing had repeated yet); the later ones were routine.
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.length).toBeLessThan(6);
    for (const { id } of bulk) {
      const s = await getSignal(actorFor(org, 'compliance'), { signalId: id });
      expect(s.status).toBe('open');
      expect((s.stats as Record<string, unknown>).learnedRoutine).toMatch(
        /^Monday bulk access ~500 records, \d occurrences, 06:00–09:00$/,
      );
    }
    await recomputeOrgRisk(org.id);
    const risk = await getPersonRisk(actorFor(org, 'compliance'), { personId });
    const rows = risk.factors.filter((f) => f.factor === 'signal:bulk_record_access');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((f) => f.label.endsWith('later learned as a routine'))).toBe(true);
  });
});
