import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { signalsOverTimeSchema } from '@/server/domain/overview/inputs';
import { isoDay } from '@/server/domain/time';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { signalsOverTime, overviewDashboard } from '@/server/services/overview/overview-queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Names in signal and risk reads; pseudonyms are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let personA: string;
let personB: string;

const day = (daysAgo: number) => isoDay(new Date(Date.now() - daysAgo * 86_400_000));

async function addSignal(
  orgId: string,
  personId: string,
  kind: string,
  daysAgo: number,
  status = 'open',
) {
  const at = `${day(daysAgo)}T12:00:00Z`;
  await asOwner((tx) =>
    tx.execute(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key,
        explanation, detector_version, status)
      values (${orgId}, ${kind}, ${personId}, 'high', ${at}::timestamptz, ${at}::timestamptz,
        ${`${kind}:${personId}:${daysAgo}:${Math.random()}`}, 'test', 'test', ${status})`),
  );
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('dash-a', NAMES);
  b = await createTestOrg('dash-b', NAMES);
  personA = (
    await createPerson(
      actorFor(a, 'compliance'),
      personInputSchema.parse({
        email: 'p@dash-a.test',
        fullName: 'Pat A',
        type: 'employee',
      }),
    )
  ).id;
  personB = (
    await createPerson(
      actorFor(b, 'compliance'),
      personInputSchema.parse({
        email: 'p@dash-b.test',
        fullName: 'Pat B',
        type: 'employee',
      }),
    )
  ).id;
});
afterAll(() => teardown());

describe('signals-over-time pre-aggregate', () => {
  it('counts signals per day and kind from the aggregate, per tenant, after a refresh', async () => {
    await addSignal(a.id, personA, 'off_hours', 2);
    await addSignal(a.id, personA, 'off_hours', 2, 'dismissed');
    await addSignal(a.id, personA, 'new_country', 2);
    await addSignal(a.id, personA, 'volume_spike', 40); // outside a 30-day chart
    await addSignal(b.id, personB, 'off_hours', 2);

    const compliance = actorFor(a, 'compliance');
    // Nothing until the job regroups: the chart never scans signals itself.
    expect(
      (await signalsOverTime(compliance, signalsOverTimeSchema.parse({ days: 30 }))).kinds,
    ).toEqual([]);

    await refreshSignalDailyCounts(a.id);
    const chart = await signalsOverTime(compliance, signalsOverTimeSchema.parse({ days: 30 }));
    expect(chart.days).toHaveLength(30);
    expect(chart.kinds).toEqual(['off_hours', 'new_country']);
    const two = chart.days.find((d) => d.day === day(2))!;
    expect(two.byKind).toEqual({ off_hours: 2, new_country: 1 });
    expect(two.total).toBe(3);
    expect(chart.days.reduce((s, d) => s + d.total, 0)).toBe(3);

    const stored = await rawRows<{ open: number; signals: number }>(
      sql`select open, signals from signal_daily_counts where org_id = ${a.id} and kind = 'off_hours'`,
    );
    expect(stored).toEqual([{ open: 1, signals: 2 }]);
    // Organization B's signal stays B's.
    expect(
      (await rawRows(sql`select 1 from signal_daily_counts where org_id = ${b.id}`)).length,
    ).toBe(0);
  });

  it('is regrouped by a job after each detected batch', async () => {
    const compliance = actorFor(a, 'compliance');
    await ingestEvents(
      { ...compliance, audit: userActor(compliance) },
      'ndjson',
      [
        JSON.stringify({
          event_id: 'e-1',
          occurred_at: new Date(Date.now() - 86_400_000).toISOString(),
          actor: 'p@dash-a.test',
          system: 'Support Console',
          action: 'ticket.view',
        }),
      ],
      { channel: 'cli' },
    );
    await addSignal(a.id, personA, 'mfa_tampering', 1);
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
    const kinds = await rawRows<{ kind: string; status: string }>(
      sql`select kind, status from jobs where kind like 'dashboard.%' order by kind`,
    );
    expect(kinds).toEqual([{ kind: 'dashboard.refresh_org', status: 'done' }]);
    const chart = await signalsOverTime(compliance, signalsOverTimeSchema.parse({ days: 30 }));
    expect(chart.days.find((d) => d.day === day(1))!.byKind).toEqual({ mfa_tampering: 1 });
  });

  it('is for readers of signals only, and rejects a silly period', async () => {
    await expect((await callerFor(a, 'manager')).overview.signalsOverTime({})).rejects.toThrow(
      /role does not allow/i,
    );
    await expect(
      (await callerFor(a, 'auditor')).overview.signalsOverTime({ days: 3 }),
    ).rejects.toThrow();
    expect((await (await callerFor(a, 'auditor')).overview.signalsOverTime({})).days).toHaveLength(
      30,
    );
  });

  it('feeds the overview panels from the score tables and their daily band counts', async () => {
    await recomputeOrgRisk(a.id);
    const board = await overviewDashboard(actorFor(a, 'compliance'));
    expect(board.risk!.day).toBe(isoDay(new Date()));
    const people = Object.values(board.risk!.people).reduce((x, y) => x + y, 0);
    expect(people).toBe(1);
    expect(board.risk!.topPeople).toEqual([
      expect.objectContaining({ id: personA, name: 'Pat A', vendor: null }),
    ]);
    // Pat's open high-severity signals put points on the compromise score.
    expect(board.risk!.topPeople[0]!.compromise).toBeGreaterThan(0);
    expect(board.cases).toEqual({ open: 0, bySeverity: {} });
    expect(board.overdue).toMatchObject({ pendingRequests: 0, openWatchlistMatches: 0 });

    // Managers see neither organization-wide risk nor cases; B sees only B.
    const manager = await overviewDashboard(actorFor(a, 'manager'));
    expect(manager).toEqual({
      risk: null,
      cases: null,
      overdue: null,
      accessReviews: [],
      attestations: null,
    });
    const other = await overviewDashboard(actorFor(b, 'compliance'));
    expect(other.risk!.topPeople.map((p) => p.id)).not.toContain(personA);
  });
});
