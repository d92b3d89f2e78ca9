import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privileges, systems, toxicPairs } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type {
  RemoveToxicPairInput,
  SystemInput,
  ToxicPairInput,
  UpdateSystemInput,
} from '@/server/domain/inventory/inputs';
import { canonicalPair } from '@/server/domain/inventory/system';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';

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

export async function createSystem(actor: OrgActor, input: SystemInput) {
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkOwner(tx, actor.orgId, input.ownerUserId);
      const [created] = await tx
        .insert(systems)
        .values({
          orgId: actor.orgId,
          name: input.name,
          ownerUserId: input.ownerUserId ?? null,
          criticality: input.criticality,
          dataClassification: input.dataClassification,
          aliases: input.aliases,
        })
        .returning({ id: systems.id });
      if (!created) throw new Error('system insert returned nothing');
      await mergePrivileges(tx, actor.orgId, created.id, input.privileges);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'system.created',
        entityType: 'system',
        entityId: created.id,
        after: input,
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: created.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A system named "${input.name}" already exists.`);
    throw error;
  }
}

export async function updateSystem(actor: OrgActor, { systemId, system }: UpdateSystemInput) {
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

export async function addToxicPair(actor: OrgActor, input: ToxicPairInput) {
  const [a, b] = canonicalPair(input.privilegeA, input.privilegeB);
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
        .values({ orgId: actor.orgId, privilegeA: a, privilegeB: b, reason: input.reason })
        .returning({ id: toxicPairs.id });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'toxic_pair.added',
        entityType: 'toxic_pair',
        entityId: pair?.id ?? null,
        after: { privilegeA: a, privilegeB: b, reason: input.reason },
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

export async function removeToxicPair(actor: OrgActor, { pairId }: RemoveToxicPairInput) {
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
