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
    actor: 'agent@det.test',
    system: 'Support Console',
    action: 'ticket.view',
    ticket_id: 'T-1',
    ip: '81.2.69.160',
    country: 'GB',
    city: 'London',
    ...extra,
  });
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('det');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  await createPerson(
    compliance,
    personInputSchema.parse({
      email: 'agent@det.test',
      fullName: 'Agent Smith',
      type: 'employee',
      country: 'GB',
      timezone: 'Europe/London',
    }),
  );
});
afterAll(() => teardown());

describe('detection after ingest', () => {
  it('runs as a job per batch, explains itself, links evidence and is idempotent', async () => {
    // 30 working days of ordinary daytime ticket work in London: a mature baseline.
    const baseline: string[] = [];
    for (let d = 0; d < 30; d++)
      for (let h = 0; h < 4; h++) baseline.push(event(`b-${d}-${h}`, T0 + d * DAY + h * 3_600_000));
    await ingestEvents(actor, 'ndjson', [baseline.join('\n')], { channel: 'cli' });
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);

    const attackDay = T0 + 31 * DAY;
    const attack = [
      event('a-1', attackDay),
      // 20 minutes later from Manila: no airliner does that.
      event('a-2', attackDay + 20 * 60_000, { ip: '112.198.0.1', country: 'PH', city: 'Manila' }),
      // And a bulk export of 1,500 customer records with no ticket.
      event('a-3', attackDay + 30 * 60_000, {
        action: 'customer.export',
        record_count: 1500,
        ticket_id: null,
        resource: 'customers-all',
      }),
    ];
    const summary = await ingestEvents(actor, 'ndjson', [attack.join('\n')], { channel: 'cli' });
    expect(summary.inserted).toBe(3);
    const run = await runDueJobs({ workerId: 'test' });
    // The batch's detection and the dashboard regrouping it enqueues; risk recomputes join them
    // only if their 10-second windows closed meanwhile (this batch's, and on a slow machine the
    // baseline batch's too).
    expect(run.dead).toBe(0);
    expect(run.done).toBeGreaterThanOrEqual(2);
    expect(run.done).toBeLessThanOrEqual(4);

    const open = await listSignals(
      actorFor(org, 'compliance'),
      listSignalsSchema.parse({ status: 'open' }),
    );
    const kinds = open.items.map((s) => s.kind);
    // Canonical events carry no coordinates, so impossible travel (which needs them) stays quiet;
    // the country never seen in the baseline and the export do fire.
    expect(kinds).toContain('new_country');
    expect(kinds).toContain('bulk_record_access');
    const travel = open.items.find((s) => s.kind === 'new_country')!;
    expect(travel.explanation).toMatch(/PH/);
    const detail = await getSignal(actorFor(org, 'auditor'), { signalId: travel.id });
    expect(detail.evidence.map((e) => e.country)).toContain('PH');

    // Re-running over the same batch finds the same signals and creates none.
    const again = await detectEvents(
      org.id,
      { batchId: summary.batchId },
      { type: 'system', id: null, label: 'test' },
    );
    expect(again.created).toBe(0);
    expect(again.updated).toBeGreaterThanOrEqual(2);

    // A dismissed signal stays dismissed when detection re-runs.
    expect(() => triageSignalSchema.parse({ signalId: travel.id, action: 'dismiss' })).toThrow(
      /Say why/,
    );
    await triageSignal(
      actorFor(org, 'compliance'),
      triageSignalSchema.parse({
        signalId: travel.id,
        action: 'dismiss',
        reason: 'Known VPN exit in Manila for the support team',
      }),
    );
    await detectEvents(
      org.id,
      { batchId: summary.batchId },
      { type: 'system', id: null, label: 'test' },
    );
    expect((await getSignal(actorFor(org, 'compliance'), { signalId: travel.id })).status).toBe(
      'dismissed',
    );
  });
});
