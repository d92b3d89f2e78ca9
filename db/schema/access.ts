import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { STEP_KINDS, STEP_STATUSES } from '@/server/domain/access/approval-plan';
import { GRANT_STATUSES } from '@/server/domain/access/grant';
import { ROLES } from '@/server/domain/tenancy/roles';
import { people, privileges, systems } from './inventory';
import { organizations, users } from './tenancy';

/**
 * Person × system × privilege, from request to expiry or revocation
 * (docs/PRODUCT.md §Grant lifecycle).
 */
export const accessGrants = pgTable(
  'access_grants',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    systemId: uuid('system_id').notNull(),
    privilegeId: uuid('privilege_id').notNull(),
    status: text('status', { enum: GRANT_STATUSES }).notNull(),
    source: text('source', { enum: ['request', 'import'] }).notNull(),
    justification: text('justification').notNull(),
    durationDays: integer('duration_days'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    // Imports record who approved the access outside Vigil, as given.
    importedApprover: text('imported_approver'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    endReason: text('end_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    foreignKey({ columns: [t.orgId, t.systemId], foreignColumns: [systems.orgId, systems.id] }),
    foreignKey({
      columns: [t.orgId, t.privilegeId],
      foreignColumns: [privileges.orgId, privileges.id],
    }),
    // One open request or grant per person and privilege: a second request is a duplicate.
    uniqueIndex('access_grants_open_key')
      .on(t.orgId, t.personId, t.privilegeId)
      .where(sql`status in ('pending', 'approved', 'active')`),
    index('access_grants_person_idx').on(t.orgId, t.personId, t.status),
    index('access_grants_system_idx').on(t.orgId, t.systemId, t.status),
    index('access_grants_list_idx').on(t.orgId, t.requestedAt, t.id),
    // The expiry sweep reads only live grants by end date.
    index('access_grants_expiry_idx')
      .on(t.orgId, t.expiresAt)
      .where(sql`status in ('approved', 'active')`),
  ],
);

export const approvalSteps = pgTable(
  'approval_steps',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    grantId: uuid('grant_id').notNull(),
    seq: smallint('seq').notNull(),
    kind: text('kind', { enum: STEP_KINDS }).notNull(),
    approverUserId: uuid('approver_user_id').references(() => users.id),
    approverRole: text('approver_role', { enum: ROLES }),
    status: text('status', { enum: STEP_STATUSES }).notNull(),
    note: text('note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.grantId],
      foreignColumns: [accessGrants.orgId, accessGrants.id],
    }),
    uniqueIndex('approval_steps_seq_key').on(t.orgId, t.grantId, t.seq),
    index('approval_steps_inbox_user_idx')
      .on(t.orgId, t.approverUserId)
      .where(sql`status = 'pending'`),
    index('approval_steps_inbox_role_idx')
      .on(t.orgId, t.approverRole)
      .where(sql`status = 'pending'`),
  ],
);

export type AccessGrantRow = typeof accessGrants.$inferSelect;
