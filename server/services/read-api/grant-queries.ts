import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { accessGrants, privileges, systems } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ReadGrantsInput } from '@/server/domain/read-api/inputs';
import type { ReadGrant, ReadPage } from '@/server/domain/read-api/shapes';
import { beforeCursor, microsKey } from '@/server/services/shared/keyset';
import { iso, isoOrNull, keyScope, pageOf } from './page';

const REQUESTED_KEY = microsKey(accessGrants.requestedAt);

/** Access requests and grants, newest request first, as the app's access list. */
export async function readGrants(orgId: string, f: ReadGrantsInput): Promise<ReadPage<ReadGrant>> {
  const conditions: SQL[] = [eq(accessGrants.orgId, orgId)];
  if (f.personId) conditions.push(eq(accessGrants.personId, f.personId));
  if (f.systemId) conditions.push(eq(accessGrants.systemId, f.systemId));
  if (f.status) conditions.push(inArray(accessGrants.status, f.status));
  if (f.cursor) conditions.push(beforeCursor(accessGrants.requestedAt, accessGrants.id, f.cursor));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select({
        grant: accessGrants,
        systemName: systems.name,
        privilegeName: privileges.name,
        timeKey: REQUESTED_KEY,
      })
      .from(accessGrants)
      .innerJoin(
        systems,
        and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
      )
      .innerJoin(
        privileges,
        and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
      )
      .where(and(...conditions))
      .orderBy(desc(accessGrants.requestedAt), desc(accessGrants.id))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    ({ grant: g, systemName, privilegeName }) => ({
      id: g.id,
      personId: g.personId,
      systemId: g.systemId,
      systemName,
      privilegeId: g.privilegeId,
      privilegeName,
      status: g.status,
      source: g.source,
      durationDays: g.durationDays,
      requestedAt: iso(g.requestedAt),
      decidedAt: isoOrNull(g.decidedAt),
      startsAt: isoOrNull(g.startsAt),
      expiresAt: isoOrNull(g.expiresAt),
      endedAt: isoOrNull(g.endedAt),
      endReason: g.endReason,
      updatedAt: iso(g.updatedAt),
    }),
    (r) => [r.timeKey, r.grant.id],
  );
}
