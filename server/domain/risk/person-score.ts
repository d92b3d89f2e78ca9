import { SENSITIVITIES, type Sensitivity } from '../inventory/system';
import { bandOf, type RiskBand } from './bands';
import { signalBasePoints, signalDecaysAt, signalPoints } from './decay';
import { settleLedger, toTenth, type Factor, type RawFactor } from './ledger';
import {
  personRiskInputSchema,
  type ParsedPersonRiskInput,
  type PersonRiskInput,
  type RiskSignal,
} from './person-input';
import type { RiskWeights } from './weights';

export type PersonScoreName = 'bribery' | 'compromise';
export type PersonFactor = Factor<PersonScoreName>;

export interface PersonScore {
  bribery: number;
  compromise: number;
  /** Band of the higher of the two scores. */
  band: RiskBand;
  factors: PersonFactor[];
}

const words = (code: string) => code.replace(/_/g, ' ');
const DAY = 86_400_000;
const ago = (days: number) =>
  days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;

/** Saturating cap: many small reasons approach 100 but never pass it (docs/RISK.md). */
export const saturate = (raw: number, k: number) => toTenth(100 * (1 - Math.exp(-raw / k)));

/**
 * Both person scores with their ledgers (docs/RISK.md §Person scores). Parses the input
 * strictly, so a protected attribute passed by mistake is an error rather than a silent factor.
 */
export function scorePerson(input: PersonRiskInput, w: RiskWeights, now: Date): PersonScore {
  const p = personRiskInputSchema.parse(input);
  // Signals in a fixed order so the ledger does not depend on the order they were loaded in.
  const signals = [...p.signals].sort(
    (a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || (a.id < b.id ? -1 : 1),
  );
  const compromiseRaw = compromiseRows(signals, p, w, now);
  const briberyRaw = briberyRows(signals, p, w, now);
  const compromise = saturate(sumRaw(compromiseRaw), w.saturation.compromise);
  const bribery = saturate(sumRaw(briberyRaw), w.saturation.bribery);
  const factors = [
    ...settleLedger(compromiseRaw, compromise),
    ...settleLedger(briberyRaw, bribery),
  ].sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : b.points - a.points));
  return { bribery, compromise, band: bandOf(Math.max(bribery, compromise)), factors };
}

const sumRaw = (rows: readonly { raw: number }[]) => rows.reduce((s, r) => s + r.raw, 0);

function signalRows(
  score: PersonScoreName,
  signals: RiskSignal[],
  w: RiskWeights,
  now: Date,
): RawFactor<PersonScoreName>[] {
  return signals.flatMap((s) => {
    const base = signalBasePoints(s, score, w);
    if (base <= 0) return [];
    const days = Math.max(0, Math.floor((now.getTime() - s.windowEnd.getTime()) / DAY));
    return [
      {
        score,
        factor: `signal:${s.kind}`,
        label: `${words(s.kind)} (${s.severity}, ${s.status}), ${ago(days)}`,
        raw: signalPoints(s, score, w, now),
        evidence: { kind: 'signal', id: s.id, detail: `${s.severity} ${words(s.kind)} signal` },
        decaysAt: signalDecaysAt(base, s.windowEnd, w.halfLifeDays),
      },
    ];
  });
}

/** The most sensitive active grant (lowest id among equals, for determinism). */
function topGrant(p: ParsedPersonRiskInput) {
  const rank = (s: Sensitivity) => SENSITIVITIES.indexOf(s);
  return [...p.activeGrants].sort(
    (a, b) => rank(b.sensitivity) - rank(a.sensitivity) || (a.id < b.id ? -1 : 1),
  )[0];
}

/** Insider compromise: decayed signals, amplified by the sensitivity of active access. */
function compromiseRows(
  signals: RiskSignal[],
  p: ParsedPersonRiskInput,
  w: RiskWeights,
  now: Date,
): RawFactor<'compromise'>[] {
  const rows = signalRows('compromise', signals, w, now) as RawFactor<'compromise'>[];
  const grant = topGrant(p);
  const boost = grant ? w.accessBoost[grant.sensitivity] : 0; // schema caps it at 1: at most ×2
  const signalTotal = sumRaw(rows);
  if (grant && boost > 0 && signalTotal > 0) {
    // The boost is its own row so "why is this person 78?" shows how much access added.
    const lastDecay = Math.max(...rows.map((r) => r.decaysAt?.getTime() ?? 0));
    rows.push({
      score: 'compromise',
      factor: `exposure:${grant.sensitivity}_access`,
      label: `Signals weigh ×${(1 + boost).toFixed(2)} with ${grant.sensitivity}-sensitivity access`,
      raw: signalTotal * boost,
      evidence: { kind: 'grant', id: grant.id, detail: `${grant.sensitivity} sensitivity grant` },
      decaysAt: new Date(lastDecay),
    });
  }
  return rows;
}

