import { SENSITIVITIES, type Sensitivity } from '../inventory/system';
import type { RawFactor } from './ledger';
import type { ParsedPersonRiskInput } from './person-input';
import type { RiskWeights } from './weights';

/**
 * Standing exposure (docs/RISK.md §Exposure): how much harm a person could do, never evidence
 * that they are doing it. It multiplies evidence and adds at most a small, soft-capped base.
 */

/** The most sensitive active grant (lowest id among equals, for determinism). */
export function topGrant(p: ParsedPersonRiskInput) {
  const rank = (s: Sensitivity) => SENSITIVITIES.indexOf(s);
  return [...p.activeGrants].sort(
    (a, b) => rank(b.sensitivity) - rank(a.sensitivity) || (a.id < b.id ? -1 : 1),
  )[0];
}

interface BoostPart {
  code: string;
  label: string;
  share: number;
  evidence: RawFactor<string>['evidence'];
}

/** The parts of the evidence multiplier, scaled so they add up to at most `exposure.maxBoost`. */
export function boostParts(p: ParsedPersonRiskInput, w: RiskWeights): BoostPart[] {
  const parts: BoostPart[] = [];
  const grant = topGrant(p);
  if (grant && w.accessBoost[grant.sensitivity] > 0)
    parts.push({
      code: `boost:${grant.sensitivity}_access`,
      label: `${grant.sensitivity}-sensitivity access`,
      share: w.accessBoost[grant.sensitivity],
      evidence: { kind: 'grant', id: grant.id, detail: `${grant.sensitivity} sensitivity grant` },
    });
  if (p.recentRecordsTouched > 0) {
    const share = Math.min(
      w.exposure.recordsBoostMax,
      w.exposure.recordsBoostPerTenfold * Math.log10(1 + p.recentRecordsTouched),
    );
    if (share > 0)
      parts.push({
        code: 'boost:records_touched',
        label: `${p.recentRecordsTouched.toLocaleString('en-US')} records touched recently`,
        share,
        evidence: {
          kind: 'grant',
          detail: `${p.recentRecordsTouched} records in the recent window`,
        },
      });
  }
  if (p.vendor && w.exposure.vendorTierBoost[p.vendor.tier] > 0)
    parts.push({
      code: 'boost:vendor_tier',
      label: `working for ${p.vendor.name}, a ${p.vendor.tier}-tier vendor`,
      share: w.exposure.vendorTierBoost[p.vendor.tier],
      evidence: { kind: 'vendor', id: p.vendor.id, detail: `${p.vendor.tier} tier` },
    });
  const total = parts.reduce((s, x) => s + x.share, 0);
  const scale = total > w.exposure.maxBoost ? w.exposure.maxBoost / total : 1;
  return parts.map((x) => ({ ...x, share: x.share * scale }));
}

/**
 * Rows for what exposure adds to `evidence` raw points: one per part, so "why ×1.6?" has an
 * answer. Nothing without evidence: access alone is exposure, not risk.
 */
export function boostRows<S extends string>(
  score: S,
  evidence: number,
  parts: readonly BoostPart[],
  decaysAt: Date | null,
): RawFactor<S>[] {
  if (evidence <= 0) return [];
  return parts.map((x) => ({
    score,
    factor: x.code,
    label: `Evidence weighs ${Math.round(x.share * 100)}% more for ${x.label}`,
    raw: evidence * x.share,
    evidence: x.evidence,
    decaysAt,
  }));
}

/**
 * The standing base: every row's points, scaled together so the base is at most
 * `exposure.baseCap` (base = cap · (1 − e^(−Σ/cap))): more exposure still ranks a little
 * higher, but a whole vendor of agents with big access never crowds out one real signal.
 */
export function capBase<S extends string>(rows: RawFactor<S>[], w: RiskWeights): RawFactor<S>[] {
  const total = rows.reduce((s, r) => s + r.raw, 0);
  const c = w.exposure.baseCap;
  if (total <= 0 || c <= 0) return [];
  const scale = (c * (1 - Math.exp(-total / c))) / total;
  return rows.map((r) => ({ ...r, raw: r.raw * scale }));
}
