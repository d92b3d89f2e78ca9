import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema, triageSignalSchema } from '@/server/domain/signals/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { detectEvents } from '@/server/services/detectors/run';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { getSignal, listSignals } from '@/server/services/signals/queries';
import { triageSignal } from '@/server/services/signals/triage';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 9, 0); // 1 Oct 2026 09:00 UTC

function event(id: string, at: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    event_id: id,
    occurred_at: new Date(at).toISOString(),
    actor: 'chain@det.test',
    system: 'Support Console',
    action: 'ticket.view',
    ticket_id: 'T-1',
    ip: '81.2.69.160',
    country: 'GB',
    city: 'London',
    ...extra,
  });
}

async function ingestAndDetect(lines: string[]) {
  const summary = await ingestEvents(actor, 'ndjson', [lines.join('\n')], { channel: 'cli' });
  expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
  return summary;
}

const chainsOf = async () =>
  (
    await listSignals(
      actorFor(org, 'compliance'),
      listSignalsSchema.parse({ kind: 'incident_chain', status: 'all' }),
    )
  ).items;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('chain');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  await createPerson(
    compliance,
    personInputSchema.parse({
      email: 'chain@det.test',
      fullName: 'Chain Person',
      type: 'employee',
      country: 'GB',
      timezone: 'Europe/London',
    }),
  );
});
afterAll(() => teardown());

describe('incident chains after ingest', () => {
  it('joins parts stored by an earlier batch with a new one, refreshing one chain', async () => {
    const baseline: string[] = [];
    for (let d = 0; d < 30; d++)
      for (let h = 0; h < 4; h++)
        baseline.push(event(`cb-${d}-${h}`, T0 + d * DAY + h * 3_600_000));
    await ingestAndDetect(baseline);
    expect(await chainsOf()).toEqual([]);

    // Batch 2: at 01:10Z, an AnyDesk session from Romania, never seen before.
    const night = Date.UTC(2026, 10, 1, 1, 10);
    await ingestAndDetect([
      event('c-1', night, { user_agent: 'AnyDesk/8.0', country: 'RO', city: 'Bucharest' }),
    ]);
    const [first, ...none] = await chainsOf();
    expect(none).toEqual([]);
    expect(first).toMatchObject({ severity: 'high', status: 'open' });
    expect(first!.explanation).toMatch(/^Remote or foreign access, then data out: /);
    expect(first!.explanation).toContain('AnyDesk session at');
    expect(first!.explanation).toContain('activity from a new country (RO)');
    // Someone looks at it; the next batch must not reopen it.
    await triageSignal(
      actorFor(org, 'compliance'),
      triageSignalSchema.parse({ signalId: first!.id, action: 'acknowledge' }),
    );

    // Batch 3, 30 minutes later: 3,120 customer records exported.
    const third = await ingestAndDetect([
      event('c-2', night + 30 * 60_000, {
        action: 'customer.export',
        record_count: 3120,
        resource: 'customers-all',
        country: 'RO',
        city: 'Bucharest',
      }),
    ]);
    const chains = await chainsOf();
    expect(chains).toHaveLength(1);
    const chain = await getSignal(actorFor(org, 'compliance'), { signalId: first!.id });
    expect(chain).toMatchObject({ severity: 'critical', status: 'acknowledged' });
    expect(chain.explanation).toContain('AnyDesk session at');
    expect(chain.explanation).toContain('then export of 3,120 records at 01:40Z');
    const parts = (chain.stats as { parts: { kind: string; signalId?: string }[] }).parts;
    expect(parts.map((p) => p.kind).sort()).toEqual([
      'bulk_record_access',
      'new_country',
      'remote_access_tool',
      'volume_spike', // 3,120 records against a daily median of 4
    ]);
    expect(parts.every((p) => typeof p.signalId === 'string')).toBe(true);
    // Its evidence is the union of its parts' events, across both batches.
    expect(chain.evidence.length).toBeGreaterThanOrEqual(2);

    // Re-running the batch refreshes the chain rather than adding one.
    const again = await detectEvents(
      org.id,
      { batchId: third.batchId },
      { type: 'system', id: null, label: 'test' },
    );
    expect(again.byKind.incident_chain).toEqual({ created: 0, updated: 1 });
    expect(await chainsOf()).toHaveLength(1);
  });
});