/** Bribery: exposure, harvesting behaviour, attestations, screening and vendor control gaps. */
function briberyRows(
  signals: RiskSignal[],
  p: ParsedPersonRiskInput,
  w: RiskWeights,
  now: Date,
): RawFactor<'bribery'>[] {
  const rows: RawFactor<'bribery'>[] = [];
  const add = (
    factor: string,
    label: string,
    raw: number,
    evidence: RawFactor<'bribery'>['evidence'],
  ) => {
    if (raw > 0) rows.push({ score: 'bribery', factor, label, raw, evidence, decaysAt: null });
  };

  const grant = topGrant(p);
  if (grant) {
    const n = p.activeGrants.filter((g) => g.sensitivity === grant.sensitivity).length;
    add(
      `exposure:${grant.sensitivity}_access`,
      `Holds ${n} active ${grant.sensitivity}-sensitivity grant${n === 1 ? '' : 's'}`,
      w.exposure.bySensitivity[grant.sensitivity],
      { kind: 'grant', id: grant.id, detail: `${grant.sensitivity} sensitivity grant` },
    );
  }
  if (p.recentRecordsTouched > 0) {
    // Logarithmic: 10 000 records is more exposure than 10, but not a thousand times more.
    const raw = Math.min(
      w.exposure.recordsMax,
      w.exposure.recordsPerTenfold * Math.log10(1 + p.recentRecordsTouched),
    );
    add('exposure:records_touched', `Touched ${p.recentRecordsTouched} records recently`, raw, {
      kind: 'grant',
      detail: `${p.recentRecordsTouched} records in the recent window`,
    });
  }

  rows.push(...(signalRows('bribery', signals, w, now) as RawFactor<'bribery'>[]));

  for (const a of p.attestations?.overdueAntiBribery ?? [])
    add(
      'attestation:overdue_anti_bribery',
      'Anti-bribery attestation overdue',
      w.attestations.overdueAntiBribery,
      { kind: 'attestation', id: a.id, detail: 'overdue anti-bribery attestation' },
    );
  for (const a of p.attestations?.overdue ?? [])
    add('attestation:overdue', `Attestation overdue: ${a.title}`, w.attestations.overdue, {
      kind: 'attestation',
      id: a.id,
      detail: `overdue attestation "${a.title}"`,
    });
  for (const d of p.attestations?.disclosures ?? [])
    add(
      'attestation:disclosure',
      'Disclosed a gift, conflict or approach',
      w.attestations.disclosure,
      {
        kind: 'attestation',
        id: d.id,
        detail: 'attestation disclosure',
      },
    );

  const sc = p.screening;
  if (sc) {
    if (!sc.identityVerified)
      add(
        'screening:identity_unverified',
        'Identity not verified',
        w.screening.identityUnverified,
        {
          kind: 'screening',
          detail: 'identity not verified',
        },
      );
    add(
      `screening:background_check_${sc.backgroundCheck}`,
      `Background check ${words(sc.backgroundCheck)}`,
      w.screening.backgroundCheck[sc.backgroundCheck],
      { kind: 'screening', detail: `background check ${words(sc.backgroundCheck)}` },
    );
    for (const m of sc.watchlistMatches) {
      if (m.status === 'false_positive') continue; // reviewed and cleared
      const confirmed = m.status === 'confirmed';
      add(
        `screening:watchlist_${m.status}`,
        confirmed ? 'Confirmed watchlist match' : 'Watchlist match awaiting review',
        confirmed ? w.screening.watchlistConfirmed : w.screening.watchlistOpen,
        { kind: 'screening', id: m.id, detail: `${m.status} watchlist match` },
      );
    }
  }

  const v = p.vendor;
  if (v) {
    const ev = (detail: string) => ({ kind: 'vendor' as const, id: v.id, detail });
    add(
      `vendor:tier_${v.tier}`,
      `Works for ${v.name}, a ${v.tier}-tier vendor`,
      w.vendorGaps.tier[v.tier],
      ev(`${v.tier} tier`),
    );
    if (v.reviewOverdue)
      add(
        'vendor:review_overdue',
        `${v.name}'s review is overdue`,
        w.vendorGaps.reviewOverdue,
        ev('review overdue'),
      );
    for (const c of v.expiredCertifications)
      add(
        'vendor:expired_certification',
        `${v.name}'s ${c} has expired`,
        w.vendorGaps.expiredCertification,
        ev(`${c} expired`),
      );
    const pct = Math.round(v.staffWithoutBackgroundCheck * 100);
    add(
      'vendor:no_background_checks',
      `${pct}% of ${v.name}'s staff lack a clear background check`,
      v.staffWithoutBackgroundCheck * w.vendorGaps.noBackgroundChecks,
      ev(`${pct}% of staff without a clear background check`),
    );
  }
  return rows;
}
