import type { MailMessage } from '@/server/domain/mail/message';
import { ROLE_LABELS, type Role } from '@/server/domain/tenancy/roles';
import { oneLine } from './notice';

export interface InvitationMail {
  base: string;
  invitationId: string;
  to: string;
  token: string;
  orgName: string;
  role: Role;
  /** Who invited, as the app shows them; null when the operator invited through the CLI. */
  invitedBy: string | null;
  expiresAt: Date;
}

/**
 * The invitation with its single-use accept link. The body is as secret as the link, so it is
 * treated like a signing link: only admins read the outbox, and a sent message keeps no body
 * (docs/PRODUCT.md §Mail and the outbox). The invitee is not a member yet, so there is no
 * preference to keep: the message is sent once, on an admin's request.
 */
export function invitationMail(i: InvitationMail): MailMessage {
  const expires = i.expiresAt.toISOString().slice(0, 10);
  return {
    to: i.to,
    subject: oneLine(`You are invited to ${i.orgName} on Vigil`),
    body: [
      `${i.invitedBy ? oneLine(i.invitedBy) : 'An administrator'} invited you to join ${oneLine(i.orgName)} on Vigil as ${ROLE_LABELS[i.role]}.`,
      '',
      `Accept with this link. It works once and expires on ${expires}:`,
      `${i.base}/invite/${i.token}`,
      '',
      'Do not forward this message: the link is yours alone.',
      'If you did not expect it, ignore it and nothing happens.',
    ].join('\n'),
    category: 'member.invitation',
    relatedType: 'invitation',
    relatedId: i.invitationId,
  };
}
