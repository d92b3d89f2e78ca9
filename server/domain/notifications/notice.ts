import type { MailMessage } from '@/server/domain/mail/message';
import { CATEGORY_INFO, type NotificationCategory } from './categories';

/**
 * One notification, independent of the channel that carries it: mail renders it with
 * `noticeMail`, a chat sender can post the same subject, lines and link. It holds only what
 * every recipient may see in the app (docs/NOTIFICATIONS.md §What a message may say).
 */
export interface Notice {
  category: NotificationCategory;
  /** What happened, e.g. `access.step_waiting`: the outbox category, an event name elsewhere. */
  kind: string;
  subject: string;
  /** Plain-text paragraphs; the link follows them. */
  lines: string[];
  /** Absolute link into the app where the recipient acts. */
  link: string;
  related?: { type: string; id: string };
}

/** Names and titles come from tenant data: one line each, so no header can be smuggled in. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `/settings/outbox` → `https://vigil.example.com/settings/outbox`; absolute links unchanged. */
export function absoluteLink(base: string, link: string): string {
  return /^https?:\/\//.test(link) ? link : `${base}${link.startsWith('/') ? '' : '/'}${link}`;
}

export interface FooterLinks {
  /** The signed one-category unsubscribe link (no sign-in needed). */
  unsubscribe: string;
  /** The member's preferences page (signed in). */
  preferences: string;
}

/** The message for one recipient: the notice, then why they get it and how to stop it. */
export function noticeMail(notice: Notice, to: string, footer: FooterLinks): MailMessage {
  const label = CATEGORY_INFO[notice.category].label;
  const body = [
    ...notice.lines,
    '',
    notice.link,
    '',
    '--',
    `You get this because "${label}" is on in your Vigil notification preferences.`,
    `Stop these emails: ${footer.unsubscribe}`,
    `All notification preferences: ${footer.preferences}`,
  ].join('\n');
  return {
    to,
    subject: oneLine(notice.subject),
    body,
    category: notice.kind,
    relatedType: notice.related?.type,
    relatedId: notice.related?.id,
  };
}
