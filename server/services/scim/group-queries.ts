import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { scimGroups } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { EqFilter } from '@/server/domain/scim/filter';
import { listResponse, notFound } from '@/server/domain/scim/protocol';
import { groupResource, loadGroup, membersOf } from './group-records';
import { isUuid, type ScimActor } from './user-records';

export const GROUP_FILTER_ATTRIBUTES = ['displayname', 'externalid', 'id'];

function condition(orgId: string, filter: EqFilter | null): SQL | undefined {
  if (!filter) return eq(scimGroups.orgId, orgId);
  const byAttribute: Record<string, SQL> = {
    displayname: sql`lower(${scimGroups.displayName}) = lower(${filter.value})`,
    externalid: eq(scimGroups.externalId, filter.value),
    id: isUuid(filter.value) ? eq(scimGroups.id, filter.value) : sql`false`,
  };
  return and(eq(scimGroups.orgId, orgId), byAttribute[filter.attribute]);
}

/**
 * GET /Groups. `excludedAttributes=members` (Entra ID asks it) leaves members out, which keeps a
 * large group's listing small.
 */
export async function listScimGroups(
  actor: ScimActor,
  filter: EqFilter | null,
  page: { startIndex: number; count: number },
  withMembers: boolean,
) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const where = condition(actor.orgId, filter);
    const [total] = await tx.select({ n: count() }).from(scimGroups).where(where);
    const rows =
      page.count === 0
        ? []
        : await tx
            .select()
            .from(scimGroups)
            .where(where)
            .orderBy(asc(scimGroups.createdAt), asc(scimGroups.id))
            .offset(page.startIndex - 1)
            .limit(page.count);
    const members = withMembers
      ? await membersOf(
          tx,
          actor.orgId,
          rows.map((r) => r.id),
        )
      : null;
    return listResponse(
      rows.map((r) => {
        const resource = groupResource(actor, r, members?.get(r.id) ?? []);
        if (withMembers) return resource;
        const { members: _m, ...rest } = resource;
        return rest;
      }),
      total?.n ?? 0,
      page.startIndex,
    );
  });
}

export async function getScimGroup(actor: ScimActor, id: string, withMembers = true) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const row = await loadGroup(tx, actor.orgId, id);
    if (!row) throw notFound(`No group ${id.slice(0, 64)}.`);
    const members = withMembers
      ? ((await membersOf(tx, actor.orgId, [row.id])).get(row.id) ?? [])
      : [];
    const resource = groupResource(actor, row, members);
    if (withMembers) return resource;
    const { members: _m, ...rest } = resource;
    return rest;
  });
}
