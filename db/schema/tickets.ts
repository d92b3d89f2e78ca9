import { sql } from 'drizzle-orm';
import {
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TICKET_STATUSES } from '@/server/domain/import/ticket-status';
import { organizations } from './tenancy';

/**
 * Support tickets from the tenant's ticketing tool (docs/IMPORTS.md §tickets.csv), so detection
 * can check that a ticket cited by an access exists, was open, is the actor's and is about the
 * record touched (docs/DETECTORS.md §Ticket feed). One row per ticket id in the organization:
 * events cite a ticket by id alone, so the id must name one ticket.
 */
export const tickets = pgTable(
  'tickets',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    ticketId: text('ticket_id').notNull(),
    // The system the ticket covers, as the logs name it; resolved to a system when one matches.
    system: text('system'),
    systemId: uuid('system_id'),
    assigneeEmail: text('assignee_email'),
    assigneePersonId: uuid('assignee_person_id'),
    // Assignees a re-import replaced: a reassigned ticket still covers its earlier owner's work.
    earlierAssigneeEmails: text('earlier_assignee_emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    resourceIds: text('resource_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('tickets_org_ticket_key').on(t.orgId, sql`lower(${t.ticketId})`),
    index('tickets_org_opened_idx').on(t.orgId, t.openedAt),
  ],
);
