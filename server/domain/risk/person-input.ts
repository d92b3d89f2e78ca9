import { z } from 'zod';
import { SEVERITIES, SIGNAL_KINDS } from '../detectors/types';
import { BACKGROUND_CHECK_STATUSES } from '../inventory/person';
import { sensitivitySchema } from '../inventory/system';
import { tierSchema } from '../inventory/vendor';

// `confirmed` (a case substantiated the signal) counts like escalated: only dismissal clears one.
export const SIGNAL_STATUSES = [
  'open',
  'acknowledged',
  'dismissed',
  'escalated',
  'confirmed',
] as const;
export const WATCHLIST_MATCH_STATUSES = ['open', 'confirmed', 'false_positive'] as const;

const id = z.string().min(1);

// Every object is strict: a key the scorer does not know (nationality, citizenship, religion,
// gender, age, the person's country...) is an error, not silently carried along. Location enters
// only as behaviour, through signals such as new_country (docs/RISK.md §Protected attributes).
const signalSchema = z.strictObject({
  id,
  kind: z.enum(SIGNAL_KINDS),
  severity: z.enum(SEVERITIES),
  status: z.enum(SIGNAL_STATUSES),
  windowEnd: z.date(),
  /** When the status last changed (triage, a case opened or closed); null while never triaged. */
  statusAt: z.date().nullable().default(null),
  /** When the signal was raised: "untriaged since". Defaults to the window end. */
  raisedAt: z.date().optional(),
  /** The signal's evidence touched sensitive records (off_hours counts for bribery only then). */
  touchedSensitive: z.boolean().default(false),
  // Facts from the signal's stats that decide whether it is incident-grade (incident.ts).
  /** access_without_grant: the system's criticality is high or critical. */
  restrictedSystem: z.boolean().default(false),
  /** shared_infrastructure: another person on the device or IP has an open or confirmed match. */
  watchlistedPeer: z.boolean().default(false),
  /** identity_reuse: the shared identifier is on a watchlist entry. */
  watchlistIdentity: z.boolean().default(false),
  /** Detection later found it to be a routine's first occurrence (docs/RISK.md §Decay). */
  learnedRoutine: z.boolean().default(false),
  /** What happened, in a few words, for the ledger and the headline (wording.ts). */
  summary: z.string().min(1).max(300).optional(),
});

export const personRiskInputSchema = z.strictObject({
  signals: z.array(signalSchema).default([]),
  /** Grants active now; only their sensitivity matters. */
  activeGrants: z.array(z.strictObject({ id, sensitivity: sensitivitySchema })).default([]),
  /** Records touched in the recent window the service chooses (docs/RISK.md: 30 days). */
  recentRecordsTouched: z.number().int().min(0).default(0),
  screening: z
    .strictObject({
      identityVerified: z.boolean(),
      backgroundCheck: z.enum(BACKGROUND_CHECK_STATUSES),
      watchlistMatches: z
        .array(
          z.strictObject({
            id,
            status: z.enum(WATCHLIST_MATCH_STATUSES),
            /** Strong identifiers it matched on (`phone:+1555…`); empty for a name-only match. */
            strongIdentifiers: z.array(z.string().min(1)).default([]),
            /** When the match was raised ("not reviewed since"). */
            since: z.date().optional(),
          }),
        )
        .default([]),
    })
    .optional(),
  /** Requests past due and unanswered (anti-bribery weighs more), and answers that disclosed. */
  attestations: z
    .strictObject({
      overdueAntiBribery: z.array(z.strictObject({ id })).default([]),
      overdue: z.array(z.strictObject({ id, title: z.string().min(1) })).default([]),
      disclosures: z.array(z.strictObject({ id })).default([]),
    })
    .optional(),
  /** The control gaps of the person's vendor; absent for employees. */
  vendor: z
    .strictObject({
      id,
      name: z.string().min(1),
      tier: tierSchema,
      reviewOverdue: z.boolean(),
      expiredCertifications: z.array(z.string().min(1)).default([]),
      /** Share (0–1) of the vendor's staff without a clear background check. */
      staffWithoutBackgroundCheck: z.number().min(0).max(1),
    })
    .optional(),
});

export type PersonRiskInput = z.input<typeof personRiskInputSchema>;
export type ParsedPersonRiskInput = z.output<typeof personRiskInputSchema>;
export type RiskSignal = ParsedPersonRiskInput['signals'][number];
export type RiskWatchlistMatch = NonNullable<
  ParsedPersonRiskInput['screening']
>['watchlistMatches'][number];
