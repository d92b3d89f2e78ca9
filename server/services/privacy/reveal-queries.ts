import { and, desc, eq } from 'drizzle-orm';
import { people, personReveals, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { loadInvestigationView, namesShown, subjectOf } from './investigation-view';

const LIMIT = 200;

/**
 * Every reveal, newest first, for the audit page (docs/PRIVACY.md §Pseudonymized investigation).
 * Auditors see whom; a member who sees pseudonyms sees the pseudonym unless the name shows to
 * them anyway, so the list is no way around a reveal of their own.
 */
export async function listReveals(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const view = await loadInvestigationView(tx, actor);
    const rows = await tx
      .select({
        id: personReveals.id,
        personId: personReveals.personId,
        fullName: people.fullName,
        by: users.email,
        signalId: personReveals.signalId,
        reason: personReveals.reason,
        createdAt: personReveals.createdAt,
        expiresAt: personReveals.expiresAt,
      })
      .from(personReveals)
      .innerJoin(
        people,
        and(eq(people.orgId, personReveals.orgId), eq(people.id, personReveals.personId)),
      )
      .innerJoin(users, eq(users.id, personReveals.userId))
      .where(eq(personReveals.orgId, actor.orgId))
      .orderBy(desc(personReveals.createdAt), desc(personReveals.id))
      .limit(LIMIT);
    const shown = await namesShown(
      tx,
      view,
      rows.map((r) => r.personId),
    );
    const now = new Date();
    return rows.map(({ personId, fullName, ...r }) => ({
      ...r,
      person: subjectOf(view, shown, { id: personId, fullName }),
      active: r.expiresAt > now,
    }));
  });
}
