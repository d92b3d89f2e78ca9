import { withTenant } from '@/db/tenant';
import { effectiveSetting, refuseSetting } from '@/server/domain/notifications/categories';
import type { UpdateNotificationPreferencesInput } from '@/server/domain/notifications/inputs';
import { auditMemberChange } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { preferenceView, storedPreferences, writeSetting } from './preferences';

/** The member's own preferences (never anyone else's: the actor is the member). */
export async function myNotificationPreferences(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => ({
    email: actor.email,
    preferences: preferenceView(actor.role, await storedPreferences(tx, actor.orgId, actor.userId)),
  }));
}

/**
 * Saves the member's own choices in one transaction, audited once with what changed. A category
 * the role is not offered, or a setting it does not take, is refused before anything is written.
 */
export async function updateNotificationPreferences(
  actor: OrgActor,
  { preferences }: UpdateNotificationPreferencesInput,
) {
  for (const p of preferences) {
    const refusal = refuseSetting(p.category, p.setting, actor.role);
    if (refusal) throw new UserFacingError('BAD_REQUEST', refusal);
  }
  return withTenant(tenantOf(actor), async (tx) => {
    const stored = await storedPreferences(tx, actor.orgId, actor.userId);
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const p of preferences) {
      const current = effectiveSetting(p.category, actor.role, stored.get(p.category));
      if (current === p.setting) continue;
      before[p.category] = current;
      after[p.category] = p.setting;
      await writeSetting(tx, actor.orgId, actor.userId, actor.role, p.category, p.setting);
      stored.set(p.category, p.setting);
    }
    if (Object.keys(after).length > 0)
      await auditMemberChange(tx, actor, {
        action: 'notification.preferences_updated',
        entityType: 'member',
        entityId: actor.userId,
        before,
        after,
      });
    return {
      changed: Object.keys(after),
      preferences: preferenceView(actor.role, stored),
    };
  });
}
