import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdSchema, closeCaseSchema, openCaseSchema } from '@/server/domain/cases/inputs';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { closeCase, openCase, startInvestigation } from '@/server/services/cases/case-commands';
import { createPerson } from '@/server/services/inventory/people-commands';
import { runRetention } from '@/server/services/retention/apply';
import { getSignal } from '@/server/services/signals/queries';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg; // short limits: 6 months of events and signals, 12 of closed cases
let b: TestOrg; // the defaults: 12, 24 and 36 months
const ids: Record<string, string> = {};

const monthsAgo = (m: number, day = 10) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, day, 12));
};
const partitionOf = (d: Date) => `access_events_${d.toISOString().slice(0, 7).replace('-', '_')}`;

let n = 0;
async function event(orgId: string, personId: string, at: Date): Promise<string> {
  n += 1;
  await rawRows(
    sql`select vigil_ensure_event_partition(${`${at.toISOString().slice(0, 7)}-01`}::date)`,
  );
  const [row] = await rawRows<{ id: string }>(sql`
    insert into access_events (org_id, occurred_at, source, source_event_id, batch_id, person_id,
      actor_key, actor, action, resource, record_count, ip)
    values (${orgId}, ${at.toISOString()}::timestamptz, 'test', ${`r${n}`}, gen_random_uuid(),
      ${personId}, 'email:x', 'x', 'export', ${`report-${n}.csv`}, 250, '198.51.100.9')
    returning id`);
  return row!.id;
}

async function signal(orgId: string, personId: string, windowEnd: Date, evidence: string[] = []) {
  n += 1;
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key,
      explanation, detector_version, evidence_event_ids, stats)
    values (${orgId}, 'bulk_download', ${personId}, 'high',
      ${new Date(windowEnd.getTime() - 3 * 86_400_000).toISOString()}::timestamptz,
      ${windowEnd.toISOString()}::timestamptz, ${`k:${n}`}, 'Exported 500 records in an hour',
      'test', ${`{${evidence.join(',')}}`}::uuid[], '{"records": 500}'::jsonb)
    returning id`);
  return row!.id;
}

async function closedCase(org: TestOrg, signalId: string, closedMonthsAgo: number) {
  const admin = actorFor(org, 'admin');
  const c = await openCase(
    admin,
    openCaseSchema.parse({ title: 'Old case', severity: 'low', signalIds: [signalId] }),
  );
  await startInvestigation(admin, caseIdSchema.parse({ caseId: c.id }));
  await closeCase(
    admin,
    closeCaseSchema.parse({ caseId: c.id, outcome: 'unsubstantiated', rationale: 'Expected work' }),
  );
  await rawRows(
    sql`update cases set closed_at = ${monthsAgo(closedMonthsAgo).toISOString()}::timestamptz where id = ${c.id}`,
  );
  return c.id;
}

async function count(table: string, orgId: string) {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId}`,
  );
  return row!.n;
}

async function partitions(): Promise<string[]> {
  const rows = await rawRows<{ relname: string }>(sql`
    select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'access_events'::regclass order by 1`);
  return rows.map((r) => r.relname);
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('keep-a');
  b = await createTestOrg('keep-b');
  for (const [org, key] of [
    [a, 'pa'],
    [b, 'pb'],
  ] as const)
    ids[key] = (
      await createPerson(
        actorFor(org, 'admin'),
        personInputSchema.parse({
          email: `${key}@keep.test`,
          fullName: `Person ${key}`,
          type: 'employee',
        }),
      )
    ).id;
  const admin = await callerFor(a, 'admin');
  await admin.retention.update({ accessEventsMonths: 6, signalsMonths: 6, closedCasesMonths: 12 });

  // 20 months ago: past both organizations' limits, so the whole month can go.
  ids.oldB = await event(b.id, ids.pb!, monthsAgo(20));
  ids.oldB2 = await event(b.id, ids.pb!, monthsAgo(20, 11));
  await event(a.id, ids.pa!, monthsAgo(20));
  // 8 months ago: past A's 6 months, within B's 12.
  await event(a.id, ids.pa!, monthsAgo(8));
  await event(a.id, ids.pa!, monthsAgo(8, 12));
  await event(b.id, ids.pb!, monthsAgo(8));
  // Last month: everyone keeps it.
  await event(a.id, ids.pa!, monthsAgo(1));
  await event(b.id, ids.pb!, monthsAgo(1));

  // B keeps signals 24 months: this one outlives its events, dropped with their month.
  ids.bSignal = await signal(b.id, ids.pb!, monthsAgo(20, 11), [ids.oldB, ids.oldB2]);
  // A keeps signals 6 months: an old one goes, one held by an open case stays, one held by a case
  // closed 14 months ago goes with the case, one held by a case closed 3 months ago stays.
  ids.aOld = await signal(a.id, ids.pa!, monthsAgo(9));
  ids.aOpenCase = await signal(a.id, ids.pa!, monthsAgo(9));
  await openCase(
    actorFor(a, 'admin'),
    openCaseSchema.parse({ title: 'Still open', severity: 'low', signalIds: [ids.aOpenCase] }),
  );
  ids.aExpiredCaseSignal = await signal(a.id, ids.pa!, monthsAgo(15));
  ids.expiredCase = await closedCase(a, ids.aExpiredCaseSignal, 14);
  ids.aLiveCaseSignal = await signal(a.id, ids.pa!, monthsAgo(15));
  ids.liveCase = await closedCase(a, ids.aLiveCaseSignal, 3);
  ids.aRecent = await signal(a.id, ids.pa!, monthsAgo(1));
});
afterAll(() => teardown());

