import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from '@/server/domain/audit/chain';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence-service';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';

const DAY_MS = 86_400_000;

export interface EvidenceBenchResult {
  people: number;
  rows: Record<string, number>;
  seconds: number;
  bytes: number;
  packageRows: number;
  /** Peak above the level just before the export started, sampled every 50 ms. */
  peakRssMb: number;
  peakHeapMb: number;
  verifySeconds: number;
}

/**
 * A year of one tenant, generated set-based in SQL: `people` people (60% vendor staff over
 * people/50 vendors), about three grants each requested through the year (a tenth revoked) with
 * two approval steps, two signals per person over the year, a case per 40 people with a
 * four-entry timeline, and `auditEntries` audit entries spread over the year (hashed in JS, since
 * the chain must verify).
 */
async function generateYear(orgId: string, people: number, auditEntries: number, userId: string) {
  const start = new Date(Date.now() - 365 * DAY_MS);
  const vendors = Math.max(1, Math.floor(people / 50));
  await withSystem(async (tx) => {
    await tx.execute(sql`
      insert into vendors (org_id, name, tier, inherent_tier, questionnaire, status, contract_end, next_review_at, certifications, sub_processors, created_at)
      select ${orgId}::uuid, 'Vendor ' || g, (array['critical','high','medium','low'])[1 + g % 4],
        (array['critical','high','medium','low'])[1 + g % 4], '{}'::jsonb, 'active',
        (current_date + (g % 400 - 30))::date, (current_date + (g % 200 - 20))::date,
        jsonb_build_array(jsonb_build_object('name', 'ISO 27001', 'expiresOn', (current_date + (g % 300))::text)),
        jsonb_build_array(jsonb_build_object('name', 'Cloud ' || g, 'country', 'DE')),
        ${start.toISOString()}::timestamptz
      from generate_series(1, ${vendors}) g`);
    await tx.execute(sql`
      insert into people (org_id, email, full_name, type, vendor_id, department, country, background_check_status, created_at)
      with v as (select id, row_number() over (order by name) - 1 as n from vendors where org_id = ${orgId}::uuid)
      select ${orgId}::uuid, 'p' || g || '@bench.test', 'Person ' || g,
        case when g % 10 < 6 then 'vendor_staff' else 'employee' end,
        case when g % 10 < 6 then v.id end, 'Dept ' || g % 20, 'GB',
        (array['clear','clear','clear','pending','not_started','consider'])[1 + g % 6], ${start.toISOString()}::timestamptz
      from generate_series(1, ${people}) g
      left join v on v.n = g % ${vendors}`);
    await tx.execute(sql`
      insert into systems (org_id, name, criticality, created_at)
      select ${orgId}::uuid, 'System ' || g, 'high', ${start.toISOString()}::timestamptz from generate_series(1, 10) g`);
    await tx.execute(sql`
      insert into privileges (org_id, system_id, name, sensitivity)
      select ${orgId}::uuid, s.id, p.name, p.sens
      from systems s, (values ('view','low'),('edit','medium'),('export','high'),('admin','critical')) p(name, sens)
      where s.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification,
        duration_days, requested_by, requested_at, decided_at, starts_at, expires_at, ended_at, revoked_by, end_reason, created_at)
      with pr as (select id, system_id, row_number() over (order by id) - 1 as n from privileges where org_id = ${orgId}::uuid),
        p as (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid),
        g as (select p.id as person_id, p.n * 3 + k as n, k from p, generate_series(0, 2) k)
      select ${orgId}::uuid, g.person_id, pr.system_id, pr.id,
        case when g.n % 10 = 0 then 'revoked' when g.n % 17 = 0 then 'pending' else 'active' end, 'request',
        'bench justification ' || g.n, 90, ${userId}::uuid,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day',
        case when g.n % 17 = 0 and g.n % 10 <> 0 then null else ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day' + interval '3 hours' end,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day' + interval '4 hours',
        ${start.toISOString()}::timestamptz + (g.n % 360 + 90) * interval '1 day',
        case when g.n % 10 = 0 then ${start.toISOString()}::timestamptz + (g.n % 360 + 2) * interval '1 day' end,
        case when g.n % 10 = 0 then ${userId}::uuid end,
        case when g.n % 10 = 0 then 'access review' end,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day'
      from g join pr on pr.n = g.n % 40`);
    await tx.execute(sql`
      insert into approval_steps (org_id, grant_id, seq, kind, approver_user_id, status, decided_by, decided_at, comment)
      select g.org_id, g.id, s.seq, (array['manager','system_owner'])[s.seq], ${userId}::uuid,
        case when g.status = 'pending' then 'pending' else 'approved' end,
        case when g.status = 'pending' then null else ${userId}::uuid end, g.decided_at, 'ok'
      from access_grants g, generate_series(1, 2) s(seq) where g.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, status, status_reason, status_by, status_at, created_at)
      select ${orgId}::uuid,
        (array['bulk_record_access','off_hours','new_country','access_without_ticket','volume_spike','impossible_travel'])[1 + n % 6],
        p.id, (array['low','medium','high','critical'])[1 + n % 4],
        ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day', ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day' + interval '1 hour',
        'bench:' || n, 'bench signal ' || n, 'bench',
        (array['open','acknowledged','dismissed','escalated'])[1 + n % 4],
        case when n % 4 = 2 then 'expected behaviour' end,
        case when n % 4 <> 0 then ${userId}::uuid end,
        case when n % 4 <> 0 then ${start.toISOString()}::timestamptz + (n % 364 + 1) * interval '1 day' end,
        ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day' + interval '2 hours'
      from (select id, row_number() over (order by id) * 2 + k as n from people, generate_series(0, 1) k where org_id = ${orgId}::uuid) p`);
    await tx.execute(sql`
      insert into cases (org_id, number, title, severity, status, assignee_user_id, opened_by, opened_at, closed_by, closed_at, outcome, closing_rationale)
      select ${orgId}::uuid, g, 'Case ' || g, 'high', case when g % 3 = 0 then 'open' else 'closed' end, ${userId}::uuid, ${userId}::uuid,
        ${start.toISOString()}::timestamptz + (g % 360) * interval '1 day',
        case when g % 3 <> 0 then ${userId}::uuid end,
        case when g % 3 <> 0 then ${start.toISOString()}::timestamptz + (g % 360 + 3) * interval '1 day' end,
        case when g % 3 = 1 then 'substantiated' when g % 3 = 2 then 'unsubstantiated' end,
        case when g % 3 <> 0 then 'bench rationale' end
      from generate_series(1, ${Math.max(1, Math.floor(people / 40))}) g`);
    await tx.execute(sql`
      insert into case_events (org_id, case_id, kind, actor_user_id, at, body, data)
      select c.org_id, c.id, (array['opened','note','status_changed','closed'])[k], ${userId}::uuid, c.opened_at + k * interval '1 hour', 'bench', '{}'::jsonb
      from cases c, generate_series(1, 4) k where c.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into case_people (org_id, case_id, person_id)
      select c.org_id, c.id, p.id from (select id, org_id, row_number() over (order by id) as n from cases where org_id = ${orgId}::uuid) c
      join (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid) p on p.n = c.n`);
  });
  // Audit entries: a valid chain across the year (after whatever the setup wrote).
  await withSystem(
    async (tx) => {
      const head = await tx.execute(
        sql`select seq, hash from audit_log where org_id = ${orgId}::uuid order by seq desc limit 1`,
      );
      const rows = (Array.isArray(head) ? head : (head as { rows: unknown[] }).rows) as {
        seq: number | string;
        hash: string;
      }[];
      let seq = Number(rows[0]?.seq ?? 0);
      let prevHash = rows[0]?.hash ?? GENESIS_HASH;
      // Spread over the past year; they follow the setup's own entries in seq.
      const step = (365 * DAY_MS) / auditEntries;
      const first = Date.now() - 365 * DAY_MS;
      const batch: (typeof auditLog.$inferInsert)[] = [];
      for (let i = 0; i < auditEntries; i++) {
        seq += 1;
        const content: AuditEntryContent = {
          orgId,
          seq,
          id: crypto.randomUUID(),
          occurredAt: new Date(first + i * step).toISOString(),
          actorType: 'user',
          actorId: userId,
          actorLabel: 'bench@bench.test',
          action: 'access.approve',
          entityType: 'access_grant',
          entityId: String(i),
          before: { status: 'pending' },
          after: { status: 'active', note: `step ${i}` },
          requestId: `r${i}`,
          ip: '10.0.0.1',
        };
        const hash = hashAuditEntry(content, prevHash);
        batch.push({ ...content, occurredAt: new Date(content.occurredAt), prevHash, hash });
        prevHash = hash;
        if (batch.length === 2000) await tx.insert(auditLog).values(batch.splice(0));
      }
      if (batch.length) await tx.insert(auditLog).values(batch);
      await tx.execute(sql`analyze`);
    },
    { orgId },
  );
  const counts = await withSystem(async (tx) => {
    const r = await tx.execute(sql`select
      (select count(*) from people where org_id = ${orgId}::uuid)::int as people,
      (select count(*) from access_grants where org_id = ${orgId}::uuid)::int as grants,
      (select count(*) from approval_steps where org_id = ${orgId}::uuid)::int as approval_steps,
      (select count(*) from signals where org_id = ${orgId}::uuid)::int as signals,
      (select count(*) from cases where org_id = ${orgId}::uuid)::int as cases,
      (select count(*) from case_events where org_id = ${orgId}::uuid)::int as case_events,
      (select count(*) from audit_log where org_id = ${orgId}::uuid)::int as audit_entries`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<
      string,
      number
    >[];
    return rows[0]!;
  });
  return counts;
}

/**
 * `BENCH_SUITES=evidence`: exports the past year of the tenant (every section) to a file and
 * times it, sampling RSS and heap; the caller runs it at two sizes to show memory stays flat
 * (target: a year of a 10,000-person tenant in ≤ 60 s, spec/quality.md).
 */
export async function benchEvidence(
  orgId: string,
  userId: string,
  opts: { people: number; auditEntries: number },
): Promise<EvidenceBenchResult> {
  const rows = await generateYear(orgId, opts.people, opts.auditEntries, userId);
  const out = path.join(os.tmpdir(), `vigil-bench-evidence-${process.pid}-${opts.people}.zip`);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 365 * DAY_MS).toISOString().slice(0, 10);
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const t0 = performance.now();
  const result = await exportEvidencePackageAsOperator(
    orgId,
    { from, to: today, scope: ['inventory', 'access', 'signals_cases', 'audit'] },
    out,
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const t1 = performance.now();
  const verified = await verifyEvidencePackage(out);
  const verifySeconds = (performance.now() - t1) / 1000;
  if (!verified.ok) throw new Error('the benchmark package did not verify');
  fs.rmSync(out, { force: true });
  const mb = (n: number) => Math.round((n / 1024 ** 2) * 10) / 10;
  return {
    people: opts.people,
    rows,
    seconds,
    bytes: result.bytes,
    packageRows: result.rows,
    peakRssMb: mb(peakRss - base.rss),
    peakHeapMb: mb(peakHeap - base.heapUsed),
    verifySeconds,
  };
}
