import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { bandOf } from '@/server/domain/risk/bands';
import { scorePerson, type PersonScore } from '@/server/domain/risk/person-score';
import { scoreVendor, type VendorScore } from '@/server/domain/risk/vendor-score';
import { loadRiskInputs, loadRiskWeights } from './risk-inputs';

export interface RecomputeSummary {
  people: number;
  vendors: number;
  factors: number;
  day: string;
  ms: number;
}

/** Rows per INSERT … SELECT FROM jsonb_to_recordset: one parameter each, bounded statement size. */
const CHUNK = 5000;

async function insertChunked(
  tx: Tx,
  rows: readonly object[],
  statement: (json: string) => ReturnType<typeof sql>,
) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx.execute(statement(JSON.stringify(rows.slice(i, i + CHUNK))));
}

/**
 * Recomputes every person and vendor score of one organization and replaces the stored scores
 * and ledgers in one transaction (spec/signals.md "Risk scoring"), then upserts today's history
 * and band counts. Set-based throughout: a fixed number of reads and bulk writes per org.
 */
export async function recomputeOrgRisk(
  orgId: string,
  options: { now?: Date; replay?: boolean } = {},
): Promise<RecomputeSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  return withTenant({ orgId, userId: null }, async (tx) => {
    // Two recomputes of one org (a job and the CLI) queue rather than interleave their replaces.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${orgId}, 7))`);
    const weights = await loadRiskWeights(tx, orgId);
    const inputs = await loadRiskInputs(tx, orgId, weights, now, { replay: options.replay });

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

    const scoreRows = [...scores].map(([p, s]) => ({
      p,
      b: s.bribery,
      c: s.compromise,
      r: Math.max(s.bribery, s.compromise),
      band: s.band,
      bb: bandOf(s.bribery),
      cb: bandOf(s.compromise),
    }));
    const factorRows = [...scores].flatMap(([p, s]) => {
      const position = { bribery: 0, compromise: 0 };
      return s.factors.map((f) => ({
        p,
        s: f.score,
        n: position[f.score]++,
        f: f.factor,
        l: f.label,
        pts: f.points,
        ek: f.evidence.kind,
        ei: f.evidence.id ?? null,
        ed: f.evidence.detail,
        d: f.decaysAt?.toISOString() ?? null,
      }));
    });
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

    // Delete and replace: the ledger is derived data, rebuilt whole from the facts.
    await tx.execute(sql`delete from person_risk_factors where org_id = ${orgId}`);
    await tx.execute(sql`delete from person_risk_scores where org_id = ${orgId}`);
    await tx.execute(sql`delete from vendor_risk_factors where org_id = ${orgId}`);
    await tx.execute(sql`delete from vendor_risk_scores where org_id = ${orgId}`);

    await insertChunked(
      tx,
      scoreRows,
      (json) => sql`
      insert into person_risk_scores (org_id, person_id, bribery, compromise, risk, band, bribery_band, compromise_band, computed_at)
      select ${orgId}::uuid, x.p, x.b, x.c, x.r, x.band, x.bb, x.cb, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(p uuid, b float8, c float8, r float8, band text, bb text, cb text)`,
    );
    await insertChunked(
      tx,
      factorRows,
      (json) => sql`
      insert into person_risk_factors (org_id, person_id, score, position, factor, label, points, evidence_kind, evidence_id, evidence_detail, decays_at, computed_at)
      select ${orgId}::uuid, x.p, x.s, x.n, x.f, x.l, x.pts, x.ek, x.ei, x.ed, x.d, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(p uuid, s text, n smallint, f text, l text, pts float8, ek text, ei text, ed text, d timestamptz)`,
    );
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
      insert into vendor_risk_factors (org_id, vendor_id, position, factor, label, points, evidence_kind, evidence_id, evidence_detail, computed_at)
      select ${orgId}::uuid, x.v, x.n, x.f, x.l, x.pts, x.ek, x.ei, x.ed, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(v uuid, n smallint, f text, l text, pts float8, ek text, ei text, ed text)`,
    );

    await snapshotDay(tx, orgId, day);
    return {
      people: scoreRows.length,
      vendors: vendorRows.length,
      factors: factorRows.length + vendorFactorRows.length,
      day,
      ms: Math.round(performance.now() - started),
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
      risk = excluded.risk, band = excluded.band`);
  await tx.execute(sql`delete from risk_band_daily where org_id = ${orgId} and day = ${day}::date`);
  await tx.execute(sql`
    insert into risk_band_daily (org_id, day, subject_type, band, count)
    select org_id, ${day}::date, 'person', band, count(*)::int
    from person_risk_scores where org_id = ${orgId} group by org_id, band
    union all
    select org_id, ${day}::date, 'vendor', band, count(*)::int
    from vendor_risk_scores where org_id = ${orgId} group by org_id, band`);
}
