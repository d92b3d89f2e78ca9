import { z } from 'zod';
import { SEVERITIES, SIGNAL_KINDS, type Severity, type SignalKind } from '../detectors/types';
import { BACKGROUND_CHECK_STATUSES } from '../inventory/person';
import { SENSITIVITIES, type Sensitivity } from '../inventory/system';
import { VENDOR_TIERS, type VendorTier } from '../inventory/vendor';

/**
 * A table of non-negative points with one default per key. Every leaf has its own default so a
 * tenant that stored only `{ critical: 40 }` keeps the documented defaults for the other keys.
 */
function table<K extends string>(keys: readonly K[], defaults: Record<K, number>, max: number) {
  const shape = {} as Record<K, z.ZodDefault<z.ZodNumber>>;
  for (const k of keys) shape[k] = z.number().min(0).max(max).default(defaults[k]);
  // prefault parses `{}` when the key is absent, so the leaf defaults above fill it. The cast is
  // only for the compiler, which cannot resolve zod's input type over a generic key set.
  return z.object(shape).prefault({} as z.input<z.ZodObject<Record<K, z.ZodDefault<z.ZodNumber>>>>);
}

const pts = (d: number, max = 100) => z.number().min(0).max(max).default(d);

// Base points of a signal by severity; multiplied by the kind weight of each score.
const SEVERITY_POINTS: Record<Severity, number> = { low: 2, medium: 10, high: 20, critical: 35 };

// Compromise: every behavioural kind counts once. The three kinds raised from stored facts
// (screening, attestations) weigh 0 because those facts are scored directly; counting the signal
// too would score one fact twice.
const COMPROMISE_KINDS = Object.fromEntries(
  SIGNAL_KINDS.map((k) => [
    k,
    k === 'watchlist_match' || k === 'screening_gap' || k === 'attestation_disclosure' ? 0 : 1,
  ]),
) as Record<SignalKind, number>;

// Bribery: only data-harvesting behaviour (docs/RISK.md §Person scores). off_hours counts only when
// the signal touched sensitive records (enforced in person-score.ts).
const BRIBERY_KINDS = Object.fromEntries(
  SIGNAL_KINDS.map((k) => [
    k,
    k === 'bulk_record_access' ||
    k === 'code_exfiltration' ||
    k === 'access_without_ticket' ||
    k === 'ticket_mismatch' ||
    k === 'volume_spike' ||
    k === 'off_hours'
      ? 1
      : 0,
  ]),
) as Record<SignalKind, number>;

// Multiplier on compromise signal points, minus one; capped at 1 so access at most doubles them.
const ACCESS_BOOST: Record<Sensitivity, number> = {
  low: 0,
  medium: 0.1,
  high: 0.25,
  critical: 0.5,
};
const EXPOSURE: Record<Sensitivity, number> = { low: 0, medium: 4, high: 10, critical: 18 };
// Multiplier on evidence for working at a vendor of this tier, minus one (docs/RISK.md §Exposure).
const VENDOR_TIER_BOOST: Record<VendorTier, number> = {
  critical: 0.15,
  high: 0.1,
  medium: 0.05,
  low: 0,
};
const PERSON_VENDOR_TIER: Record<VendorTier, number> = { critical: 6, high: 4, medium: 2, low: 0 };
const VENDOR_TIER: Record<VendorTier, number> = { critical: 15, high: 10, medium: 5, low: 0 };
const FINDINGS: Record<Severity, number> = { low: 1, medium: 4, high: 10, critical: 20 };
const BACKGROUND: Record<(typeof BACKGROUND_CHECK_STATUSES)[number], number> = {
  not_started: 6,
  pending: 3,
  clear: 0,
  consider: 10,
  failed: 20,
};

