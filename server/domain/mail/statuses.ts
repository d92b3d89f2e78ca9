/** Where an outgoing message stands (db/schema/mail.ts explains each). */
export const MAIL_STATUSES = ['outbox', 'queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
