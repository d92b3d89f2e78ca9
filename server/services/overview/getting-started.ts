import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export interface GettingStarted {
  vendors: number;
  systems: number;
  people: number;
  /** Log batches received by any channel, and connectors set up (they pull by themselves). */
  logBatches: number;
  connectors: number;
  /** Members besides the first admin, and invitations still open. */
  members: number;
  openInvitations: number;
}

/**
 * What a new organization has set up so far, for the overview's getting-started path
 * (docs/GUIDE.md §Getting started). Each count stops at 2: only "none", "one" and "more" matter.
 */
export async function gettingStarted(actor: OrgActor): Promise<GettingStarted> {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = rowsOf<Record<keyof GettingStarted, number>>(
      await tx.execute(sql`
        select
          (select count(*)::int from (select 1 from vendors where org_id = ${actor.orgId} limit 2) v) as "vendors",
          (select count(*)::int from (select 1 from systems where org_id = ${actor.orgId} limit 2) s) as "systems",
          (select count(*)::int from (select 1 from people where org_id = ${actor.orgId} limit 2) p) as "people",
          (select count(*)::int from (select 1 from ingest_batches where org_id = ${actor.orgId} limit 2) b) as "logBatches",
          (select count(*)::int from (select 1 from connectors where org_id = ${actor.orgId} limit 2) c) as "connectors",
          (select count(*)::int from (select 1 from memberships where org_id = ${actor.orgId} limit 2) m) as "members",
          (select count(*)::int from (select 1 from invitations where org_id = ${actor.orgId}
             and accepted_at is null and revoked_at is null and expires_at > now() limit 2) i) as "openInvitations"
      `),
    );
    return row!;
  });
}
