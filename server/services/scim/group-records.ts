import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { scimGroupMembers, scimGroups, scimUsers } from '@/db/schema';
import { renderGroup, type ScimGroupState } from '@/server/domain/scim/group';
import { invalidValue } from '@/server/domain/scim/protocol';
import { isUuid, type ScimActor } from './user-records';

export type GroupRow = typeof scimGroups.$inferSelect;

export async function membersOf(tx: Tx, orgId: string, groupIds: string[]) {
  const byGroup = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await tx
    .select({ groupId: scimGroupMembers.groupId, personId: scimGroupMembers.personId })
    .from(scimGroupMembers)
    .where(and(eq(scimGroupMembers.orgId, orgId), inArray(scimGroupMembers.groupId, groupIds)))
    .orderBy(asc(scimGroupMembers.personId));
  for (const r of rows) byGroup.get(r.groupId)?.push(r.personId);
  return byGroup;
}

export function groupResource(actor: Pick<ScimActor, 'baseUrl'>, row: GroupRow, members: string[]) {
  return renderGroup(
    { displayName: row.displayName, externalId: row.externalId, members },
    {
      id: row.id,
      created: row.createdAt,
      lastModified: row.updatedAt,
      version: row.version,
      location: `${actor.baseUrl}/Groups/${row.id}`,
    },
    (id) => `${actor.baseUrl}/Users/${id}`,
  );
}

export async function loadGroup(tx: Tx, orgId: string, id: string, lock = false) {
  if (!isUuid(id)) return null;
  const query = tx
    .select()
    .from(scimGroups)
    .where(and(eq(scimGroups.orgId, orgId), eq(scimGroups.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row ?? null;
}

/** Members must be users provisioned in this organization; another's id is refused like a typo. */
export async function checkMembers(tx: Tx, orgId: string, state: ScimGroupState) {
  const ids = state.members.filter(isUuid);
  const known =
    ids.length === 0
      ? []
      : await tx
          .select({ id: scimUsers.personId })
          .from(scimUsers)
          .where(and(eq(scimUsers.orgId, orgId), inArray(scimUsers.personId, ids)));
  const knownIds = new Set(known.map((k) => k.id));
  const unknown = state.members.filter((m) => !knownIds.has(m));
  if (unknown.length > 0)
    throw invalidValue(`No user ${unknown[0]!.slice(0, 64)} to add to the group.`);
}

/** Replaces the group's members with `members`, leaving rows that stay untouched. */
export async function writeMembers(
  tx: Tx,
  orgId: string,
  groupId: string,
  before: string[],
  after: string[],
) {
  const gone = before.filter((m) => !after.includes(m));
  const added = after.filter((m) => !before.includes(m));
  if (gone.length)
    await tx
      .delete(scimGroupMembers)
      .where(
        and(
          eq(scimGroupMembers.orgId, orgId),
          eq(scimGroupMembers.groupId, groupId),
          inArray(scimGroupMembers.personId, gone),
        ),
      );
  if (added.length)
    await tx
      .insert(scimGroupMembers)
      .values(added.map((personId) => ({ orgId, groupId, personId })))
      .onConflictDoNothing();
  return { added, removed: gone };
}
