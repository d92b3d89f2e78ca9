import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, personIdentifiers, scimUsers } from '@/db/schema';
import { normalizeIdentifier } from '@/server/domain/inventory/identifiers';
import { wouldCreateManagerCycle } from '@/server/domain/inventory/person';
import { invalidValue } from '@/server/domain/scim/protocol';
import { emailOf, renderUser, type ScimUserState } from '@/server/domain/scim/user';
import type { AuditActor } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** An identity provider acting through an API key with the `scim` scope (docs/SCIM.md). */
export interface ScimActor extends RequestMeta {
  orgId: string;
  audit: AuditActor;
  /** The endpoint's base URL (…/scim/v2), for meta.location. */
  baseUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

export const userColumns = {
  personId: scimUsers.personId,
  userName: scimUsers.userName,
  externalId: scimUsers.externalId,
  givenName: scimUsers.givenName,
  familyName: scimUsers.familyName,
  displayName: scimUsers.displayName,
  active: scimUsers.active,
  version: scimUsers.version,
  createdAt: scimUsers.createdAt,
  updatedAt: scimUsers.updatedAt,
  email: people.email,
  fullName: people.fullName,
  type: people.type,
  title: people.title,
  department: people.department,
  managerId: people.managerId,
  endDate: people.endDate,
};

export type UserRow = {
  [K in keyof typeof userColumns]: (typeof userColumns)[K]['_']['data'] | null;
} & { personId: string; userName: string; active: boolean; version: number; email: string };

/** The SCIM view of a stored row: the person's columns with the mapping's names. */
export function stateOf(row: UserRow): ScimUserState {
  return {
    userName: row.userName,
    externalId: row.externalId,
    givenName: row.givenName,
    familyName: row.familyName,
    displayName: row.displayName,
    email: row.email,
    title: row.title,
    department: row.department,
    manager: row.managerId,
    userType:
      row.type === 'contractor' ? 'Contractor' : row.type === 'employee' ? 'Employee' : null,
    active: row.active,
  };
}

export function userResource(actor: Pick<ScimActor, 'baseUrl'>, row: UserRow) {
  return renderUser(stateOf(row), {
    id: row.personId,
    created: row.createdAt!,
    lastModified: row.updatedAt!,
    version: row.version,
    location: `${actor.baseUrl}/Users/${row.personId}`,
    managerId: row.managerId,
    endDate: row.endDate,
  });
}

export function usersQuery(tx: Tx, orgId: string) {
  return tx
    .select(userColumns)
    .from(scimUsers)
    .innerJoin(people, and(eq(people.orgId, scimUsers.orgId), eq(people.id, scimUsers.personId)))
    .where(eq(scimUsers.orgId, orgId))
    .$dynamic();
}

export async function loadUser(tx: Tx, orgId: string, id: string, lock = false) {
  if (!isUuid(id)) return null;
  const query = usersQuery(tx, orgId).where(
    and(eq(scimUsers.orgId, orgId), eq(scimUsers.personId, id)),
  );
  const [row] = await (lock ? query.for('update') : query);
  return (row as UserRow | undefined) ?? null;
}

/**
 * The manager a reference names: a SCIM id (Entra ID sends the manager's id), else the
 * externalId or userName Okta may map into manager.value, else an email. Unknown references
 * leave the manager empty (docs/SCIM.md §Mapping): the identity provider sends it again once the
 * manager is provisioned.
 */
export async function resolveManager(
  tx: Tx,
  orgId: string,
  ref: string | null,
  personId: string | null,
): Promise<string | null> {
  if (!ref) return null;
  const [found] = rowsOf<{ id: string }>(
    await tx.execute(sql`
    select id from (
      select p.id, 1 as rank from people p where p.org_id = ${orgId} and ${isUuid(ref)} and p.id::text = ${ref.toLowerCase()}
      union all select s.person_id, 2 from scim_users s where s.org_id = ${orgId} and s.external_id = ${ref}
      union all select s.person_id, 3 from scim_users s where s.org_id = ${orgId} and lower(s.user_name) = lower(${ref})
      union all select p.id, 4 from people p where p.org_id = ${orgId} and p.email = lower(${ref})
    ) m order by rank limit 1`),
  );
  const managerId = found?.id ?? null;
  if (!managerId || !personId) return managerId;
  const chain = await tx
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .where(eq(people.orgId, orgId));
  if (wouldCreateManagerCycle(personId, managerId, new Map(chain.map((p) => [p.id, p.managerId]))))
    throw invalidValue('That manager reports (directly or not) to this user.');
  return managerId;
}

/**
 * The person's email, and the userName when it is email-shaped (an Okta login, an Entra UPN),
 * as typed identifiers, so their log events resolve to them. Additive: identifiers added in Vigil
 * and earlier emails stay.
 */
export async function addIdentifiers(tx: Tx, orgId: string, personId: string, s: ScimUserState) {
  const values = [emailOf(s), s.userName];
  for (const raw of new Set(values)) {
    const normalized = normalizeIdentifier('email', raw, null);
    if (!normalized.ok) continue;
    await tx
      .insert(personIdentifiers)
      .values({ orgId, personId, kind: 'email', value: normalized.value, raw })
      .onConflictDoNothing();
  }
}
