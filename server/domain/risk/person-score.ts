import { bandOf, type RiskBand } from './bands';
import { decayFactor, signalBasePoints, signalDecaysAt, signalPoints } from './decay';
import { boostParts, boostRows, capBase, topGrant } from './exposure';
import { signalClock } from './incident';
import { settleLedger, toTenth, type Factor, type RawFactor } from './ledger';
import {
  personRiskInputSchema,
  type ParsedPersonRiskInput,
  type PersonRiskInput,
  type RiskSignal,
} from './person-input';
import type { RiskWeights } from './weights';
import {
  ago,
  capitalize,
  incidentDetail,
  identifierWords,
  kindWords,
  statusWords,
  watchlistDetail,
} from './wording';

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
const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/** Saturating cap: many small reasons approach 100 but never pass it (docs/RISK.md). */
export const saturate = (raw: number, k: number) => toTenth(100 * (1 - Math.exp(-raw / k)));

/** The raw points that saturate to `floor` (a hold's base), a hair above so rounding keeps it. */
export const floorRaw = (floor: number, k: number) =>
  floor <= 0 ? 0 : k * Math.log(100 / (100 - floor)) + 1e-6;

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

/** The last decay date of rows, or null when one of them stands until something changes. */
const lastDecay = (rows: readonly { decaysAt: Date | null }[]) =>
  rows.some((r) => r.decaysAt === null)
    ? null
    : new Date(Math.max(0, ...rows.map((r) => r.decaysAt!.getTime())));

function signalRows<S extends PersonScoreName>(
  score: S,
  signals: RiskSignal[],
  w: RiskWeights,
  now: Date,
): RawFactor<S>[] {
  return signals.flatMap((s) => {
    const base = signalBasePoints(s, score, w);
    if (base <= 0) return [];
    const clock = signalClock(s, w, now);
    const days = Math.max(0, Math.floor((now.getTime() - s.windowEnd.getTime()) / DAY));
    const what = clock.incident && s.summary ? `: ${s.summary}` : '';
    return [
      {
        score,
        factor: `signal:${s.kind}`,
        label:
          `${capitalize(kindWords(s.kind))}${what} (${s.severity}, ${statusWords(s.status)}), ${ago(days)}` +
          (s.learnedRoutine ? '; later learned as a routine' : ''),
        raw: signalPoints(s, score, w, now),
        evidence: { kind: 'signal', id: s.id, detail: `${s.severity} ${kindWords(s.kind)} signal` },
        decaysAt: clock.frozen ? null : signalDecaysAt(base, clock.from, w.halfLifeDays),
      },
    ];
  });
}

/**
 * The incident floor (docs/RISK.md §Holds): while an incident-grade signal is untriaged, in a
 * case, or recently confirmed, compromise starts at `holds.incidentFloor` and everything else
 * adds on top, so more, severer and fresher incidents still rank higher.
 */
function incidentHold(
  signals: RiskSignal[],
  w: RiskWeights,
  now: Date,
): RawFactor<'compromise'> | null {
  const held = signals.filter(
    (s) => signalBasePoints(s, 'compromise', w) > 0 && signalClock(s, w, now).holds,
  );
  if (held.length === 0) return null;
  const top = [...held].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.windowEnd.getTime() - a.windowEnd.getTime() ||
      (a.id < b.id ? -1 : 1),
  )[0]!;
  const freshest = Math.max(...held.map((s) => s.windowEnd.getTime()));
  const freshness = w.holds.freshnessPoints * decayFactor(now.getTime() - freshest, w.halfLifeDays);
  const band = bandOf(w.holds.incidentFloor);
  const why = held.some((s) => s.status === 'open')
    ? 'until triaged'
    : held.some((s) => s.status === 'escalated')
      ? 'while its case is open'
      : 'after a case confirmed it';
  const more = held.length > 1 ? ` (and ${held.length - 1} more incident-grade)` : '';
  return {
    score: 'compromise',
    factor: 'hold:incident',
    label: `Held at ${band} ${why}: ${held.length === 1 ? 'an incident-grade signal' : `${held.length} incident-grade signals`}`,
    raw: floorRaw(w.holds.incidentFloor, w.saturation.compromise) + freshness,
    evidence: {
      kind: 'signal',
      id: top.id,
      detail: incidentDetail({ ...top, raisedAt: top.raisedAt ?? top.windowEnd }, now) + more,
    },
    decaysAt: null,
  };
}

/** Insider compromise: signals (held or decayed), amplified by exposure, over any incident floor. */
function compromiseRows(
  signals: RiskSignal[],
  p: ParsedPersonRiskInput,
  w: RiskWeights,
  now: Date,
): RawFactor<'compromise'>[] {
  const rows = signalRows('compromise', signals, w, now);
  rows.push(...boostRows('compromise', sumRaw(rows), boostParts(p, w), lastDecay(rows)));
  const hold = incidentHold(signals, w, now);
  if (hold) rows.push(hold);
  return rows;
}

