import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { Role } from '@/server/domain/tenancy/roles';

/**
 * Active members holding one of `roles`, by email: who may be picked as an assignee, reviewer or
 * finding owner, and who gets role-wide mail. Runs in the caller's tenant transaction.
 */
export async function activeMembersInRoles(tx: Tx, orgId: string, roles: readonly Role[]) {
  return tx
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, orgId),
        eq(memberships.status, 'active'),
        inArray(memberships.role, [...roles]),
      ),
    )
    .orderBy(asc(users.email));
}
