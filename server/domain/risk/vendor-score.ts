import { z } from 'zod';
import { SEVERITIES } from '../detectors/types';
import { tierSchema } from '../inventory/vendor';
import { bandOf, type RiskBand } from './bands';
import { settleLedger, toTenth, type Factor, type RawFactor } from './ledger';
import type { RiskWeights } from './weights';

const id = z.string().min(1);
const personScore = z.number().min(0).max(100);

export const vendorRiskInputSchema = z.strictObject({
  id,
  name: z.string().min(1),
  tier: tierSchema,
  reviewOverdue: z.boolean(),
  openFindings: z.array(z.strictObject({ id, severity: z.enum(SEVERITIES) })).default([]),
  expiredCertifications: z.array(z.string().min(1)).default([]),
  /** The contract has ended while the vendor is still live (vendorWarnings 'contract_ended'). */
  contractEnded: z.boolean(),
  /** Share (0–1) of the vendor's staff without a clear background check. */
  staffWithoutBackgroundCheck: z.number().min(0).max(1),
  /** The vendor's people with their current person scores. */
  people: z
    .array(z.strictObject({ personId: id, bribery: personScore, compromise: personScore }))
    .default([]),
});
export type VendorRiskInput = z.input<typeof vendorRiskInputSchema>;

export type VendorFactor = Factor<'vendor'>;
export interface VendorScore {
  risk: number;
  band: RiskBand;
  factors: VendorFactor[];
}

/** Linear-interpolated quantile (type 7) of ascending values; q in [0, 1]. */
export function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) return 0;
  const pos = (ascending.length - 1) * q;
  const lo = Math.floor(pos);
  const a = ascending[lo] ?? 0;
  const b = ascending[Math.min(lo + 1, ascending.length - 1)] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * Vendor risk (docs/RISK.md §Vendor score): its people roll up as maxWeight·max +
 * quantileWeight·p90 — never the mean, so one compromised contractor is not averaged away by a
 * hundred quiet colleagues — plus vendor-level factors. Hard-capped at 100: the roll-up is already
 * on the 0–100 scale, so saturating it would distort it; above 100 every row scales down together.
 */
// `_now` keeps the signature of scorePerson: vendor facts (overdue, expired) arrive decided as of now.
export function scoreVendor(input: VendorRiskInput, w: RiskWeights, _now: Date): VendorScore {
  const v = vendorRiskInputSchema.parse(input);
  const rows: RawFactor<'vendor'>[] = [];
  const add = (factor: string, label: string, raw: number, evidence: VendorFactor['evidence']) => {
    if (raw > 0) rows.push({ score: 'vendor', factor, label, raw, evidence, decaysAt: null });
  };
  const ev = (detail: string, ref?: string) => ({
    kind: 'vendor' as const,
    id: ref ?? v.id,
    detail,
  });

  // A person's risk is the higher of their two scores; ties go to the lower id (determinism).
  const people = v.people
    .map((p) => ({ personId: p.personId, risk: Math.max(p.bribery, p.compromise) }))
    .sort((a, b) => b.risk - a.risk || (a.personId < b.personId ? -1 : 1));
  const top = people[0];
  if (top) {
    const q = quantile(people.map((p) => p.risk).reverse(), w.vendor.quantile);
    const pq = `p${Math.round(w.vendor.quantile * 100)}`;
    add('people:max', `Riskiest person scores ${top.risk}`, w.vendor.maxWeight * top.risk, {
      kind: 'person',
      id: top.personId,
      detail: `highest person risk ${top.risk}`,
    });
    add(
      'people:quantile',
      `${pq} of ${people.length} people is ${toTenth(q)}`,
      w.vendor.quantileWeight * q,
      {
        kind: 'person',
        detail: `${pq} person risk ${toTenth(q)}`,
      },
    );
  }
  add(
    `vendor:tier_${v.tier}`,
    `${v.tier}-tier vendor`,
    w.vendor.tier[v.tier],
    ev(`${v.tier} tier`),
  );
  if (v.reviewOverdue)
    add('vendor:review_overdue', 'Review overdue', w.vendor.reviewOverdue, ev('review overdue'));
  for (const f of v.openFindings)
    add(
      `vendor:open_finding_${f.severity}`,
      `Open ${f.severity} review finding`,
      w.vendor.openFindings[f.severity],
      ev(`open ${f.severity} finding`, f.id),
    );
  for (const c of v.expiredCertifications)
    add(
      'vendor:expired_certification',
      `${c} has expired`,
      w.vendor.expiredCertification,
      ev(`${c} expired`),
    );
  if (v.contractEnded)
    add(
      'vendor:contract_ended',
      'Contract has ended',
      w.vendor.contractEnded,
      ev('contract ended'),
    );
  const pct = Math.round(v.staffWithoutBackgroundCheck * 100);
  add(
    'vendor:no_background_checks',
    `${pct}% of staff lack a clear background check`,
    v.staffWithoutBackgroundCheck * w.vendor.noBackgroundChecks,
    ev(`${pct}% of staff without a clear background check`),
  );

  const risk = toTenth(
    Math.min(
      100,
      rows.reduce((s, r) => s + r.raw, 0),
    ),
  );
  return { risk, band: bandOf(risk), factors: settleLedger(rows, risk) };
}
