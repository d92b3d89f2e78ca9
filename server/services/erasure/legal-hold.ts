import { and, eq, isNull } from 'drizzle-orm';
import { people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { LegalHoldInput } from '@/server/domain/erasure/inputs';
import { auditMemberChange } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

/** Places or releases a legal hold, which refuses erasure (docs/PRIVACY.md §Erasure). */
export async function setLegalHold(actor: OrgActor, { personId, reason }: LegalHoldInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select({ legalHold: people.legalHold })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, personId), isNull(people.erasedAt)))
      .for('update');
    if (!before) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
    await tx
      .update(people)
      .set({ legalHold: reason, updatedAt: new Date() })
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, personId)));
    await auditMemberChange(tx, actor, {
      action: reason ? 'person.legal_hold_placed' : 'person.legal_hold_released',
      entityType: 'person',
      entityId: personId,
      before,
      after: { legalHold: reason },
    });
    return { legalHold: reason };
  });
}
