import { sql } from 'drizzle-orm';
import { withTenant } from '@/db/tenant';
import {
  REMINDER_OFFSETS_DAYS,
  remindersDue,
  type ReminderKind,
  type RequestStatus,
} from '@/server/domain/attestations/campaign';
import { newSigningToken } from '@/server/domain/attestations/signing-token';
import { appendAudit } from '@/server/services/audit/log';
import { queueMails } from '@/server/services/mail/outbox';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { orgName, signingLinkMail } from './signing-link-mail';

const DAY_MS = 86_400_000;
const SYSTEM = { type: 'system' as const, id: null, label: 'attestation reminders' };

interface OpenRow {
  id: string;
  status: RequestStatus;
  due_at: string;
  token_expires_at: string;
  reminders_sent: string[];
  email: string;
  full_name: string;
  title: string;
}

const NOTES: Record<ReminderKind, string> = {
  before: 'It is due in a few days.',
  due: 'It is now overdue; until you sign, new access for you may be refused.',
  final: 'It is more than a week overdue: please sign or decline now.',
};

/**
 * The reminder run for one organization (a scheduled job): pending requests past their due date
 * turn `overdue`, and each request gets each reminder once. Storing only token hashes means a
 * reminder carries a fresh link, which replaces the earlier one. Idempotent: the reminder is
 * recorded by a conditional update in the same transaction as its mail.
 */
export async function sendAttestationReminders(orgId: string, now = new Date()) {
  return withTenant({ orgId, userId: null }, async (tx) => {
    // Requests a reminder could be due for: due within the "before" window or already past.
    const horizon = new Date(now.getTime() - REMINDER_OFFSETS_DAYS.before * DAY_MS);
    const rows = rowsOf<OpenRow>(
      await tx.execute(sql`
        select r.id, r.status, c.due_at::text, r.token_expires_at::text, r.reminders_sent,
          r.recipient_email as email, p.full_name, c.template->>'title' as title
        from attestation_requests r
        join attestation_campaigns c on c.org_id = r.org_id and c.id = r.campaign_id
        join people p on p.org_id = r.org_id and p.id = r.person_id
        where r.org_id = ${orgId} and c.status = 'active' and r.status in ('pending', 'overdue')
          and c.due_at <= ${horizon.toISOString()}::timestamptz
        order by r.id`),
    );
    const overdue: string[] = [];
    const planned: { row: OpenRow; kind: ReminderKind; token: string; hash: string }[] = [];
    for (const row of rows) {
      const due = remindersDue(
        {
          status: row.status,
          dueAt: new Date(row.due_at),
          tokenExpiresAt: new Date(row.token_expires_at),
          remindersSent: row.reminders_sent,
        },
        now,
      );
      if (due.markOverdue) overdue.push(row.id);
      if (due.reminder) planned.push({ row, kind: due.reminder, ...newSigningToken() });
    }
    const idArray = (ids: string[]) =>
      sql`array[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`;
    let markedOverdue: string[] = [];
    if (overdue.length > 0)
      markedOverdue = rowsOf<{ id: string }>(
        await tx.execute(sql`
          update attestation_requests set status = 'overdue', updated_at = ${now.toISOString()}::timestamptz
          where org_id = ${orgId} and id = any(${idArray(overdue)}) and status = 'pending'
          returning id`),
      ).map((r) => r.id);
    let sent: { id: string }[] = [];
    if (planned.length > 0) {
      const values = sql.join(
        planned.map((p) => sql`(${p.row.id}::uuid, ${p.hash}, ${p.kind})`),
        sql`, `,
      );
      // Set-based and conditional: a reminder already recorded (a rerun) is not sent again.
      sent = rowsOf<{ id: string }>(
        await tx.execute(sql`
          update attestation_requests r
          set token_hash = v.hash, reminders_sent = array_append(r.reminders_sent, v.kind),
            last_reminded_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
          from (values ${values}) as v(id, hash, kind)
          where r.org_id = ${orgId} and r.id = v.id and r.status in ('pending', 'overdue')
            and not (v.kind = any(r.reminders_sent))
          returning r.id`),
      );
    }
    const sentIds = new Set(sent.map((s) => s.id));
    const toSend = planned.filter((p) => sentIds.has(p.row.id));
    if (toSend.length > 0) {
      const org = await orgName(tx, orgId);
      await queueMails(
        tx,
        orgId,
        toSend.map((p) =>
          signingLinkMail(
            {
              requestId: p.row.id,
              to: p.row.email,
              fullName: p.row.full_name,
              token: p.token,
              title: p.row.title,
              orgName: org,
              dueAt: new Date(p.row.due_at),
              expiresAt: new Date(p.row.token_expires_at),
            },
            'reminder',
            NOTES[p.kind],
          ),
        ),
      );
    }
    if (markedOverdue.length > 0 || toSend.length > 0)
      await appendAudit(tx, {
        orgId,
        actor: SYSTEM,
        action: 'attestation_request.reminders',
        entityType: 'attestation_request',
        after: {
          markedOverdue,
          reminded: toSend.map((p) => ({ request: p.row.id, reminder: p.kind })),
        },
        requestId: null,
        ip: null,
      });
    return { markedOverdue: markedOverdue.length, reminded: toSend.length };
  });
}
