import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { people, scimUsers } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { EqFilter } from '@/server/domain/scim/filter';
import { listResponse, notFound } from '@/server/domain/scim/protocol';
import {
  isUuid,
  loadUser,
  userResource,
  usersQuery,
  type ScimActor,
  type UserRow,
} from './user-records';

/** The attributes GET /Users may filter on with `eq` (docs/SCIM.md §Filters). */
export const USER_FILTER_ATTRIBUTES = ['username', 'externalid', 'emails.value', 'emails', 'id'];

function condition(orgId: string, filter: EqFilter | null): SQL | undefined {
  if (!filter) return eq(scimUsers.orgId, orgId);
  const byAttribute: Record<string, SQL> = {
    // userName compares case-insensitively (RFC 7643 §4.1.1: caseExact false).
    username: sql`lower(${scimUsers.userName}) = lower(${filter.value})`,
    externalid: eq(scimUsers.externalId, filter.value),
    'emails.value': eq(people.email, filter.value.toLowerCase()),
    emails: eq(people.email, filter.value.toLowerCase()),
    id: isUuid(filter.value) ? eq(scimUsers.personId, filter.value) : sql`false`,
  };
  return and(eq(scimUsers.orgId, orgId), byAttribute[filter.attribute]);
}

/** GET /Users: a ListResponse page in creation order, 1-based (RFC 7644 §3.4.2). */
export async function listScimUsers(
  actor: ScimActor,
  filter: EqFilter | null,
  page: { startIndex: number; count: number },
) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const where = condition(actor.orgId, filter);
    const [total] = await tx
      .select({ n: count() })
      .from(scimUsers)
      .innerJoin(people, and(eq(people.orgId, scimUsers.orgId), eq(people.id, scimUsers.personId)))
      .where(where);
    const rows =
      page.count === 0
        ? []
        : ((await usersQuery(tx, actor.orgId)
            .where(where)
            .orderBy(asc(scimUsers.createdAt), asc(scimUsers.personId))
            .offset(page.startIndex - 1)
            .limit(page.count)) as UserRow[]);
    return listResponse(
      rows.map((r) => userResource(actor, r)),
      total?.n ?? 0,
      page.startIndex,
    );
  });
}

export async function getScimUser(actor: ScimActor, id: string) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const row = await loadUser(tx, actor.orgId, id);
    if (!row) throw notFound(`No user ${id.slice(0, 64)}.`);
    return userResource(actor, row);
  });
}
