import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations, users } from './tenancy';

export const EVIDENCE_PACKAGE_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

/**
 * A generated evidence package (docs/EVIDENCE.md §Generation and downloads): kept so it can be
 * downloaded again later, with the manifest's SHA-256 so a copy handed to an auditor can be matched
 * to it. The ZIP itself is a file under the evidence folder (VIGIL_EVIDENCE_PACKAGES_DIR), streamed
 * in and out.
 */
export const evidencePackages = pgTable(
  'evidence_packages',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    scope: text('scope').array().notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedByLabel: text('requested_by_label').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: EVIDENCE_PACKAGE_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    progressNote: text('progress_note'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    generatedAt: timestamp('generated_at', { withTimezone: true }),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    manifestSha256: text('manifest_sha256'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    fileCount: integer('file_count'),
    rowCount: bigint('row_count', { mode: 'number' }),
    // Relative to the evidence folder, so the folder can move with its files.
    fileLocation: text('file_location'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('evidence_packages_list_idx').on(t.orgId, t.requestedAt),
    index('evidence_packages_manifest_idx').on(t.orgId, t.manifestSha256),
  ],
);
