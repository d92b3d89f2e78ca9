import { z } from 'zod';
import { SENSITIVITIES, type Sensitivity } from '../inventory/system';

/**
 * Attestation campaigns (docs/PRODUCT.md §Attestation campaigns): a template snapshot sent to an
 * audience with a due date. Who is in the audience, who is skipped and why, and when reminders
 * go out are decided here; the service loads the people and writes the requests.
 */
export const REQUEST_STATUSES = ['pending', 'signed', 'declined', 'overdue'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const CAMPAIGN_STATUSES = ['active', 'closed'] as const;

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: 'Pending',
  signed: 'Signed',
  declined: 'Declined',
  overdue: 'Overdue',
};

export const audienceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all_staff') }),
    z.strictObject({ kind: z.literal('vendor_staff'), vendorId: z.uuid('Choose a vendor') }),
    z.strictObject({
      kind: z.literal('sensitivity'),
      minLevel: z.enum(SENSITIVITIES, 'Choose a sensitivity'),
    }),
  ],
  'Choose who must attest',
);
export type Audience = z.output<typeof audienceSchema>;
export const AUDIENCE_KINDS = ['all_staff', 'vendor_staff', 'sensitivity'] as const;

/** Sensitivities at or above `min` (a "holds high" audience includes critical holders). */
export function sensitivitiesAtLeast(min: Sensitivity): Sensitivity[] {
  return SENSITIVITIES.slice(SENSITIVITIES.indexOf(min));
}

export function describeAudience(a: Audience, vendorName?: string | null): string {
  switch (a.kind) {
    case 'all_staff':
      return 'All staff';
    case 'vendor_staff':
      return `Staff of ${vendorName ?? 'a vendor'}`;
    case 'sensitivity':
      return a.minLevel === 'critical'
        ? 'People holding critical access'
        : `People holding ${a.minLevel} or higher access`;
  }
}

/** The due date ends at the end of that day in UTC. */
export function dueAtFromDate(dueDate: string): Date {
  return new Date(`${dueDate}T23:59:59.999Z`);
}

/** A due date must leave people time to answer. */
export function dueDateProblem(dueDate: string, now: Date): string | null {
  const dueAt = dueAtFromDate(dueDate);
  if (Number.isNaN(dueAt.getTime())) return 'Enter the due date as YYYY-MM-DD';
  if (dueAt.getTime() <= now.getTime()) return 'The due date must be today or later';
  if (dueAt.getTime() - now.getTime() > 366 * DAY_MS) return 'Choose a due date within a year';
  return null;
}

export interface AudienceCandidate {
  id: string;
  fullName: string;
  email: string;
  endDate: string | null;
}

export type SkipReason = 'left' | 'no_email';
export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  left: 'has left (end date passed)',
  no_email: 'has no usable email address',
};

const emailSchema = z.email();

/**
 * Splits the audience into who gets a request and who cannot, with the reason (the issue:
 * people without an email are reported at launch, not silently skipped).
 */
export function splitAudience(
  candidates: readonly AudienceCandidate[],
  today: string,
): {
  recipients: AudienceCandidate[];
  skipped: { personId: string; fullName: string; reason: SkipReason }[];
} {
  const recipients: AudienceCandidate[] = [];
  const skipped: { personId: string; fullName: string; reason: SkipReason }[] = [];
  for (const c of candidates) {
    if (c.endDate !== null && c.endDate < today)
      skipped.push({ personId: c.id, fullName: c.fullName, reason: 'left' });
    else if (!emailSchema.safeParse(c.email.trim()).success)
      skipped.push({ personId: c.id, fullName: c.fullName, reason: 'no_email' });
    else recipients.push(c);
  }
  return { recipients, skipped };
}

const DAY_MS = 86_400_000;

/**
 * Reminders (issue 6: "reminders before and after the due date"), each sent once: `before` a few
 * days ahead, `due` once the date passed (the request turns overdue), `final` a week later.
 */
export const REMINDER_KINDS = ['before', 'due', 'final'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_OFFSETS_DAYS: Record<ReminderKind, number> = { before: -3, due: 0, final: 7 };

export interface ReminderFacts {
  status: RequestStatus;
  dueAt: Date;
  tokenExpiresAt: Date;
  remindersSent: readonly string[];
}

/**
 * What is due for one request now: whether it turns overdue, and the one reminder to send (the
 * latest one due and not yet sent; an earlier one missed while the job was down is not sent late).
 */
export function remindersDue(
  r: ReminderFacts,
  now: Date,
): { markOverdue: boolean; reminder: ReminderKind | null } {
  if (r.status !== 'pending' && r.status !== 'overdue')
    return { markOverdue: false, reminder: null };
  const past = now.getTime() > r.dueAt.getTime();
  const markOverdue = r.status === 'pending' && past;
  // A link that no longer opens is not worth a reminder; compliance resends.
  if (now.getTime() >= r.tokenExpiresAt.getTime()) return { markOverdue, reminder: null };
  let reminder: ReminderKind | null = null;
  for (const kind of REMINDER_KINDS) {
    const at = r.dueAt.getTime() + REMINDER_OFFSETS_DAYS[kind] * DAY_MS;
    const reached = kind === 'due' ? past : now.getTime() >= at;
    if (reached) reminder = kind;
  }
  if (reminder && r.remindersSent.includes(reminder)) reminder = null;
  return { markOverdue, reminder };
}

/** A resent link opens until the usual expiry, and at least a week from now. */
export function resentTokenExpiry(dueAt: Date, now: Date, graceDays = 14): Date {
  return new Date(Math.max(dueAt.getTime() + graceDays * DAY_MS, now.getTime() + 7 * DAY_MS));
}

export interface Completion {
  total: number;
  signed: number;
  declined: number;
  overdue: number;
  pending: number;
}

/** Signed share in whole percent; an empty campaign is not 0% done, it is nothing to do. */
export function completionPercent(c: Pick<Completion, 'total' | 'signed'>): number | null {
  return c.total === 0 ? null : Math.round((100 * c.signed) / c.total);
}
