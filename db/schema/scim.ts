import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './inventory';
import { organizations } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A person provisioned over SCIM (docs/SCIM.md): the SCIM id is the person's id; this row keeps
 * what the identity provider knows them by. Erasure deletes it with the person's other
 * identifiers (docs/PRIVACY.md §Erasure).
 */
export const scimUsers = pgTable(
  'scim_users',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    // displayName (else name.formatted) as sent; the person's full name is derived from it.
    displayName: text('display_name'),
    active: boolean('active').notNull().default(true),
    // meta.version (the ETag): bumped on every change.
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId] }),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [people.orgId, people.id],
    }).onDelete('cascade'),
    // userName is unique and compared case-insensitively (RFC 7643 §4.1.1).
    uniqueIndex('scim_users_org_user_name_key').on(t.orgId, sql`lower(${t.userName})`),
    index('scim_users_org_external_id_idx').on(t.orgId, t.externalId),
  ],
);

/** Groups pushed by the identity provider: kept with their members, nothing more (docs/SCIM.md). */
export const scimGroups = pgTable(
  'scim_groups',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('scim_groups_org_name_idx').on(t.orgId, sql`lower(${t.displayName})`),
  ],
);

export const scimGroupMembers = pgTable(
  'scim_group_members',
  {
    orgId: orgId(),
    groupId: uuid('group_id').notNull(),
    personId: uuid('person_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.groupId, t.personId] }),
    foreignKey({
      columns: [t.orgId, t.groupId],
      foreignColumns: [scimGroups.orgId, scimGroups.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [people.orgId, people.id],
    }).onDelete('cascade'),
    index('scim_group_members_person_idx').on(t.orgId, t.personId),
  ],
);
