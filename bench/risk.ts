import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { withSystem } from '@/db/tenant';
import { isoDay } from '@/server/domain/time';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';

const DAY_MS = 86_400_000;

export interface RiskBenchResult {
  people: number;
  vendors: number;
  grants: number;
  signals: number;
  events: number;
  factors: number;
  /** Every ledger rewritten (as after a weight change): fingerprints cleared before each run. */
  cold: number[];
  /** Nothing changed since the last run: reads and scoring, no rewrites. */
  warm: number[];
  phases: string;
}

/**
 * The 10,000-person tenant of the risk and pages suites, generated in SQL (set-based): vendors,
 * people (60% vendor staff), grants, a signal for every other person over 60 days, watchlist
 * matches, and `events` access events spread over the last 30 days.
 */
export async function seedRiskTenant(
  orgId: string,
  opts: { people: number; vendors: number; events: number },
): Promise<void> {
  const now = Date.now();
  const since = new Date(now - 30 * DAY_MS);
  await withSystem(async (tx) => {
    await tx.execute(sql`
      insert into vendors (org_id, name, tier, inherent_tier, questionnaire, status, contract_end, next_review_at, certifications)
      select ${orgId}::uuid, 'Vendor ' || g, (array['critical','high','medium','low'])[1 + g % 4],
        (array['critical','high','medium','low'])[1 + g % 4], '{}'::jsonb, 'active',
        (current_date + (g % 400 - 30))::date, (current_date + (g % 200 - 20))::date,
        jsonb_build_array(jsonb_build_object('name', 'ISO 27001', 'expiresOn', (current_date + (g % 300 - 50))::text))
      from generate_series(1, ${opts.vendors}) g`);
    await tx.execute(sql`
      insert into people (org_id, email, full_name, type, vendor_id, identity_verified_at, background_check_status)
      with v as (select id, row_number() over (order by name) - 1 as n from vendors where org_id = ${orgId}::uuid)
      select ${orgId}::uuid, 'p' || g || '@bench.test', 'Person ' || g,
        case when g % 10 < 6 then 'vendor_staff' else 'employee' end,
        case when g % 10 < 6 then v.id end,
        case when g % 7 = 0 then null else now() end,
        (array['clear','clear','clear','pending','not_started','consider'])[1 + g % 6]
      from generate_series(1, ${opts.people}) g
      left join v on v.n = g % ${opts.vendors}`);
    await tx.execute(sql`
      insert into systems (org_id, name, criticality) values (${orgId}::uuid, 'Bench Console', 'high')`);
    await tx.execute(sql`
      insert into privileges (org_id, system_id, name, sensitivity)
      select ${orgId}::uuid, s.id, p.name, p.sens
      from systems s, (values ('view','low'),('edit','medium'),('export','high'),('admin','critical')) p(name, sens)
      where s.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at)
      select ${orgId}::uuid, p.id, pr.system_id, pr.id, 'active', 'import', 'bench', now()
      from people p join privileges pr on pr.org_id = p.org_id
      where p.org_id = ${orgId}::uuid
        and (pr.sensitivity in ('low','medium') or (pr.sensitivity = 'high' and abs(hashtext(p.email)) % 3 = 0)
          or (pr.sensitivity = 'critical' and abs(hashtext(p.email)) % 20 = 0))`);
    await tx.execute(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, status, stats)
      select ${orgId}::uuid,
        (array['bulk_record_access','off_hours','new_country','access_without_ticket','volume_spike','impossible_travel'])[1 + n % 6],
        p.id, (array['low','medium','high','critical'])[1 + n % 4],
        now() - ((n % 60) || ' days')::interval - interval '1 hour', now() - ((n % 60) || ' days')::interval,
        'bench:' || n, 'bench signal', 'bench',
        (array['open','acknowledged','dismissed','escalated'])[1 + n % 4],
        jsonb_build_object('sensitiveEvents', n % 3)
      from (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid) p
      where p.n % 2 = 0`);
    await tx.execute(sql`
      insert into watchlist_entries (org_id, source, name) values (${orgId}::uuid, 'bench', 'Impostor')`);
    await tx.execute(sql`
      insert into watchlist_matches (org_id, person_id, entry_id, matched_on, similarity, status)
      select ${orgId}::uuid, p.id, w.id, array['name'], 0.9, (array['open','confirmed','false_positive'])[1 + p.n % 3]
      from (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid) p,
        watchlist_entries w
      where w.org_id = ${orgId}::uuid and p.n % 200 = 0`);
    for (let m = new Date(since.getFullYear(), since.getMonth(), 1); m.getTime() <= now;) {
      await tx.execute(sql`select vigil_ensure_event_partition(${isoDay(m)}::date)`);
      m = new Date(m.getFullYear(), m.getMonth() + 1, 1);
    }
    await tx.execute(sql`
      insert into access_events (org_id, occurred_at, source, source_event_id, batch_id, person_id, actor_key, actor, action, record_count, outcome, is_proxy)
      with p as (select id, email, row_number() over (order by email) - 1 as n from people where org_id = ${orgId}::uuid)
      select ${orgId}::uuid, ${since.toISOString()}::timestamptz + (g * interval '1 second') * (2592000.0 / ${opts.events}),
        'bench', 'e' || g, gen_random_uuid(), p.id, 'email:' || p.email, p.email, 'customer.view', 1 + g % 50, 'success', false
      from generate_series(1, ${opts.events}) g
      join p on p.n = g % ${opts.people}`);
    await tx.execute(sql`analyze`);
  });
}

/**
 * `BENCH_SUITES=risk`: a tenant of `people` people (60% vendor staff over `vendors` vendors),
 * three grants each, a signal for every other person over the last 60 days, a few watchlist
 * matches and `events` access events in the last 30 days; generated in SQL (set-based), then the
 * whole-org recompute is timed `runs` times (target ≤ 3 s for 10,000 people and 200 vendors).
 */
export async function benchRisk(
  orgId: string,
  opts: { people: number; vendors: number; events: number; runs: number },
): Promise<RiskBenchResult> {
  await seedRiskTenant(orgId, opts);
  const counts = await withSystem(async (tx) => {
    const r = await tx.execute(sql`select
      (select count(*) from access_grants where org_id = ${orgId}::uuid)::int as grants,
      (select count(*) from signals where org_id = ${orgId}::uuid)::int as signals`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as {
      grants: number;
      signals: number;
    }[];
    return rows[0]!;
  });
  const cold: number[] = [];
  const warm: number[] = [];
  let factors = 0;
  let phases = '';
  for (let i = 0; i < opts.runs; i++) {
    await withSystem((tx) =>
      tx.execute(sql`update person_risk_scores set fingerprint = '' where org_id = ${orgId}::uuid`),
    );
    const t0 = performance.now();
    const summary = await recomputeOrgRisk(orgId);
    cold.push((performance.now() - t0) / 1000);
    factors = summary.factors;
    phases = Object.entries(summary.phases)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ');
  }
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    await recomputeOrgRisk(orgId);
    warm.push((performance.now() - t0) / 1000);
  }
  return {
    people: opts.people,
    vendors: opts.vendors,
    grants: Number(counts.grants),
    signals: Number(counts.signals),
    events: opts.events,
    factors,
    cold,
    warm,
    phases,
  };
}
