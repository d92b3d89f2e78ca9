import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import {
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { riskReport } from '@/server/services/risk/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { rescreen } from '@/server/services/screening/matches';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Names in signal and risk reads; pseudonyms are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
const ids = {
  vendor: '',
  jun: '',
  quiet: [] as string[],
  employee: '',
  criticalPrivilege: '',
  system: '',
};

const HOUR = 3_600_000;

async function insertSignal(personId: string, kind: string, severity: string, key: string) {
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, stats)
    values (${org.id}, ${kind}, ${personId}, ${ids.vendor}, ${severity}, now() - interval '2 hours', now() - interval '1 hour',
      ${key}, 'test signal', 'test', '{"sensitiveEvents": 3}'::jsonb)
    returning id`);
  return row!.id;
}

async function riskJobs() {
  return rawRows<{ id: number; status: string; run_at: string }>(sql`
    select id, status, run_at from jobs
    where kind = 'risk.recompute_org' and payload->>'orgId' = ${org.id} order by id`);
}

/** Makes queued recompute jobs due now (they wait for their 10-second window to close). */
async function runRecomputeJobs() {
  await rawRows(
    sql`update jobs set run_at = now() where kind = 'risk.recompute_org' and status = 'queued'`,
  );
  const run = await runDueJobs({ workerId: 'risk-test' });
  expect(run.dead).toBe(0);
}

async function personRisk(role: 'admin' | 'compliance' | 'auditor' | 'manager', personId: string) {
  return (await callerFor(org, role)).risk.person({ personId });
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('rsk', NAMES);
  other = await createTestOrg('oth', NAMES);
  const admin = actorFor(org, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Manila Risk Partners',
      questionnaire: { productionAccess: true },
      country: 'PH',
    }),
  );
  ids.vendor = vendor.id;
  const person = async (email: string, vendorId?: string) =>
    (
      await createPerson(
        admin,
        personInputSchema.parse({
          email,
          fullName: email.split('@')[0]!,
          type: vendorId ? 'vendor_staff' : 'employee',
          vendorId,
        }),
      )
    ).id;
  ids.jun = await person('jun@rsk.test', vendor.id);
  for (let i = 0; i < 4; i++) ids.quiet.push(await person(`quiet${i}@rsk.test`, vendor.id));
  ids.employee = await person('employee@rsk.test');
  const system = await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Customer Console',
      privileges: [
        { name: 'view', sensitivity: 'low' },
        { name: 'export', sensitivity: 'critical' },
      ],
    }),
  );
  ids.system = system.id;
  const privs = (await getSystem(admin, { systemId: system.id })).privileges;
  ids.criticalPrivilege = privs.find((p) => p.sensitivity === 'critical')!.id;
  await rawRows(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at)
    values (${org.id}, ${ids.jun}, ${ids.system}, ${ids.criticalPrivilege}, 'active', 'import', 'fixture grant', now())`);
  await rawRows(sql`delete from jobs`);
});
afterAll(() => teardown());

