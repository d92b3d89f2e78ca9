import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { TicketFact, TicketFeed } from '@/server/domain/detectors/tickets';
import { rowsOf } from '@/server/services/shared/sql-helpers';

type TicketRow = {
  ticket_id: string;
  opened_at: Date | string;
  closed_at: Date | string | null;
  assigned: boolean;
  assignee_ids: string[] | null;
  cover_ids: string[] | null;
  resource_ids: string[] | null;
};

/**
 * The ticket feed a detection run judges with (docs/DETECTORS.md §Ticket feed): undefined when the
 * organization has no tickets at all (one index probe, so a tenant without a feed pays nothing),
 * else only the tickets the judged events cite, found set-wise in one query, with who may cover them. Assignees resolve to
 * people through their email identifiers now, so tickets imported before their people still count.
 */
export async function loadTicketFeed(
  tx: Tx,
  orgId: string,
  judgedEvents: SQL,
): Promise<TicketFeed | undefined> {
  const [feed] = rowsOf<{ first_opened: Date | string | null }>(
    await tx.execute(
      sql`select min(opened_at) as first_opened from tickets where org_id = ${orgId}`,
    ),
  );
  if (!feed?.first_opened) return undefined;
  const rows = rowsOf<TicketRow>(
    await tx.execute(sql`
      with cited as (
        select t.ticket_id, t.opened_at,
          -- A ticket still open or pending is open, whatever closed_at an export left on it.
          case when t.status in ('solved', 'closed') then t.closed_at end as closed_at,
          t.assignee_email is not null as assigned,
          array(
            select distinct pi.person_id::text from person_identifiers pi
            where pi.org_id = t.org_id and pi.kind = 'email'
              and pi.value = any(array_append(t.earlier_assignee_emails, t.assignee_email))
            union select t.assignee_person_id::text where t.assignee_person_id is not null
          ) as assignee_ids,
          t.resource_ids
        from tickets t
        where t.org_id = ${orgId}
          and lower(t.ticket_id) in (
            select distinct lower(ticket_id) from access_events
            where ${judgedEvents} and ticket_id is not null))
      select c.*,
        -- The assignees' managers and teammates (same manager) may cover their tickets.
        array(
          select distinct m.id::text from people a
          join people m on m.org_id = a.org_id and (m.id = a.manager_id or m.manager_id = a.manager_id)
          where a.org_id = ${orgId} and a.id::text = any(c.assignee_ids)
        ) as cover_ids
      from cited c`),
  );
  const byId = new Map<string, TicketFact>();
  for (const r of rows)
    byId.set(r.ticket_id.toLowerCase(), {
      ticketId: r.ticket_id,
      openedAt: new Date(r.opened_at),
      closedAt: r.closed_at === null ? null : new Date(r.closed_at),
      assigned: r.assigned,
      assigneeIds: r.assignee_ids ?? [],
      coverIds: r.cover_ids ?? [],
      resourceIds: r.resource_ids ?? [],
    });
  return { byId, coversFrom: new Date(feed.first_opened) };
}
