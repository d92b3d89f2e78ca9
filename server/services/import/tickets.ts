import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { systems, tickets } from '@/db/schema';
import { mapTicketRow, type TicketImportRow } from '@/server/domain/import/ticket-rows';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { acceptedRows, changed, type ImportActor, type Recorder, type Rows } from './row-helpers';

const CHUNK = 2000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Email → person, through people's email identifiers (a person always keeps theirs). */
async function personIdsByEmail(tx: Tx, orgId: string, emails: string[]) {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(emails)])) {
    const rows = rowsOf<{ value: string; person_id: string }>(
      await tx.execute(sql`
        select value, person_id from person_identifiers
        where org_id = ${orgId} and kind = 'email' and value = any(${sql.param(part)}::text[])`),
    );
    for (const r of rows) found.set(r.value, r.person_id);
  }
  return found;
}

/** A system named as the logs name it: by name or alias, case-insensitively. */
async function systemIdsByName(tx: Tx, orgId: string) {
  const rows = await tx
    .select({ id: systems.id, name: systems.name, aliases: systems.aliases })
    .from(systems)
    .where(eq(systems.orgId, orgId));
  const byName = new Map<string, string>();
  for (const s of rows) for (const n of [s.name, ...s.aliases]) byName.set(n.toLowerCase(), s.id);
  return byName;
}

type TicketState = {
  ticketId: string;
  system: string | null;
  systemId: string | null;
  assigneeEmail: string | null;
  assigneePersonId: string | null;
  earlierAssigneeEmails: string[];
  resourceIds: string[];
  openedAt: Date;
  closedAt: Date | null;
  status: TicketImportRow['status'];
};

/**
 * tickets.csv / NDJSON (docs/IMPORTS.md §tickets.csv): each row is the ticket's current state and
 * replaces the stored one, keyed by the ticket id (case-insensitive) within the organization. An
 * assignee a re-import replaces is kept among the earlier assignees. Tickets are a feed, like
 * access events: the import is audited as one entry, not one per ticket. Writes go in chunks.
 */
export async function importTicketRows(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
  const accepted = [
    ...acceptedRows(
      rows,
      record,
      mapTicketRow,
      'ticket_id',
      (r) => r.ticketId.toLowerCase(),
      'ticket',
    ),
  ];
  if (accepted.length === 0) return;
  const existing = new Map<string, typeof tickets.$inferSelect>();
  for (const part of chunks(accepted.map((a) => a.row.ticketId.toLowerCase())))
    for (const t of await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.orgId, actor.orgId), inArray(sql`lower(${tickets.ticketId})`, part))))
      existing.set(t.ticketId.toLowerCase(), t);
  const people = await personIdsByEmail(
    tx,
    actor.orgId,
    accepted.flatMap((a) => (a.row.assigneeEmail ? [a.row.assigneeEmail] : [])),
  );
  const systemIds = await systemIdsByName(tx, actor.orgId);
  const now = new Date();
  const inserts: (TicketState & { orgId: string })[] = [];
  const updates: (TicketState & { id: string })[] = [];
  for (const { line, row } of accepted) {
    const current = existing.get(row.ticketId.toLowerCase());
    const earlier = new Set(current?.earlierAssigneeEmails ?? []);
    if (current?.assigneeEmail && current.assigneeEmail !== row.assigneeEmail)
      earlier.add(current.assigneeEmail);
    if (row.assigneeEmail) earlier.delete(row.assigneeEmail);
    const next: TicketState = {
      ticketId: row.ticketId,
      system: row.system,
      systemId: row.system ? (systemIds.get(row.system.toLowerCase()) ?? null) : null,
      assigneeEmail: row.assigneeEmail,
      assigneePersonId: row.assigneeEmail ? (people.get(row.assigneeEmail) ?? null) : null,
      earlierAssigneeEmails: [...earlier].sort(),
      resourceIds: row.resourceIds,
      openedAt: row.openedAt,
      closedAt: row.closedAt,
      status: row.status,
    };
    if (!current) {
      inserts.push({ orgId: actor.orgId, ...next });
      record(line, row.ticketId, 'create');
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, next);
    if (changes.length === 0) {
      record(line, row.ticketId, 'unchanged');
      continue;
    }
    updates.push({ id: current.id, ...next });
    record(line, row.ticketId, 'update', changes);
  }
  for (const part of chunks(inserts)) await tx.insert(tickets).values(part);
  // One statement per chunk: a re-import that closes thousands of tickets is a feed's daily case.
  for (const part of chunks(updates)) {
    const payload = JSON.stringify(
      part.map((u) => ({
        ...u,
        openedAt: u.openedAt.toISOString(),
        closedAt: u.closedAt?.toISOString() ?? null,
      })),
    );
    await tx.execute(sql`
      update tickets t set
        ticket_id = v."ticketId", system = v.system, system_id = v."systemId",
        assignee_email = v."assigneeEmail", assignee_person_id = v."assigneePersonId",
        earlier_assignee_emails = array(select jsonb_array_elements_text(v."earlierAssigneeEmails")),
        resource_ids = array(select jsonb_array_elements_text(v."resourceIds")),
        opened_at = v."openedAt", closed_at = v."closedAt", status = v.status,
        updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${payload}::jsonb) as v(
        id uuid, "ticketId" text, system text, "systemId" uuid, "assigneeEmail" text,
        "assigneePersonId" uuid, "earlierAssigneeEmails" jsonb, "resourceIds" jsonb,
        "openedAt" timestamptz, "closedAt" timestamptz, status text)
      where t.org_id = ${actor.orgId} and t.id = v.id`);
  }
}
