import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { scimGroups } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { applyGroupPatch, type ScimGroupState } from '@/server/domain/scim/group';
import type { PatchOperation } from '@/server/domain/scim/patch';
import { notFound } from '@/server/domain/scim/protocol';
import { appendAudit } from '@/server/services/audit/log';
import { checkMembers, groupResource, loadGroup, membersOf, writeMembers } from './group-records';
import type { ScimActor } from './user-records';

function audit(
  tx: Tx,
  actor: ScimActor,
  action: string,
  id: string,
  before: unknown,
  after: unknown,
) {
  return appendAudit(tx, {
    orgId: actor.orgId,
    actor: actor.audit,
    action,
    entityType: 'scim_group',
    entityId: id,
    before,
    after,
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/** POST /Groups: the group and its members (docs/SCIM.md §Groups). */
export async function createScimGroup(actor: ScimActor, state: ScimGroupState) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    await checkMembers(tx, actor.orgId, state);
    const [row] = await tx
      .insert(scimGroups)
      .values({ orgId: actor.orgId, displayName: state.displayName, externalId: state.externalId })
      .returning();
    await writeMembers(tx, actor.orgId, row!.id, [], state.members);
    await audit(tx, actor, 'scim.group_created', row!.id, null, {
      displayName: state.displayName,
      externalId: state.externalId,
      members: state.members,
    });
    return groupResource(actor, row!, state.members);
  });
}

async function updateScimGroup(
  actor: ScimActor,
  id: string,
  next: (before: ScimGroupState) => ScimGroupState,
) {
  return withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const row = await loadGroup(tx, actor.orgId, id, true);
    if (!row) throw notFound(`No group ${id.slice(0, 64)}.`);
    const members = (await membersOf(tx, actor.orgId, [row.id])).get(row.id) ?? [];
    const before = { displayName: row.displayName, externalId: row.externalId, members };
    const after = next(before);
    await checkMembers(tx, actor.orgId, after);
    const [updated] = await tx
      .update(scimGroups)
      .set({
        displayName: after.displayName,
        externalId: after.externalId,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(scimGroups.orgId, actor.orgId), eq(scimGroups.id, row.id)))
      .returning();
    const change = await writeMembers(tx, actor.orgId, row.id, members, after.members);
    await audit(
      tx,
      actor,
      'scim.group_updated',
      row.id,
      { displayName: before.displayName, externalId: before.externalId },
      { displayName: after.displayName, externalId: after.externalId, ...change },
    );
    return groupResource(actor, updated!, after.members);
  });
}

export function replaceScimGroup(actor: ScimActor, id: string, state: ScimGroupState) {
  return updateScimGroup(actor, id, () => state);
}

export function patchScimGroup(actor: ScimActor, id: string, ops: PatchOperation[]) {
  return updateScimGroup(actor, id, (before) => applyGroupPatch(before, ops));
}

export async function deleteScimGroup(actor: ScimActor, id: string): Promise<void> {
  await withTenant({ orgId: actor.orgId, userId: null }, async (tx) => {
    const row = await loadGroup(tx, actor.orgId, id, true);
    if (!row) throw notFound(`No group ${id.slice(0, 64)}.`);
    await tx
      .delete(scimGroups)
      .where(and(eq(scimGroups.orgId, actor.orgId), eq(scimGroups.id, row.id)));
    await audit(tx, actor, 'scim.group_deleted', row.id, { displayName: row.displayName }, null);
  });
}
