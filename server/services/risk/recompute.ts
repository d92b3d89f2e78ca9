import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { bandOf } from '@/server/domain/risk/bands';
import { scorePerson, type PersonScore } from '@/server/domain/risk/person-score';
import { scoreVendor, type VendorScore } from '@/server/domain/risk/vendor-score';
import { isoDay } from '@/server/domain/time';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { loadRiskInputs, loadRiskWeights } from './score-inputs';

export interface RecomputeSummary {
  people: number;
  /** People whose scores or ledger changed, and so were rewritten. */
  changed: number;
  vendors: number;
  /** Ledger rows written (changed people's, plus every vendor's). */
  factors: number;
  day: string;
  ms: number;
  /** Milliseconds per phase, for the benchmark: reads, scoring in Node, writes, history. */
  phases: { load: number; score: number; write: number; history: number };
}

/** Rows per INSERT … SELECT FROM jsonb_to_recordset: one parameter each, bounded statement size. */
const CHUNK = 5000;

async function insertChunked(
  tx: Tx,
  rows: readonly unknown[],
  statement: (json: string) => ReturnType<typeof sql>,
) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx.execute(statement(JSON.stringify(rows.slice(i, i + CHUNK))));
}

/**
 * Recomputes every person and vendor score of one organization and replaces the stored scores
 * and ledgers in one transaction (docs/RISK.md §Recompute), then upserts today's history
 * and band counts. Set-based throughout: a fixed number of reads and bulk writes per org.
 */
