import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, notificationPreferences, users } from '@/db/schema';
import {
  effectiveSetting,
  sendsNow,
  type NotificationCategory,
  type NotificationSetting,
} from '@/server/domain/notifications/categories';
import type { Notice } from '@/server/domain/notifications/notice';
import type { Role } from '@/server/domain/tenancy/roles';

/** A member who receives a notification, with the setting that let it through. */
export interface Recipient {
  userId: string;
  email: string;
  name: string;
  role: Role;
  setting: NotificationSetting;
}

/** Named members (a step's approver, a campaign's reviewers) or everyone holding a role. */
export type Target = { userIds: readonly string[] } | { roles: readonly Role[] };

export interface AudienceOptions {
  /** Never these members (the requester and grantee of an access request). */
  exclude?: readonly string[];
  /** The settings that receive; by default those mailed at once (`on`, `immediate`). */
  settings?: readonly NotificationSetting[];
}

/**
 * Who receives `category` among `target`: active members whose role is offered the category and
 * whose own choice (else the role's default) lets it through now. Runs in the caller's
 * transaction, so a notification is decided with the change that caused it.
 */
export async function audienceFor(
  tx: Tx,
  orgId: string,
  category: NotificationCategory,
  target: Target,
  options: AudienceOptions = {},
): Promise<Recipient[]> {
  const targetCondition =
    'userIds' in target
      ? target.userIds.length > 0
        ? inArray(memberships.userId, [...target.userIds])
        : null
      : target.roles.length > 0
        ? inArray(memberships.role, [...target.roles])
        : null;
  if (!targetCondition) return [];
  const rows = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      email: users.email,
      name: users.name,
      stored: notificationPreferences.setting,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.orgId, memberships.orgId),
        eq(notificationPreferences.userId, memberships.userId),
        eq(notificationPreferences.category, category),
      ),
    )
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, 'active'), targetCondition))
    .orderBy(asc(users.email));
  const excluded = new Set(options.exclude ?? []);
  const wanted = (s: NotificationSetting) =>
    options.settings ? options.settings.includes(s) : sendsNow(s);
  return rows
    .filter((r) => !excluded.has(r.userId))
    .map((r) => ({
      userId: r.userId,
      email: r.email,
      name: r.name,
      role: r.role,
      setting: effectiveSetting(category, r.role, r.stored),
    }))
    .filter((r) => wanted(r.setting));
}

/**
 * One notification to one recipient: what every channel sends. Mail renders it
 * (`mailDeliveries`); a chat sender posts the same notice to the same member.
 */
export interface Delivery {
  recipient: Recipient;
  notice: Notice;
}

/** The same notice to everyone in `target` who wants its category. */
export async function planNotification(
  tx: Tx,
  orgId: string,
  notice: Notice,
  target: Target,
  options: AudienceOptions = {},
): Promise<Delivery[]> {
  const recipients = await audienceFor(tx, orgId, notice.category, target, options);
  return recipients.map((recipient) => ({ recipient, notice }));
}

/** A notice of its own per member (their counts differ), to those who want the category. */
export async function planPerMember(
  tx: Tx,
  orgId: string,
  category: NotificationCategory,
  notices: ReadonlyMap<string, Notice>,
): Promise<Delivery[]> {
  const recipients = await audienceFor(tx, orgId, category, { userIds: [...notices.keys()] });
  return recipients.map((recipient) => ({ recipient, notice: notices.get(recipient.userId)! }));
}
