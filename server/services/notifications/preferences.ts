import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { notificationPreferences } from '@/db/schema';
import {
  CATEGORY_INFO,
  NOTIFICATION_CATEGORIES,
  effectiveSetting,
  isEligible,
  type NotificationCategory,
  type NotificationSetting,
} from '@/server/domain/notifications/categories';
import type { Role } from '@/server/domain/tenancy/roles';

/** A member's stored choices (only those that differ from their role's default). */
export async function storedPreferences(
  tx: Tx,
  orgId: string,
  userId: string,
): Promise<Map<NotificationCategory, string>> {
  const rows = await tx
    .select({
      category: notificationPreferences.category,
      setting: notificationPreferences.setting,
    })
    .from(notificationPreferences)
    .where(
      and(eq(notificationPreferences.orgId, orgId), eq(notificationPreferences.userId, userId)),
    );
  return new Map(rows.map((r) => [r.category, r.setting]));
}

/** What the preferences page shows: each category the role is offered, with its setting. */
export function preferenceView(role: Role, stored: ReadonlyMap<NotificationCategory, string>) {
  return NOTIFICATION_CATEGORIES.filter((c) => isEligible(c, role)).map((category) => {
    const info = CATEGORY_INFO[category];
    return {
      category,
      label: info.label,
      description: info.description,
      options: [...info.options],
      setting: effectiveSetting(category, role, stored.get(category)),
      defaultSetting: info.defaultFor(role),
    };
  });
}

/**
 * Records one choice of the member's own: a choice equal to the role's default removes the row,
 * so the default follows a later role change. Row-level security refuses any other member's row.
 */
export async function writeSetting(
  tx: Tx,
  orgId: string,
  userId: string,
  role: Role,
  category: NotificationCategory,
  setting: NotificationSetting,
  now = new Date(),
): Promise<void> {
  const key = and(
    eq(notificationPreferences.orgId, orgId),
    eq(notificationPreferences.userId, userId),
    eq(notificationPreferences.category, category),
  );
  if (setting === CATEGORY_INFO[category].defaultFor(role)) {
    await tx.delete(notificationPreferences).where(key);
    return;
  }
  await tx
    .insert(notificationPreferences)
    .values({ orgId, userId, category, setting, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        notificationPreferences.orgId,
        notificationPreferences.userId,
        notificationPreferences.category,
      ],
      set: { setting, updatedAt: now },
    });
}