describe('person scores', () => {
  let signalId = '';

  it('a new signal moves the score up, with a ledger row pointing at it', async () => {
    await recomputeOrgRisk(org.id);
    const before = await personRisk('compliance', ids.jun);
    expect(before.score?.compromise).toBe(0);
    // Access alone is exposure for bribery, never compromise.
    expect(before.factors.some((f) => f.factor === 'exposure:critical_access')).toBe(true);

    signalId = await insertSignal(ids.jun, 'bulk_record_access', 'critical', 'risk:1');
    await recomputeOrgRisk(org.id);
    const after = await personRisk('compliance', ids.jun);
    expect(after.score!.compromise).toBeGreaterThan(50);
    expect(after.score!.bribery).toBeGreaterThan(before.score!.bribery);
    const rows = after.factors.filter((f) => f.evidenceId === signalId);
    expect(rows.map((r) => r.score).sort()).toEqual(['bribery', 'compromise']);
    // Every point has a reason: each score's rows add up to it exactly (in tenths).
    for (const score of ['bribery', 'compromise'] as const) {
      const tenths = after.factors
        .filter((f) => f.score === score)
        .reduce((s, f) => s + Math.round(f.points * 10), 0);
      expect(tenths).toBe(Math.round(after.score![score] * 10));
    }
    expect(after.signals.find((s) => s.id === signalId)?.counted).toBe(true);
    expect(after.grants[0]?.sensitivity).toBe('critical');
    expect(after.history.at(-1)?.compromise).toBe(after.score!.compromise);
  });

  it('triage enqueues a recompute; a dismissed signal stops counting', async () => {
    await rawRows(sql`delete from jobs`);
    const caller = await callerFor(org, 'compliance');
    await caller.signals.triage({ signalId, action: 'dismiss', reason: 'test data, not real' });
    const jobs = await riskJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.status).toBe('queued');
    // A burst coalesces into the same job.
    await caller.signals.triage({ signalId, action: 'reopen' });
    await caller.signals.triage({ signalId, action: 'dismiss', reason: 'test data, not real' });
    expect((await riskJobs()).length).toBeLessThanOrEqual(2);
    await runRecomputeJobs();
    const after = await personRisk('compliance', ids.jun);
    expect(after.score!.compromise).toBe(0);
    expect(after.factors.some((f) => f.evidenceId === signalId)).toBe(false);
    expect(after.signals.find((s) => s.id === signalId)?.counted).toBe(false);
  });

  it('detection after ingest enqueues a recompute', async () => {
    await rawRows(sql`delete from jobs`);
    const compliance = actorFor(org, 'compliance');
    const at = new Date(Date.now() - 2 * HOUR).toISOString();
    await ingestEvents(
      { ...compliance, audit: userActor(compliance) },
      'ndjson',
      [
        JSON.stringify({
          event_id: 'r-1',
          occurred_at: at,
          actor: 'jun@rsk.test',
          system: 'Customer Console',
          action: 'customer.view',
          record_count: 12,
        }),
      ],
      { channel: 'cli' },
    );
    await runDueJobs({ workerId: 'risk-test' }); // runs detect.batch
    expect((await riskJobs()).filter((j) => j.status === 'queued')).toHaveLength(1);
    await runRecomputeJobs();
    const jun = await personRisk('compliance', ids.jun);
    // Records touched in the last 30 days are exposure for bribery.
    expect(jun.factors.some((f) => f.factor === 'exposure:records_touched')).toBe(true);
  });
});

describe('vendor roll-up', () => {
  it('uses the max and a high quantile of its people, never the mean', async () => {
    await insertSignal(ids.jun, 'remote_access_tool', 'critical', 'risk:2');
    await recomputeOrgRisk(org.id);
    const v = await (await callerFor(org, 'auditor')).risk.vendor({ vendorId: ids.vendor });
    const risks = v.topPeople.map((p) => p.risk);
    expect(v.topPeople[0]?.id).toBe(ids.jun);
    const max = Math.max(...risks);
    const mean = risks.reduce((s, r) => s + r, 0) / risks.length;
    const maxRow = v.factors.find((f) => f.factor === 'people:max');
    expect(maxRow?.evidenceId).toBe(ids.jun);
    expect(v.score!.risk).toBeGreaterThanOrEqual(Math.min(100, 0.6 * max));
    expect(v.score!.risk).toBeGreaterThan(mean);
    expect(v.history.at(-1)?.risk).toBe(v.score!.risk);
    // The vendor list shows the same score and band in its Risk column.
    const list = await (await callerFor(org, 'auditor')).vendors.list({});
    const row = list.vendors.find((x) => x.id === ids.vendor);
    expect([row?.risk, row?.riskBand]).toEqual([v.score!.risk, v.score!.band]);
  });

  it('rewrites only what changed: a second run with nothing new writes no person rows', async () => {
    const again = await recomputeOrgRisk(org.id);
    expect(again.people).toBe(6);
    expect(again.changed).toBe(0);
    const v = await (await callerFor(org, 'auditor')).risk.vendor({ vendorId: ids.vendor });
    expect(v.topPeople).toHaveLength(5);
    expect((await personRisk('compliance', ids.jun)).factors.length).toBeGreaterThan(0);
  });

  it('keeps the pre-aggregate of people per band in step', async () => {
    const bands = await rawRows<{ band: string; count: number }>(sql`
      select band, count from risk_band_daily
      where org_id = ${org.id} and subject_type = 'person' and day = current_date`);
    expect(bands.reduce((s, b) => s + Number(b.count), 0)).toBe(6);
  });
});

