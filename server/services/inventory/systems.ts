import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { privileges, systems, toxicPairs, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  canonicalPair,
  systemInputSchema,
  toxicPairInputSchema,
  type SystemInput,
} from '@/server/domain/inventory/system';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';

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

export const systemIdSchema = z.object({ systemId: z.uuid() });

export async function getSystem(actor: OrgActor, input: z.input<typeof systemIdSchema>) {
  const { systemId } = systemIdSchema.parse(input);
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

/** Privileges are merged by name: new ones added, changed ones re-graded, missing ones retired (grants may still point at them). */
export async function mergePrivileges(
  tx: Tx,
  orgId: string,
  systemId: string,
  wanted: SystemInput['privileges'],
) {
  const existing = await tx
    .select()
    .from(privileges)
    .where(and(eq(privileges.orgId, orgId), eq(privileges.systemId, systemId)));
  const byName = new Map(existing.map((p) => [p.name.toLowerCase(), p]));
  const wantedNames = new Set(wanted.map((p) => p.name.toLowerCase()));
  for (const p of wanted) {
    const current = byName.get(p.name.toLowerCase());
    if (!current)
      await tx
        .insert(privileges)
        .values({ orgId, systemId, name: p.name, sensitivity: p.sensitivity });
    else if (current.sensitivity !== p.sensitivity || current.retired || current.name !== p.name) {
      await tx
        .update(privileges)
        .set({ name: p.name, sensitivity: p.sensitivity, retired: false })
        .where(and(eq(privileges.orgId, orgId), eq(privileges.id, current.id)));
    }
  }
  for (const p of existing) {
    if (!wantedNames.has(p.name.toLowerCase()) && !p.retired) {
      await tx
        .update(privileges)
        .set({ retired: true })
        .where(and(eq(privileges.orgId, orgId), eq(privileges.id, p.id)));
    }
  }
}

export async function checkOwner(tx: Tx, orgId: string, ownerUserId: string | undefined) {
  if (!ownerUserId) return;
  const rows = await tx.execute(
    sql`select 1 from memberships where org_id = ${orgId} and user_id = ${ownerUserId} and status = 'active'`,
  );
  const found = Array.isArray(rows) ? rows.length : (rows as { rows: unknown[] }).rows.length;
  if (!found)
    throw new UserFacingError(
      'BAD_REQUEST',
      'The owner must be an active member of this organization.',
    );
}

export async function createSystem(actor: OrgActor, input: z.input<typeof systemInputSchema>) {
  const parsed = systemInputSchema.parse(input);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkOwner(tx, actor.orgId, parsed.ownerUserId);
      const [created] = await tx
        .insert(systems)
        .values({
          orgId: actor.orgId,
          name: parsed.name,
          ownerUserId: parsed.ownerUserId ?? null,
          criticality: parsed.criticality,
          dataClassification: parsed.dataClassification,
          aliases: parsed.aliases,
        })
        .returning({ id: systems.id });
      if (!created) throw new Error('system insert returned nothing');
      await mergePrivileges(tx, actor.orgId, created.id, parsed.privileges);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'system.created',
        entityType: 'system',
        entityId: created.id,
        after: parsed,
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: created.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A system named "${parsed.name}" already exists.`);
    throw error;
  }
}

export const updateSystemSchema = z.object({ systemId: z.uuid(), system: systemInputSchema });

export async function updateSystem(actor: OrgActor, input: z.input<typeof updateSystemSchema>) {
  const { systemId, system } = updateSystemSchema.parse(input);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select()
        .from(systems)
        .where(and(eq(systems.orgId, actor.orgId), eq(systems.id, systemId)))
        .for('update');
      if (!before) throw new UserFacingError('NOT_FOUND', 'No such system in this organization.');
      await checkOwner(tx, actor.orgId, system.ownerUserId);
      const beforePrivs = await tx
        .select({ name: privileges.name, sensitivity: privileges.sensitivity })
        .from(privileges)
        .where(
          and(
            eq(privileges.orgId, actor.orgId),
            eq(privileges.systemId, systemId),
            eq(privileges.retired, false),
          ),
        );
      await tx
        .update(systems)
        .set({
          name: system.name,
          ownerUserId: system.ownerUserId ?? null,
          criticality: system.criticality,
          dataClassification: system.dataClassification,
          aliases: system.aliases,
          updatedAt: new Date(),
        })
        .where(and(eq(systems.orgId, actor.orgId), eq(systems.id, systemId)));
      await mergePrivileges(tx, actor.orgId, systemId, system.privileges);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'system.updated',
        entityType: 'system',
        entityId: systemId,
        before: {
          name: before.name,
          ownerUserId: before.ownerUserId,
          criticality: before.criticality,
          dataClassification: before.dataClassification,
          aliases: before.aliases,
          privileges: Object.fromEntries(beforePrivs.map((p) => [p.name, p.sensitivity])),
        },
        after: {
          name: system.name,
          ownerUserId: system.ownerUserId ?? null,
          criticality: system.criticality,
          dataClassification: system.dataClassification,
          aliases: system.aliases,
          privileges: Object.fromEntries(system.privileges.map((p) => [p.name, p.sensitivity])),
        },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: systemId };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A system named "${system.name}" already exists.`);
    throw error;
  }
}

export async function addToxicPair(actor: OrgActor, input: z.input<typeof toxicPairInputSchema>) {
  const parsed = toxicPairInputSchema.parse(input);
  const [a, b] = canonicalPair(parsed.privilegeA, parsed.privilegeB);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const found = await tx
        .select({ id: privileges.id })
        .from(privileges)
        .where(and(eq(privileges.orgId, actor.orgId), inArray(privileges.id, [a, b])));
      if (found.length !== 2)
        throw new UserFacingError(
          'BAD_REQUEST',
          'Both privileges must exist in this organization.',
        );
      const [pair] = await tx
        .insert(toxicPairs)
        .values({ orgId: actor.orgId, privilegeA: a, privilegeB: b, reason: parsed.reason })
        .returning({ id: toxicPairs.id });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'toxic_pair.added',
        entityType: 'toxic_pair',
        entityId: pair?.id ?? null,
        after: { privilegeA: a, privilegeB: b, reason: parsed.reason },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: pair!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', 'That pair is already marked toxic.');
    throw error;
  }
}

export const removeToxicPairSchema = z.object({ pairId: z.uuid() });

export async function removeToxicPair(
  actor: OrgActor,
  input: z.input<typeof removeToxicPairSchema>,
) {
  const { pairId } = removeToxicPairSchema.parse(input);
  await withTenant(tenantOf(actor), async (tx) => {
    const [removed] = await tx
      .delete(toxicPairs)
      .where(and(eq(toxicPairs.orgId, actor.orgId), eq(toxicPairs.id, pairId)))
      .returning();
    if (!removed) throw new UserFacingError('NOT_FOUND', 'No such toxic pair.');
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'toxic_pair.removed',
      entityType: 'toxic_pair',
      entityId: pairId,
      before: {
        privilegeA: removed.privilegeA,
        privilegeB: removed.privilegeB,
        reason: removed.reason,
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
  });
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
