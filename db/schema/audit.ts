import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './tenancy';

// Append-only and hash-chained per organization (docs/SECURITY.md §Audit chain). The app role has
// no UPDATE/DELETE grant and a trigger refuses both for everyone (migration 0001).
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorType: text('actor_type', {
      enum: ['user', 'api_key', 'system', 'anonymous', 'person'],
    }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    // Version 2 entries (docs/SECURITY.md §Audit chain): the hash covers before/after (and a
    // person actor's label and IP) through this salted digest. Erasure redacts the payload and
    // drops the nonce through vigil_redact_audit_entries, the one update the trigger allows.
    payloadDigest: text('payload_digest'),
    payloadNonce: text('payload_nonce'),
    redactedAt: timestamp('redacted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    index('audit_log_org_time_idx').on(t.orgId, t.occurredAt),
    index('audit_log_org_entity_idx').on(t.orgId, t.entityType, t.entityId),
  ],
);