describe('weights', () => {
  it('refuses invalid weights with a clear error and changes nothing', async () => {
    const admin = await callerFor(org, 'admin');
    const err = await admin.risk
      .updateWeights({ weights: { severityPoints: { critical: 500 } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    expect((err as TRPCError).message).toContain('severityPoints.critical');
    expect((await admin.risk.weights()).customized).toBe(false);
  });

  it('previews, saves with an audit entry, enqueues a recompute and changes the score', async () => {
    const admin = await callerFor(org, 'admin');
    const before = (await personRisk('admin', ids.jun)).score!;
    // Exposure alone is bounded by the base cap (docs/RISK.md §Exposure): raising it moves the
    // bribery score of a person with only exposure there.
    const weights = { exposure: { baseCap: 12 } };
    const preview = await admin.risk.previewWeights({ weights, top: 3 });
    expect(preview.after[0]?.personId).toBe(ids.jun);
    expect(preview.after[0]!.risk).toBeGreaterThanOrEqual(preview.before[0]!.risk);
    expect(preview.names[ids.jun]).toBe('jun');

    await rawRows(sql`delete from jobs`);
    await admin.risk.updateWeights({ weights });
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${org.id} and action = 'risk.weights_updated'`,
    );
    expect(audit).toHaveLength(1);
    expect(await riskJobs()).toHaveLength(1);
    await runRecomputeJobs();
    const after = (await personRisk('admin', ids.jun)).score!;
    expect(after.bribery).toBeGreaterThan(before.bribery);
    expect((await admin.risk.weights()).weights.exposure.baseCap).toBe(12);
  });
});

describe('who sees scores', () => {
  it('managers see no one outside their scope; other tenants see nothing', async () => {
    const manager = personRisk('manager', ids.jun);
    await expect(manager).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const foreign = (await callerFor(other, 'admin')).risk.person({ personId: ids.jun });
    await expect(foreign).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Row-level security: as the app role in the other tenant, the tables are empty.
    const counts = await withTenant({ orgId: other.id, userId: null }, async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(sql`
          select (select count(*) from person_risk_scores) + (select count(*) from person_risk_factors)
            + (select count(*) from vendor_risk_scores) + (select count(*) from risk_history)
            + (select count(*) from risk_band_daily) + (select count(*) from risk_weights) as n`),
      ),
    );
    expect(Number(counts[0]!.n)).toBe(0);
  });
});

describe('people list', () => {
  it('sorts riskiest first and filters by band, paging by keyset', async () => {
    const caller = await callerFor(org, 'compliance');
    const first = await caller.people.list({ sort: 'risk', limit: 2 });
    expect(first.people[0]?.id).toBe(ids.jun);
    const second = await caller.people.list({ sort: 'risk', limit: 2, cursor: first.nextCursor! });
    const risks = [...first.people, ...second.people].map((p) => p.risk ?? -1);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(second.people.map((p) => p.id)).not.toContain(ids.jun);
    const band = first.people[0]!.riskBand!;
    const inBand = await caller.people.list({ riskBand: band });
    expect(inBand.people.every((p) => p.riskBand === band)).toBe(true);
  });
});

describe('vigil risk --json', () => {
  it('has exactly the documented shape', async () => {
    const report = await riskReport(org.id, { limit: 2 });
    expect(Object.keys(report)).toEqual(['people', 'vendors']);
    expect(Object.keys(report.people[0]!)).toEqual([
      'email',
      'name',
      'vendor',
      'bribery',
      'compromise',
      'band',
      'headline',
      'reasons',
      'factors',
    ]);
    expect(report.people[0]!.email).toBe('jun@rsk.test');
    expect(report.people[0]!.headline).toMatch(/^(Low|Medium|High|Critical|Held at \w+): /);
    expect(Object.keys(report.people[0]!.factors[0]!)).toEqual([
      'factor',
      'label',
      'points',
      'evidence',
    ]);
    expect(Object.keys(report.vendors[0]!)).toEqual(['name', 'risk', 'band', 'factors']);
    expect(report.people).toHaveLength(2);
  });
});

describe('a change that moves most ledgers', () => {
  it('replaces them all in one go and every ledger still adds up', async () => {
    const admin = await callerFor(org, 'admin');
    await admin.risk.updateWeights({
      weights: {
        exposure: { bySensitivity: { critical: 40 } },
        screening: { identityUnverified: 9 },
      },
    });
    const run = await recomputeOrgRisk(org.id);
    expect(run.changed).toBe(6);
    const rows = await rawRows<{ person_id: string; score: string; total: number }>(sql`
      select f.person_id, f.score, round(sum(f.points)::numeric * 10)::int as total
      from person_risk_factors f where f.org_id = ${org.id} group by f.org_id, f.person_id, f.score`);
    const scores = await rawRows<{ person_id: string; bribery: number; compromise: number }>(
      sql`select person_id, bribery, compromise from person_risk_scores where org_id = ${org.id}`,
    );
    expect(scores).toHaveLength(6);
    for (const r of rows) {
      const s = scores.find((x) => x.person_id === r.person_id)!;
      expect(Number(r.total)).toBe(
        Math.round(Number(r.score === 'bribery' ? s.bribery : s.compromise) * 10),
      );
    }
    expect((await recomputeOrgRisk(org.id)).changed).toBe(0);
  });
});

describe('incident-grade evidence and watchlist strength (docs/RISK.md §Holds)', () => {
  const isoDay = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

  it('an untriaged incident weeks old holds the person at high, and says why', async () => {
    const stats = JSON.stringify({ day: isoDay(40), endDate: isoDay(44), successes: 3 });
    const [row] = await rawRows<{ id: string }>(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, created_at, dedupe_key, explanation, detector_version, stats)
      values (${org.id}, 'access_after_termination', ${ids.employee}, 'high', now() - interval '40 days 2 hours',
        now() - interval '40 days', now() - interval '39 days', 'risk:aat', 'test signal', 'test', ${stats}::jsonb)
      returning id`);
    await recomputeOrgRisk(org.id);
    const held = await personRisk('compliance', ids.employee);
    expect(held.score!.compromise).toBeGreaterThanOrEqual(70);
    expect(held.headline).toMatch(
      /^Held at high: used access 4 days after the end date \(\d+ \w+\); untriaged since \d+ \w+$/,
    );
    expect(held.factors.find((f) => f.factor === 'hold:incident')?.evidenceId).toBe(row!.id);
    const report = await riskReport(org.id, { limit: 10 });
    expect(report.people.find((p) => p.email === 'employee@rsk.test')?.headline).toBe(
      held.headline,
    );

    // Acknowledged 30 days ago: the clock started at triage and the hold is gone.
    const caller = await callerFor(org, 'compliance');
    await caller.signals.triage({ signalId: row!.id, action: 'acknowledge' });
    await rawRows(
      sql`update signals set status_at = now() - interval '30 days' where org_id = ${org.id} and id = ${row!.id}`,
    );
    await recomputeOrgRisk(org.id);
    const decayed = await personRisk('compliance', ids.employee);
    expect(decayed.score!.compromise).toBeLessThan(40);
    expect(decayed.factors.some((f) => f.factor.startsWith('hold:'))).toBe(false);
  });

  it('a strong identifier match raises a critical signal and puts the person at critical', async () => {
    const person = ids.quiet[0]!;
    await rawRows(sql`
      insert into watchlist_entries (org_id, source, name, identifiers)
      values (${org.id}, 'test list', 'Somebody Else', '[{"kind":"phone","value":"+15550100"}]'::jsonb)`);
    await rawRows(sql`
      insert into person_identifiers (org_id, person_id, kind, value, raw)
      values (${org.id}, ${person}, 'phone', '+15550100', '+1 555 0100')`);
    const actor = actorFor(org, 'compliance');
    await withTenant({ orgId: org.id, userId: actor.userId }, (tx) =>
      rescreen(tx, org.id, userActor(actor), [person]),
    );
    const [signal] = await rawRows<{ severity: string }>(
      sql`select severity from signals where org_id = ${org.id} and person_id = ${person} and kind = 'watchlist_match'`,
    );
    expect(signal?.severity).toBe('critical');
    await recomputeOrgRisk(org.id);
    const risk = await personRisk('compliance', person);
    expect(risk.score!.bribery).toBeGreaterThanOrEqual(90);
    expect(risk.headline).toMatch(
      /^Critical: open watchlist match on phone \+15550100, not reviewed since \d+ \w+$/,
    );
  });
});
