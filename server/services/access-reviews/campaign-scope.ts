import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { sensitivityRank, type CampaignScope } from '@/server/domain/access-reviews/campaign';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { refuseUnlessRunner } from './review-changes';

/**
 * The live grants a scope covers (aliases g = access_grants, p = people, pr = privileges):
 * held grants (approved or active), on the chosen systems, of the chosen vendors' people, at or
 * above the minimum sensitivity. Empty lists mean every system / everyone.
 */
export function grantsInScope(orgId: string, scope: CampaignScope): SQL {
  const parts: SQL[] = [
    sql`g.org_id = ${orgId}`,
    sql`g.status in ('approved', 'active')`,
    sql`array_position(array['low','medium','high','critical']::text[], pr.sensitivity) >= ${sensitivityRank(scope.minSensitivity) + 1}`,
  ];
  if (scope.systemIds.length > 0)
    parts.push(
      sql`g.system_id in (${sql.join(
        scope.systemIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (scope.vendorIds.length > 0)
    parts.push(
      sql`p.vendor_id in (${sql.join(
        scope.vendorIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  return sql.join(parts, sql` and `);
}

export const scopeFrom = sql`access_grants g
  join people p on p.org_id = g.org_id and p.id = g.person_id
  join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
  join systems s on s.org_id = g.org_id and s.id = g.system_id
  left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id`;

/** How many grants a scope covers now (the create form's live count). */
export async function countGrantsInScope(actor: OrgActor, scope: CampaignScope) {
  refuseUnlessRunner(actor);
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = rowsOf<{ grants: number; people: number }>(
      await tx.execute(sql`select count(*)::int as grants, count(distinct g.person_id)::int as people
        from ${scopeFrom} where ${grantsInScope(actor.orgId, scope)}`),
    );
    return { grants: row?.grants ?? 0, people: row?.people ?? 0 };
  });
}

export async function checkScopeIds(tx: Tx, orgId: string, scope: CampaignScope) {
  const count = async (table: string, ids: string[]) => {
    if (ids.length === 0) return 0;
    const [r] = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId} and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    return r?.n ?? 0;
  };
  const systemIds = [...new Set(scope.systemIds)];
  const vendorIds = [...new Set(scope.vendorIds)];
  if ((await count('systems', systemIds)) !== systemIds.length)
    throw new UserFacingError('NOT_FOUND', 'One or more of those systems do not exist here.');
  if ((await count('vendors', vendorIds)) !== vendorIds.length)
    throw new UserFacingError('NOT_FOUND', 'One or more of those vendors do not exist here.');
}
