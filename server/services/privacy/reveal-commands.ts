import { and, eq } from 'drizzle-orm';
import { memberships, personReveals, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { RevealPersonInput, SetRevealPermissionInput } from '@/server/domain/privacy/inputs';
import { pseudonymFor } from '@/server/domain/privacy/pseudonym';
import { revealExpiry, revealRefusal } from '@/server/domain/privacy/visibility';
import { auditMemberChange } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { loadInvestigationView, namesShown } from './investigation-view';

/**
 * Reveal the person a signal is about to the member, with their reason, for REVEAL_DAYS
 * (docs/PRIVACY.md §Pseudonymized investigation). The audit entry names the reveal and the
 * pseudonym, not the person: compliance officers read the audit log too, and it must not
 * de-pseudonymize for them what was revealed to one member. Auditors see the name in the list of
 * reveals.
 */
export async function revealPerson(actor: OrgActor, { signalId, reason }: RevealPersonInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [signal] = await tx
      .select({ personId: signals.personId })
      .from(signals)
      .where(and(eq(signals.orgId, actor.orgId), eq(signals.id, signalId)));
    if (!signal) throw new UserFacingError('NOT_FOUND', 'No such signal.');
    const view = await loadInvestigationView(tx, actor);
    const shown = await namesShown(tx, view, [signal.personId]);
    const refusal = revealRefusal({
      pseudonymize: view.pseudonymizes,
      canReveal: view.canReveal,
      alreadyShown: shown.has(signal.personId),
    });
    if (refusal) throw new UserFacingError('PRECONDITION_FAILED', refusal);
    const expiresAt = revealExpiry(new Date());
    const [reveal] = await tx
      .insert(personReveals)
      .values({
        orgId: actor.orgId,
        personId: signal.personId,
        userId: actor.userId,
        signalId,
        reason,
        expiresAt,
      })
      .returning({ id: personReveals.id });
    if (!reveal) throw new Error('reveal insert returned nothing');
    const pseudonym = pseudonymFor(view.key, signal.personId);
    await auditMemberChange(tx, actor, {
      action: 'person.revealed',
      entityType: 'person_reveal',
      entityId: reveal.id,
      before: null,
      after: { pseudonym, signalId, reason, expiresAt: expiresAt.toISOString() },
    });
    return { revealId: reveal.id, expiresAt };
  });
}

/** Admins grant or withdraw a member's reveal permission; audited as a membership change. */
export async function setRevealPermission(
  actor: OrgActor,
  { userId, canReveal }: SetRevealPermissionInput,
) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [member] = await tx
      .select({ canReveal: memberships.canReveal })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)))
      .for('update');
    if (!member) throw new UserFacingError('NOT_FOUND', 'No such member in this organization.');
    if (member.canReveal === canReveal) return { canReveal };
    await tx
      .update(memberships)
      .set({ canReveal, updatedAt: new Date() })
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    await auditMemberChange(tx, actor, {
      action: canReveal ? 'member.reveal_granted' : 'member.reveal_withdrawn',
      entityType: 'membership',
      entityId: userId,
      before: { canReveal: member.canReveal },
      after: { canReveal },
    });
    return { canReveal };
  });
}