/** Tenant-tunable risk weights (docs/RISK.md). */
export const riskWeightsSchema = z.object({
  /**
   * Signal points halve every half-life: from triage for incident-grade kinds, from the event for
   * the others (docs/RISK.md §Decay).
   */
  halfLifeDays: z.number().min(1).max(365).default(14),
  /**
   * Share of its points a signal keeps once detection found it to be the first run of a routine
   * (docs/RISK.md §Decay): explained but not yet triaged.
   */
  learnedRoutineShare: z.number().min(0).max(1).default(0.1),
  /** Person scores saturate: score = 100·(1 − e^(−raw/k)); k is the raw total that gives 63. */
  saturation: z.object({ compromise: pts(50, 1000), bribery: pts(50, 1000) }).prefault({}),
  severityPoints: table(SEVERITIES, SEVERITY_POINTS, 100),
  signalKinds: z
    .object({
      compromise: table(SIGNAL_KINDS, COMPROMISE_KINDS, 3),
      bribery: table(SIGNAL_KINDS, BRIBERY_KINDS, 3),
    })
    .prefault({}),
  /** Evidence weighs ×(1 + boost) for the most sensitive active grant (one part of exposure). */
  accessBoost: table(SENSITIVITIES, ACCESS_BOOST, 1),
  exposure: z
    .object({
      /** Standing points of the base (bribery), before the base's soft cap. */
      bySensitivity: table(SENSITIVITIES, EXPOSURE, 100),
      /** Points per tenfold of recent records touched: log10(1 + records) · perTenfold. */
      recordsPerTenfold: pts(3),
      recordsMax: pts(12),
      /**
       * Standing exposure and control gaps together add at most this many raw points:
       * base = cap · (1 − e^(−Σ/cap)). Kept under one medium signal (10) so exposure never
       * outranks evidence (docs/RISK.md §Exposure).
       */
      baseCap: pts(8, 50),
      /** Evidence boost per tenfold of recent records touched, up to recordsBoostMax. */
      recordsBoostPerTenfold: pts(0.05, 1),
      recordsBoostMax: pts(0.25, 1),
      /** Evidence boost for the tier of the person's vendor. */
      vendorTierBoost: table(VENDOR_TIERS, VENDOR_TIER_BOOST, 1),
      /** The whole boost (access + records + vendor tier) is capped here: at most ×(1 + max). */
      maxBoost: pts(1, 2),
    })
    .prefault({}),
  /** Floors for incident-grade evidence, in score points (docs/RISK.md §Holds). */
  holds: z
    .object({
      /** An untriaged incident-grade signal keeps compromise at least here (70 = high). */
      incidentFloor: pts(70, 99),
      /** An open strong-identifier or confirmed watchlist match keeps bribery at least here. */
      watchlistFloor: pts(90, 99),
      /** Raw points for the freshest held incident, halving with its age: fresher ranks first. */
      freshnessPoints: pts(10),
      /** A confirmed (case substantiated) incident keeps the floor this many days after. */
      confirmedHoldDays: z.number().min(0).max(365).default(90),
    })
    .prefault({}),
  screening: z
    .object({
      identityUnverified: pts(8),
      backgroundCheck: table(BACKGROUND_CHECK_STATUSES, BACKGROUND, 100),
      watchlistOpen: pts(10),
      watchlistConfirmed: pts(30),
    })
    .prefault({}),
  attestations: z
    .object({ overdueAntiBribery: pts(10), overdue: pts(5), disclosure: pts(12) })
    .prefault({}),
  /** The person's vendor's control gaps, added to that person's bribery score. */
  vendorGaps: z
    .object({
      tier: table(VENDOR_TIERS, PERSON_VENDOR_TIER, 100),
      reviewOverdue: pts(6),
      expiredCertification: pts(3),
      /** Multiplied by the share (0–1) of the vendor's staff without a clear background check. */
      noBackgroundChecks: pts(12),
    })
    .prefault({}),
  vendor: z
    .object({
      /** Roll-up of people: maxWeight·max + quantileWeight·quantile; never the mean. */
      quantile: z.number().min(0.5).max(1).default(0.9),
      maxWeight: z.number().min(0).max(1).default(0.6),
      quantileWeight: z.number().min(0).max(1).default(0.4),
      tier: table(VENDOR_TIERS, VENDOR_TIER, 100),
      reviewOverdue: pts(15),
      openFindings: table(SEVERITIES, FINDINGS, 100),
      expiredCertification: pts(8),
      contractEnded: pts(20),
      noBackgroundChecks: pts(20),
    })
    .refine((v) => v.maxWeight + v.quantileWeight <= 1, {
      message: 'The max and quantile weights must add up to at most 1',
      path: ['quantileWeight'],
    })
    .prefault({}),
});

export type RiskWeights = z.infer<typeof riskWeightsSchema>;

export const DEFAULT_RISK_WEIGHTS: RiskWeights = riskWeightsSchema.parse({});

/** Stored weights may predate a key; parse fills defaults, and invalid weights fall back whole. */
export function readRiskWeights(stored: unknown): RiskWeights {
  const parsed = riskWeightsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_RISK_WEIGHTS;
}
