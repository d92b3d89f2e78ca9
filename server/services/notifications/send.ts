import type { Tx } from '@/db/client';
import { getAuthSecret } from '@/server/auth/secret';
import type { NotificationCategory } from '@/server/domain/notifications/categories';
import { noticeMail, type Notice } from '@/server/domain/notifications/notice';
import { signUnsubscribeToken } from '@/server/domain/notifications/unsubscribe-token';
import { queueChatNotices } from '@/server/services/chat/notices';
import { appBaseUrl, queueMails } from '@/server/services/mail/outbox';
import {
  planNotification,
  planPerMember,
  type AudienceOptions,
  type Delivery,
  type Target,
} from './audience';

/** The signed link that turns `category` off for one member (docs/NOTIFICATIONS.md). */
export function unsubscribeUrl(
  orgId: string,
  userId: string,
  category: NotificationCategory,
  now = new Date(),
): string {
  const token = signUnsubscribeToken(getAuthSecret(), { orgId, userId, category }, now);
  return `${appBaseUrl()}/unsubscribe/${token}`;
}

/** Queues each delivery as mail in the caller's transaction, each with its own footer links. */
export async function mailDeliveries(
  tx: Tx,
  orgId: string,
  deliveries: readonly Delivery[],
  now = new Date(),
): Promise<number> {
  if (deliveries.length === 0) return 0;
  const preferences = `${appBaseUrl()}/settings/notifications`;
  // Slack, when connected as a bot, carries the same notice as a DM (docs/NOTIFICATIONS.md §Slack).
  await queueChatNotices(tx, orgId, deliveries);
  return queueMails(
    tx,
    orgId,
    deliveries.map(({ recipient, notice }) =>
      noticeMail(notice, recipient.email, {
        unsubscribe: unsubscribeUrl(orgId, recipient.userId, notice.category, now),
        preferences,
      }),
    ),
  );
}

/** Plans and mails one notice to `target` (those who turned its category off are skipped). */
export async function notify(
  tx: Tx,
  orgId: string,
  notice: Notice,
  target: Target,
  options: AudienceOptions = {},
): Promise<number> {
  return mailDeliveries(tx, orgId, await planNotification(tx, orgId, notice, target, options));
}

/** A notice per member, mailed to those who want `category`. */
export async function notifyEach(
  tx: Tx,
  orgId: string,
  category: NotificationCategory,
  notices: ReadonlyMap<string, Notice>,
): Promise<number> {
  return mailDeliveries(tx, orgId, await planPerMember(tx, orgId, category, notices));
}
