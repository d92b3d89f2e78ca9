import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { people, vendors } from './inventory';
import { organizations, users } from './tenancy';

// Kept here rather than imported from server/domain/risk so drizzle-kit reads plain literals.
export const RISK_BAND_VALUES = ['low', 'medium', 'high', 'critical'] as const;
export const RISK_SUBJECT_TYPES = ['person', 'vendor'] as const;
export const EVIDENCE_KINDS = [
  'signal',
  'grant',
  'attestation',
  'vendor',
  'screening',
  'person',
] as const;

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);
const computedAt = () => timestamp('computed_at', { withTimezone: true }).notNull();

/** Current person scores, replaced per org on every recompute (docs/RISK.md §Storage). */
export const personRiskScores = pgTable(
  'person_risk_scores',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    bribery: doublePrecision('bribery').notNull(),
    compromise: doublePrecision('compromise').notNull(),
    /** The higher of the two: what lists sort and band on. */
    risk: doublePrecision('risk').notNull(),
    band: text('band', { enum: RISK_BAND_VALUES }).notNull(),
    briberyBand: text('bribery_band', { enum: RISK_BAND_VALUES }).notNull(),
    compromiseBand: text('compromise_band', { enum: RISK_BAND_VALUES }).notNull(),
    /** Hash of the scores and ledger: a recompute rewrites only the people whose ledger moved. */
    fingerprint: text('fingerprint').notNull(),
    /** When the score or its ledger last changed (the org's last run: risk_recomputes). */
    computedAt: computedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId] }),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [people.orgId, people.id],
    }).onDelete('cascade'),
    // "count per band" and "top N" for the overview read these indexes, never raw events.
    index('person_risk_scores_band_idx').on(t.orgId, t.band),
    index('person_risk_scores_top_idx').on(t.orgId, t.risk.desc(), t.personId),
  ],
);

/** One row per ledger line of a person's scores: every point has a reason. */
export const personRiskFactors = pgTable(
  'person_risk_factors',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    score: text('score', { enum: ['bribery', 'compromise'] }).notNull(),
    /** Order within the score's ledger, largest first. */
    position: smallint('position').notNull(),
    factor: text('factor').notNull(),
    label: text('label').notNull(),
    points: doublePrecision('points').notNull(),
    evidenceKind: text('evidence_kind', { enum: EVIDENCE_KINDS }).notNull(),
    /** Source ref: the signal, grant, watchlist match or vendor id, when the row has one. */
    evidenceId: text('evidence_id'),
    evidenceDetail: text('evidence_detail').notNull(),
    decaysAt: timestamp('decays_at', { withTimezone: true }),
  },
  (t) => [
    // A natural key and no foreign key: rows are rebuilt from current people on each recompute,
    // and one index (clustered by person) instead of a random-uuid key plus a person index halves
    // the write cost of a ledger (docs/BENCHMARKS.md "Risk recompute").
    primaryKey({ columns: [t.orgId, t.personId, t.score, t.position] }),
  ],
);

export const vendorRiskScores = pgTable(
  'vendor_risk_scores',
  {
    orgId: orgId(),
    vendorId: uuid('vendor_id').notNull(),
    risk: doublePrecision('risk').notNull(),
    band: text('band', { enum: RISK_BAND_VALUES }).notNull(),
    peopleCount: integer('people_count').notNull(),
    computedAt: computedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.vendorId] }),
    foreignKey({
      columns: [t.orgId, t.vendorId],
      foreignColumns: [vendors.orgId, vendors.id],
    }).onDelete('cascade'),
    index('vendor_risk_scores_band_idx').on(t.orgId, t.band),
    index('vendor_risk_scores_top_idx').on(t.orgId, t.risk.desc(), t.vendorId),
  ],
);

export const vendorRiskFactors = pgTable(
  'vendor_risk_factors',
  {
    orgId: orgId(),
    vendorId: uuid('vendor_id').notNull(),
    position: smallint('position').notNull(),
    factor: text('factor').notNull(),
    label: text('label').notNull(),
    points: doublePrecision('points').notNull(),
    evidenceKind: text('evidence_kind', { enum: EVIDENCE_KINDS }).notNull(),
    evidenceId: text('evidence_id'),
    evidenceDetail: text('evidence_detail').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.vendorId, t.position] })],
);

/**
 * One row per subject and day for trend charts: the last recompute of the day wins. Person rows
 * carry bribery and compromise; vendor rows carry only risk.
 */
export const riskHistory = pgTable(
  'risk_history',
  {
    orgId: orgId(),
    subjectType: text('subject_type', { enum: RISK_SUBJECT_TYPES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    day: date('day').notNull(),
    bribery: doublePrecision('bribery'),
    compromise: doublePrecision('compromise'),
    risk: doublePrecision('risk').notNull(),
    band: text('band', { enum: RISK_BAND_VALUES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subjectType, t.subjectId, t.day] }),
    index('risk_history_day_idx').on(t.orgId, t.day),
  ],
);

/** Pre-aggregate for the overview: how many people / vendors sat in each band each day. */
export const riskBandDaily = pgTable(
  'risk_band_daily',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    subjectType: text('subject_type', { enum: RISK_SUBJECT_TYPES }).notNull(),
    band: text('band', { enum: RISK_BAND_VALUES }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.subjectType, t.band] })],
);

/** The org's last recompute: when scores were last brought up to date, and how big it was. */
export const riskRecomputes = pgTable('risk_recomputes', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  computedAt: computedAt(),
  people: integer('people').notNull(),
  vendors: integer('vendors').notNull(),
  ms: integer('ms').notNull(),
});

/** Tenant-tuned weights (server/domain/risk/weights.ts); absent row = documented defaults. */
export const riskWeights = pgTable('risk_weights', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  weights: jsonb('weights').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
