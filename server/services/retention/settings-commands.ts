import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { UpdateRetentionInput } from '@/server/domain/retention/inputs';
import {
  RETENTION_BOUNDS,
  readRetention,
  retentionChanges,
  type RetentionSettings,
} from '@/server/domain/retention/settings';
import { auditMemberChange } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

/** The organization's retention limits, with their bounds for the form. */
export async function getRetention(actor: OrgActor) {
  const [org] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ retention: organizations.retention })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId)),
  );
  if (!org) throw new Error('active organization not found');
  return { settings: readRetention(org.retention), bounds: RETENTION_BOUNDS };
}

/** Admins change the limits; the next daily run applies them (docs/PRIVACY.md §Retention). */
export async function updateRetention(
  actor: OrgActor,
  next: UpdateRetentionInput,
): Promise<RetentionSettings> {
  return withTenant(tenantOf(actor), async (tx) => {
    const [org] = await tx
      .select({ retention: organizations.retention })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .for('update');
    if (!org) throw new Error('active organization not found');
    const before = readRetention(org.retention);
    await tx
      .update(organizations)
      .set({ retention: next })
      .where(eq(organizations.id, actor.orgId));
    await auditMemberChange(tx, actor, {
      action: 'org.retention_updated',
      entityType: 'organization',
      entityId: actor.orgId,
      before,
      after: { ...next, changed: retentionChanges(before, next) },
    });
    return next;
  });
}