type Add = (
  factor: string,
  label: string,
  raw: number,
  evidence: RawFactor<'bribery'>['evidence'],
) => void;
const adder =
  (rows: RawFactor<'bribery'>[]): Add =>
  (factor, label, raw, evidence) => {
    if (raw > 0) rows.push({ score: 'bribery', factor, label, raw, evidence, decaysAt: null });
  };

/**
 * Bribery: a small soft-capped base of standing exposure and control gaps, plus evidence
 * (harvesting signals, screening problems, disclosures, watchlist matches) × (1 + exposure), over
 * the watchlist floor when a strong or confirmed match stands (docs/RISK.md §Person scores).
 */
function briberyRows(
  signals: RiskSignal[],
  p: ParsedPersonRiskInput,
  w: RiskWeights,
  now: Date,
): RawFactor<'bribery'>[] {
  const evidence: RawFactor<'bribery'>[] = signalRows('bribery', signals, w, now);
  const addEvidence = adder(evidence);
  const sc = p.screening;
  let watchHold: RawFactor<'bribery'> | null = null;
  if (sc) {
    if (sc.backgroundCheck === 'consider' || sc.backgroundCheck === 'failed')
      addEvidence(
        `screening:background_check_${sc.backgroundCheck}`,
        `Background check ${words(sc.backgroundCheck)}`,
        w.screening.backgroundCheck[sc.backgroundCheck],
        { kind: 'screening', detail: `background check ${words(sc.backgroundCheck)}` },
      );
    const live = sc.watchlistMatches.filter((m) => m.status !== 'false_positive');
    const nameOnly = live.filter((m) => m.status === 'open' && m.strongIdentifiers.length === 0);
    for (const m of live) {
      if (m.status === 'confirmed')
        addEvidence(
          'screening:watchlist_confirmed',
          'Confirmed watchlist match',
          w.screening.watchlistConfirmed,
          {
            kind: 'screening',
            id: m.id,
            detail: 'confirmed watchlist match',
          },
        );
      else if (m.strongIdentifiers.length > 0)
        addEvidence(
          'screening:watchlist_identifier',
          `Watchlist match on ${m.strongIdentifiers.map(identifierWords).join(', ')} awaiting review`,
          w.screening.watchlistOpen,
          { kind: 'screening', id: m.id, detail: 'open watchlist match on a strong identifier' },
        );
    }
    // Name similarity alone is weak: however many entries a common name resembles, it adds one
    // open match's points and never holds (docs/RISK.md §Watchlist matches).
    if (nameOnly.length > 0)
      addEvidence(
        'screening:watchlist_open',
        nameOnly.length === 1
          ? 'Watchlist name match awaiting review'
          : `${nameOnly.length} watchlist name matches awaiting review`,
        w.screening.watchlistOpen,
        { kind: 'screening', id: nameOnly[0]!.id, detail: 'open watchlist match on name only' },
      );
    const holding = live
      .filter((m) => m.status === 'confirmed' || m.strongIdentifiers.length > 0)
      .sort((a, b) =>
        a.status === b.status ? (a.id < b.id ? -1 : 1) : a.status === 'confirmed' ? -1 : 1,
      );
    const first = holding[0];
    if (first) {
      const band = bandOf(w.holds.watchlistFloor);
      watchHold = {
        score: 'bribery',
        factor: 'hold:watchlist',
        label:
          first.status === 'confirmed'
            ? `Held at ${band}: confirmed watchlist match`
            : `Held at ${band} until the watchlist match is reviewed`,
        raw: floorRaw(w.holds.watchlistFloor, w.saturation.bribery),
        evidence: { kind: 'screening', id: first.id, detail: watchlistDetail(first, now) },
        decaysAt: null,
      };
    }
  }
  for (const d of p.attestations?.disclosures ?? [])
    addEvidence(
      'attestation:disclosure',
      'Disclosed a gift, conflict or approach',
      w.attestations.disclosure,
      {
        kind: 'attestation',
        id: d.id,
        detail: 'attestation disclosure',
      },
    );

  const rows = [...capBase(baseRows(p, w), w), ...evidence];
  rows.push(...boostRows('bribery', sumRaw(evidence), boostParts(p, w), lastDecay(evidence)));
  if (watchHold) rows.push(watchHold);
  return rows;
}

/** Standing exposure and control gaps, before the base's soft cap (exposure.ts capBase). */
function baseRows(p: ParsedPersonRiskInput, w: RiskWeights): RawFactor<'bribery'>[] {
  const rows: RawFactor<'bribery'>[] = [];
  const add = adder(rows);
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
    add(
      'exposure:records_touched',
      `Touched ${p.recentRecordsTouched.toLocaleString('en-US')} records recently`,
      raw,
      { kind: 'grant', detail: `${p.recentRecordsTouched} records in the recent window` },
    );
  }
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
    if (sc.backgroundCheck !== 'consider' && sc.backgroundCheck !== 'failed')
      add(
        `screening:background_check_${sc.backgroundCheck}`,
        `Background check ${words(sc.backgroundCheck)}`,
        w.screening.backgroundCheck[sc.backgroundCheck],
        { kind: 'screening', detail: `background check ${words(sc.backgroundCheck)}` },
      );
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
