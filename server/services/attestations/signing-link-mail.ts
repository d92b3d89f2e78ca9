import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { organizations } from '@/db/schema';
import { isoDay } from '@/server/domain/time';
import { appBaseUrl, type MailMessage } from '@/server/services/mail/outbox';

export function dateOf(d: Date): string {
  return isoDay(d);
}

interface LinkMail {
  requestId: string;
  to: string;
  fullName: string;
  token: string;
  title: string;
  orgName: string;
  dueAt: Date;
  expiresAt: Date;
}

/** The message carrying a signing link (the link is only ever in mail, never stored). */
export function signingLinkMail(m: LinkMail, kind: 'request' | 'resend' | 'reminder', note = '') {
  const link = `${appBaseUrl()}/attest/${m.token}`;
  const subject =
    kind === 'reminder'
      ? `Reminder: please sign "${m.title}" (due ${dateOf(m.dueAt)})`
      : `Please sign: ${m.title} (due ${dateOf(m.dueAt)})`;
  const body = [
    `Hello ${m.fullName},`,
    '',
    `${m.orgName} asks you to read and sign "${m.title}" by ${dateOf(m.dueAt)}.${note ? ` ${note}` : ''}`,
    '',
    `Your personal link works once, needs no account, and expires on ${dateOf(m.expiresAt)}:`,
    link,
    '',
    kind === 'request'
      ? 'Do not forward this message: the link is yours alone.'
      : 'Earlier links you were sent no longer work; use this one. Do not forward it.',
    'If you did not expect this message, tell your compliance team.',
  ].join('\n');
  return {
    to: m.to,
    subject,
    body,
    category: kind === 'reminder' ? 'attestation.reminder' : 'attestation.request',
    relatedType: 'attestation_request',
    relatedId: m.requestId,
  } satisfies MailMessage;
}

export async function orgName(tx: Tx, orgId: string): Promise<string> {
  const [org] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.name ?? 'Your organization';
}
