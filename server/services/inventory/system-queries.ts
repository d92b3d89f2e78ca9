import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import { privileges, systems, toxicPairs, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { SystemIdInput } from '@/server/domain/inventory/inputs';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

const SENSITIVITY_RANK = sql<number>`case ${privileges.sensitivity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

export async function listSystems(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: systems.id,
        name: systems.name,
        criticality: systems.criticality,
        dataClassification: systems.dataClassification,
        ownerEmail: users.email,
        privilegeCount: sql<number>`(select count(*)::int from ${privileges} p where p.org_id = "systems"."org_id" and p.system_id = "systems"."id" and not p.retired)`,
        highestSensitivity: sql<
          string | null
        >`(select p.sensitivity from ${privileges} p where p.org_id = "systems"."org_id" and p.system_id = "systems"."id" and not p.retired order by case p.sensitivity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end limit 1)`,
      })
      .from(systems)
      .leftJoin(users, eq(users.id, systems.ownerUserId))
      .where(eq(systems.orgId, actor.orgId))
      .orderBy(asc(sql`lower(${systems.name})`)),
  );
}

export async function getSystem(actor: OrgActor, { systemId }: SystemIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ system: systems, ownerEmail: users.email })
      .from(systems)
      .leftJoin(users, eq(users.id, systems.ownerUserId))
      .where(and(eq(systems.orgId, actor.orgId), eq(systems.id, systemId)));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such system in this organization.');
    const privs = await tx
      .select({
        id: privileges.id,
        name: privileges.name,
        sensitivity: privileges.sensitivity,
        retired: privileges.retired,
      })
      .from(privileges)
      .where(and(eq(privileges.orgId, actor.orgId), eq(privileges.systemId, systemId)))
      .orderBy(asc(SENSITIVITY_RANK), asc(privileges.name));
    const ids = privs.map((p) => p.id);
    const pairs = ids.length ? await toxicPairsTouching(tx, actor.orgId, ids) : [];
    return { ...row.system, ownerEmail: row.ownerEmail, privileges: privs, toxicPairs: pairs };
  });
}

async function toxicPairsTouching(tx: Tx, orgId: string, privilegeIds?: string[]) {
  const a = alias(privileges, 'a');
  const b = alias(privileges, 'b');
  const sa = alias(systems, 'sa');
  const sb = alias(systems, 'sb');
  const conditions = [eq(toxicPairs.orgId, orgId)];
  if (privilegeIds)
    conditions.push(
      or(
        inArray(toxicPairs.privilegeA, privilegeIds),
        inArray(toxicPairs.privilegeB, privilegeIds),
      )!,
    );
  return tx
    .select({
      id: toxicPairs.id,
      reason: toxicPairs.reason,
      a: { id: a.id, name: a.name, system: sa.name },
      b: { id: b.id, name: b.name, system: sb.name },
    })
    .from(toxicPairs)
    .innerJoin(a, and(eq(a.orgId, toxicPairs.orgId), eq(a.id, toxicPairs.privilegeA)))
    .innerJoin(b, and(eq(b.orgId, toxicPairs.orgId), eq(b.id, toxicPairs.privilegeB)))
    .innerJoin(sa, and(eq(sa.orgId, a.orgId), eq(sa.id, a.systemId)))
    .innerJoin(sb, and(eq(sb.orgId, b.orgId), eq(sb.id, b.systemId)))
    .where(and(...conditions))
    .orderBy(asc(sa.name), asc(a.name));
}

export async function listToxicPairs(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) => toxicPairsTouching(tx, actor.orgId));
}

/** Every active privilege with its system, for pickers (toxic pairs, access requests). */
export async function privilegeOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: privileges.id,
        name: privileges.name,
        sensitivity: privileges.sensitivity,
        systemId: systems.id,
        systemName: systems.name,
      })
      .from(privileges)
      .innerJoin(
        systems,
        and(eq(systems.orgId, privileges.orgId), eq(systems.id, privileges.systemId)),
      )
      .where(and(eq(privileges.orgId, actor.orgId), eq(privileges.retired, false)))
      .orderBy(asc(systems.name), asc(SENSITIVITY_RANK), asc(privileges.name)),
  );
}

export async function memberOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx.execute(
      sql`select u.id, u.name, u.email from users u join memberships m on m.user_id = u.id where m.org_id = ${actor.orgId} and m.status = 'active' order by u.name`,
    );
    return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      id: string;
      name: string;
      email: string;
    }[];
  });
}