export async function recomputeOrgRisk(
  orgId: string,
  options: { now?: Date; replay?: boolean } = {},
): Promise<RecomputeSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const day = isoDay(now);
  const at = now.toISOString();
  return withTenant({ orgId, userId: null }, async (tx) => {
    // Two recomputes of one org (a job and the CLI) queue rather than interleave their replaces.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${orgId}, 7))`);
    const weights = await loadRiskWeights(tx, orgId);
    const t0 = performance.now();
    const inputs = await loadRiskInputs(tx, orgId, weights, now, { replay: options.replay });

    const t1 = performance.now();
    const scores = new Map<string, PersonScore>();
    for (const p of inputs.people)
      scores.set(p.id, scorePerson(inputs.personInputs.get(p.id) ?? {}, weights, now));

    const peopleOfVendor = new Map<
      string,
      { personId: string; bribery: number; compromise: number }[]
    >();
    for (const p of inputs.people) {
      if (!p.vendorId) continue;
      const s = scores.get(p.id)!;
      const list = peopleOfVendor.get(p.vendorId) ?? [];
      list.push({ personId: p.id, bribery: s.bribery, compromise: s.compromise });
      peopleOfVendor.set(p.vendorId, list);
    }
    const vendorScores = new Map<string, VendorScore & { peopleCount: number }>();
    for (const v of inputs.vendors) {
      const staff = peopleOfVendor.get(v.id) ?? [];
      vendorScores.set(v.id, {
        ...scoreVendor({ ...v, people: staff }, weights, now),
        peopleCount: staff.length,
      });
    }

    // Only the people whose scores or ledger moved are rewritten: a recompute after one triage
    // touches a handful of rows, and a cold one writes everything once (docs/BENCHMARKS.md).
    const t2 = performance.now();
    const stored = new Map(
      rowsOf<{ person_id: string; fingerprint: string }>(
        await tx.execute(
          sql`select person_id, fingerprint from person_risk_scores where org_id = ${orgId}`,
        ),
      ).map((r) => [r.person_id, r.fingerprint]),
    );
    const entries = [...scores].map(([p, s]) => {
      const factors = s.factors.map((f) => ({
        s: f.score,
        f: f.factor,
        l: f.label,
        pts: f.points,
        ek: f.evidence.kind,
        ei: f.evidence.id ?? null,
        ed: f.evidence.detail,
        d: f.decaysAt?.toISOString() ?? null,
      }));
      const fingerprint = createHash('sha256')
        .update(JSON.stringify([s.bribery, s.compromise, factors]))
        .digest('base64url');
      return { p, s, factors, fingerprint, before: stored.get(p) };
    });
    const moved = entries.filter((e) => e.before !== e.fingerprint);
    // When most ledgers moved (a weight change, the first run), one delete by org is cheaper
    // than looking up every person's rows; everyone is then rewritten.
    const replaceAll = moved.length * 2 > stored.size && stored.size > 0;
    const scoreRows: object[] = [];
    const factorRows: object[] = [];
    const stale: string[] = [];
    for (const e of replaceAll ? entries : moved) {
      if (e.before !== undefined && !replaceAll) stale.push(e.p);
      scoreRows.push({
        p: e.p,
        b: e.s.bribery,
        c: e.s.compromise,
        r: Math.max(e.s.bribery, e.s.compromise),
        band: e.s.band,
        bb: bandOf(e.s.bribery),
        cb: bandOf(e.s.compromise),
        fp: e.fingerprint,
      });
      const position = { bribery: 0, compromise: 0 };
      for (const f of e.factors) factorRows.push({ p: e.p, n: position[f.s]++, ...f });
    }
    for (const p of scores.keys()) stored.delete(p);
    // Whoever is left in `stored` is no longer a person of this org.
    const gone = [...stored.keys()];
    const vendorRows = [...vendorScores].map(([v, s]) => ({
      v,
      r: s.risk,
      band: s.band,
      n: s.peopleCount,
    }));
    const vendorFactorRows = [...vendorScores].flatMap(([v, s]) =>
      s.factors.map((f, n) => ({
        v,
        n,
        f: f.factor,
        l: f.label,
        pts: f.points,
        ek: f.evidence.kind,
        ei: f.evidence.id ?? null,
        ed: f.evidence.detail,
      })),
    );

    if (replaceAll) await tx.execute(sql`delete from person_risk_factors where org_id = ${orgId}`);
    // Ids travel as one JSON parameter (array parameters of uuid do not bind on postgres.js).
    await insertChunked(
      tx,
      [...stale, ...gone],
      (json) => sql`
      delete from person_risk_factors where org_id = ${orgId}
        and person_id in (select value::uuid from jsonb_array_elements_text(${json}::jsonb))`,
    );
    await insertChunked(
      tx,
      gone,
      (json) => sql`
      delete from person_risk_scores where org_id = ${orgId}
        and person_id in (select value::uuid from jsonb_array_elements_text(${json}::jsonb))`,
    );
    await insertChunked(
      tx,
      scoreRows,
      (json) => sql`
      insert into person_risk_scores (org_id, person_id, bribery, compromise, risk, band, bribery_band, compromise_band, fingerprint, computed_at)
      select ${orgId}::uuid, x.p, x.b, x.c, x.r, x.band, x.bb, x.cb, x.fp, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(p uuid, b float8, c float8, r float8, band text, bb text, cb text, fp text)
      on conflict (org_id, person_id) do update set bribery = excluded.bribery,
        compromise = excluded.compromise, risk = excluded.risk, band = excluded.band,
        bribery_band = excluded.bribery_band, compromise_band = excluded.compromise_band,
        fingerprint = excluded.fingerprint, computed_at = excluded.computed_at`,
    );
    await insertChunked(
      tx,
      factorRows,
      (json) => sql`
      insert into person_risk_factors (org_id, person_id, score, position, factor, label, points, evidence_kind, evidence_id, evidence_detail, decays_at)
      select ${orgId}::uuid, x.p, x.s, x.n, x.f, x.l, x.pts, x.ek, x.ei, x.ed, x.d
      from jsonb_to_recordset(${json}::jsonb) as x(p uuid, s text, n smallint, f text, l text, pts float8, ek text, ei text, ed text, d timestamptz)`,
    );
    // Vendors are few: replaced whole.
    await tx.execute(sql`delete from vendor_risk_factors where org_id = ${orgId}`);
    await tx.execute(sql`delete from vendor_risk_scores where org_id = ${orgId}`);
    await insertChunked(
      tx,
      vendorRows,
      (json) => sql`
      insert into vendor_risk_scores (org_id, vendor_id, risk, band, people_count, computed_at)
      select ${orgId}::uuid, x.v, x.r, x.band, x.n, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(v uuid, r float8, band text, n int)`,
    );
    await insertChunked(
      tx,
      vendorFactorRows,
      (json) => sql`
      insert into vendor_risk_factors (org_id, vendor_id, position, factor, label, points, evidence_kind, evidence_id, evidence_detail)
      select ${orgId}::uuid, x.v, x.n, x.f, x.l, x.pts, x.ek, x.ei, x.ed
      from jsonb_to_recordset(${json}::jsonb) as x(v uuid, n smallint, f text, l text, pts float8, ek text, ei text, ed text)`,
    );

    const t3 = performance.now();
    await snapshotDay(tx, orgId, day);
    const ms = (a: number, b: number) => Math.round(b - a);
    const total = ms(started, performance.now());
    await tx.execute(sql`
      insert into risk_recomputes (org_id, computed_at, people, vendors, ms)
      values (${orgId}, ${at}::timestamptz, ${scores.size}, ${vendorScores.size}, ${total})
      on conflict (org_id) do update set computed_at = excluded.computed_at,
        people = excluded.people, vendors = excluded.vendors, ms = excluded.ms`);
    return {
      changed: moved.length,
      phases: {
        load: ms(t0, t1),
        score: ms(t1, t2),
        write: ms(t2, t3),
        history: ms(t3, performance.now()),
      },
      people: scores.size,
      vendors: vendorRows.length,
      factors: factorRows.length + vendorFactorRows.length,
      day,
      ms: total,
    };
  });
}

/** Today's history rows and band counts from the current scores (the last recompute wins). */
async function snapshotDay(tx: Tx, orgId: string, day: string) {
  await tx.execute(sql`
    insert into risk_history (org_id, subject_type, subject_id, day, bribery, compromise, risk, band)
    select org_id, 'person', person_id, ${day}::date, bribery, compromise, risk, band
    from person_risk_scores where org_id = ${orgId}
    union all
    select org_id, 'vendor', vendor_id, ${day}::date, null, null, risk, band
    from vendor_risk_scores where org_id = ${orgId}
    on conflict (org_id, subject_type, subject_id, day) do update set
      bribery = excluded.bribery, compromise = excluded.compromise,
      risk = excluded.risk, band = excluded.band
    -- An unchanged row is not rewritten (no dead tuple, no WAL).
    where (risk_history.bribery, risk_history.compromise, risk_history.risk)
      is distinct from (excluded.bribery, excluded.compromise, excluded.risk)`);
  await tx.execute(sql`delete from risk_band_daily where org_id = ${orgId} and day = ${day}::date`);
  await tx.execute(sql`
    insert into risk_band_daily (org_id, day, subject_type, band, count)
    select org_id, ${day}::date, 'person', band, count(*)::int
    from person_risk_scores where org_id = ${orgId} group by org_id, band
    union all
    select org_id, ${day}::date, 'vendor', band, count(*)::int
    from vendor_risk_scores where org_id = ${orgId} group by org_id, band`);
}