describe('retention settings', () => {
  it('are read by admins, compliance and auditors, changed by admins within bounds, audited', async () => {
    const auditor = await callerFor(a, 'auditor');
    expect((await auditor.retention.get()).settings).toEqual({
      accessEventsMonths: 6,
      signalsMonths: 6,
      closedCasesMonths: 12,
    });
    expect((await (await callerFor(b, 'compliance')).retention.get()).settings).toEqual({
      accessEventsMonths: 12,
      signalsMonths: 24,
      closedCasesMonths: 36,
    });
    const admin = await callerFor(a, 'admin');
    const tooShort = await admin.retention
      .update({ accessEventsMonths: 1, signalsMonths: 6, closedCasesMonths: 12 })
      .catch((e: unknown) => e);
    expect(tooShort).toBeInstanceOf(TRPCError);
    expect((tooShort as TRPCError).code).toBe('BAD_REQUEST');
    const refused = await (
      await callerFor(a, 'compliance')
    ).retention
      .update({ accessEventsMonths: 24, signalsMonths: 24, closedCasesMonths: 36 })
      .catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    const entries = await rawRows<{ before: { accessEventsMonths: number }; after: object }>(
      sql`select before, after from audit_log where org_id = ${a.id} and action = 'org.retention_updated'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before.accessEventsMonths).toBe(12);
    expect(entries[0]!.after).toMatchObject({
      accessEventsMonths: 6,
      changed: ['accessEventsMonths', 'signalsMonths', 'closedCasesMonths'],
    });
  });
});

describe('applying retention', () => {
  it('counts without changing anything on a dry run', async () => {
    const before = [await count('access_events', a.id), await count('signals', a.id)];
    const run = await runRetention({ dryRun: true });
    expect(run.partitionsDropped).toEqual([partitionOf(monthsAgo(20))]);
    const byOrg = Object.fromEntries(run.organizations.map((o) => [o.slug, o]));
    expect(byOrg['keep-a']).toMatchObject({ accessEvents: 3, signals: 2, closedCases: 1 });
    expect(byOrg['keep-b']).toMatchObject({ accessEvents: 2, signals: 0, closedCases: 0 });
    expect([await count('access_events', a.id), await count('signals', a.id)]).toEqual(before);
    expect(await partitions()).toContain(partitionOf(monthsAgo(20)));
    const audited = await rawRows(sql`select 1 from audit_log where action = 'retention.applied'`);
    expect(audited).toHaveLength(0);
  });

  it('drops the month past every limit whole, deletes the rest per organization, audits each', async () => {
    const evidenceBefore = await getSignal(actorFor(b, 'compliance'), { signalId: ids.bSignal! });
    expect(evidenceBefore.evidence.map((e) => e.id).sort()).toEqual([ids.oldB, ids.oldB2].sort());

    const run = await runRetention();
    expect(run.partitionsDropped).toEqual([partitionOf(monthsAgo(20))]);
    const parts = await partitions();
    expect(parts).not.toContain(partitionOf(monthsAgo(20)));
    expect(parts).toContain(partitionOf(monthsAgo(8)));

    // A keeps last month only; B keeps 8 months ago and last month.
    expect(await count('access_events', a.id)).toBe(1);
    expect(await count('access_events', b.id)).toBe(2);
    const aSignals = (
      await rawRows<{ id: string }>(sql`select id from signals where org_id = ${a.id}`)
    ).map((r) => r.id);
    expect(aSignals.sort()).toEqual(
      [ids.aOpenCase, ids.aLiveCaseSignal, ids.aRecent].map(String).sort(),
    );
    const aCases = await rawRows<{ id: string }>(sql`select id from cases where org_id = ${a.id}`);
    expect(aCases.map((c) => c.id)).not.toContain(ids.expiredCase);
    expect(aCases.map((c) => c.id)).toContain(ids.liveCase);
    expect(
      await rawRows(
        sql`select 1 from case_events where org_id = ${a.id} and case_id = ${ids.expiredCase}`,
      ),
    ).toHaveLength(0);

    // The signal outlives its events with the same evidence, explanation and figures.
    const evidenceAfter = await getSignal(actorFor(b, 'compliance'), { signalId: ids.bSignal! });
    expect(await rawRows(sql`select 1 from access_events where id = ${ids.oldB}`)).toHaveLength(0);
    expect(evidenceAfter.evidence).toEqual(evidenceBefore.evidence);
    expect(evidenceAfter.explanation).toBe(evidenceBefore.explanation);
    expect(evidenceAfter.stats).toEqual(evidenceBefore.stats);

    // One entry per organization with its counts; both chains verify.
    const entries = await rawRows<{ org_id: string; after: { deleted: object } }>(
      sql`select org_id, after from audit_log where action = 'retention.applied' order by org_id`,
    );
    expect(entries).toHaveLength(2);
    const ofA = entries.find((e) => e.org_id === a.id)!;
    expect(ofA.after.deleted).toEqual({ accessEvents: 3, signals: 2, closedCases: 1 });
    const ofB = entries.find((e) => e.org_id === b.id)!;
    expect(ofB.after.deleted).toEqual({ accessEvents: 2, signals: 0, closedCases: 0 });
    for (const org of [a, b]) expect((await verifyAuditChainAsSystem(org.id)).ok).toBe(true);
  });

  it('is idempotent: a second run deletes nothing and still records the run', async () => {
    const run = await runRetention();
    expect(run.partitionsDropped).toEqual([]);
    for (const o of run.organizations)
      expect(o).toMatchObject({ accessEvents: 0, signals: 0, closedCases: 0 });
    expect(await count('access_events', b.id)).toBe(2);
    const entries = await rawRows(sql`select 1 from audit_log where action = 'retention.applied'`);
    expect(entries).toHaveLength(4);
  });

  it('for one organization deletes only its rows and drops no partition', async () => {
    await rawRows(
      sql`update organizations set retention = '{"accessEventsMonths": 3}' where id = ${b.id}`,
    );
    const run = await runRetention({ orgId: b.id });
    expect(run.organizations.map((o) => o.slug)).toEqual(['keep-b']);
    expect(run.partitionsDropped).toEqual([]);
    expect(await partitions()).toContain(partitionOf(monthsAgo(8)));
    expect(await count('access_events', b.id)).toBe(1);
    expect(await count('access_events', a.id)).toBe(1);
  });

  it('runs daily on the queue, and the owner functions refuse more than the policy allows', async () => {
    expect(SCHEDULE).toContainEqual({ kind: 'retention.apply', everyMs: 86_400_000 });
    expect(await JOB_HANDLERS['retention.apply']!({})).toMatchObject({ organizations: 2 });
    // A partition from last month survives a caller asking for everything to go.
    const asked = await rawRows<{ dropped: string[] }>(
      sql`select vigil_drop_event_partitions(${monthsAgo(-1, 1).toISOString().slice(0, 10)}::date, true) as dropped`,
    );
    expect(asked[0]!.dropped).not.toContain(partitionOf(monthsAgo(1)));
    // Another organization's cases are out of reach.
    const err = await asOwner(async (tx) => {
      await tx.execute(sql`select set_config('app.org_id', ${a.id}, true)`);
      await tx.execute(sql`select vigil_purge_closed_cases(${b.id}::uuid, now())`);
    }).catch((e: Error) => `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`);
    expect(String(err)).toMatch(/current organization only/);
  });
});
