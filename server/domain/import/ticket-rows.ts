import { z } from 'zod';
import { emailSchema } from '../auth/password';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, optional, splitList, type CsvRow } from './csv';
import type { RowResult } from './rows';
import { normalizeTicketStatus, type TicketStatus } from './ticket-status';

export const TICKET_COLUMNS = {
  required: ['ticket_id', 'opened_at'],
  optional: ['system', 'assignee_email', 'resource_ids', 'closed_at', 'status'],
} as const;

export const MAX_TICKET_RESOURCES = 1000;

export interface TicketImportRow {
  /** As the ticketing tool writes it; matched against events case-insensitively. */
  ticketId: string;
  system: string | null;
  assigneeEmail: string | null;
  /** Customer / record ids the ticket is about, in file order, without repeats. */
  resourceIds: string[];
  openedAt: Date;
  closedAt: Date | null;
  status: TicketStatus;
}

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

function parseInstant(value: string | undefined, column: string, problems: string[]): Date | null {
  const v = optional(value);
  if (!v) return null;
  if (!instant.safeParse(v).success) {
    problems.push(`${column} "${v}" is not a time (YYYY-MM-DD or ISO 8601 with offset)`);
    return null;
  }
  return new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
}

/**
 * One ticket (tickets.csv, or an NDJSON / JSON object with the same keys). The row is the ticket's
 * current state, so a re-import replaces it (docs/IMPORTS.md §tickets.csv).
 */
export function mapTicketRow(c: Record<string, string>): RowResult<TicketImportRow> {
  const problems: string[] = [];
  const ticketId = optional(c.ticket_id);
  if (!ticketId) problems.push('ticket_id is required');
  else if (ticketId.length > 200) problems.push('ticket_id is longer than 200 characters');
  const system = optional(c.system) ?? null;
  if (system && system.length > 200) problems.push('system is longer than 200 characters');
  const assignee = optional(c.assignee_email);
  const assigneeEmail = assignee ? emailSchema.safeParse(assignee) : undefined;
  if (assigneeEmail && !assigneeEmail.success)
    problems.push(`assignee_email "${assignee}" is not an email address`);
  const resourceIds = [...new Set(splitList(c.resource_ids))];
  if (resourceIds.some((r) => r.length > 512))
    problems.push('a resource id in resource_ids is longer than 512 characters');
  if (resourceIds.length > MAX_TICKET_RESOURCES)
    problems.push(`resource_ids lists more than ${MAX_TICKET_RESOURCES} ids`);
  const openedAt = parseInstant(c.opened_at, 'opened_at', problems);
  if (!optional(c.opened_at)) problems.push('opened_at is required');
  const closedAt = parseInstant(c.closed_at, 'closed_at', problems);
  if (openedAt && closedAt && closedAt < openedAt) problems.push('closed_at is before opened_at');
  const statusCell = optional(c.status);
  const status = statusCell ? normalizeTicketStatus(statusCell) : closedAt ? 'closed' : 'open';
  if (!status)
    problems.push(
      `status "${statusCell}" is not known (open, pending, solved, closed, or a common synonym such as new, on-hold, resolved)`,
    );
  if (problems.length || !ticketId || !openedAt || !status)
    return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: {
      ticketId,
      system,
      assigneeEmail: assigneeEmail?.success ? assigneeEmail.data : null,
      resourceIds,
      openedAt,
      closedAt,
      status,
    },
  };
}

const jsonValue = z.union([
  z.string().max(100_000),
  z.number(),
  z.null(),
  z.array(z.union([z.string().max(512), z.number()])).max(MAX_TICKET_RESOURCES),
]);
const jsonTicket = z.record(z.string().max(100), jsonValue);

export type TicketJsonRead =
  | { ok: true; rows: CsvRow[]; rejected: { line: number; reason: string }[] }
  | { ok: false; error: string };

/**
 * Tickets as canonical NDJSON (one object per line) or a JSON array of objects, with the CSV's
 * column names; `resource_ids` may be an array or a `;`-separated string. A line that is not a
 * ticket object is rejected on its own; the rest still land (docs/IMPORTS.md §tickets.csv).
 */
export function ticketJsonToRows(text: string): TicketJsonRead {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES)
    return { ok: false, error: 'The file is larger than 10 MB; split it.' };
  const body = text.replace(/^\uFEFF/, '');
  const allowed = new Set<string>([...TICKET_COLUMNS.required, ...TICKET_COLUMNS.optional]);
  const entries: { line: number; value: unknown }[] = [];
  const rejected: { line: number; reason: string }[] = [];
  if (body.trimStart().startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
    }
    if (!Array.isArray(data)) return { ok: false, error: 'The JSON must be an array of tickets.' };
    data.forEach((value, i) => entries.push({ line: i + 1, value }));
  } else {
    for (const [i, raw] of body.split(/\r?\n/).entries()) {
      if (!raw.trim()) continue;
      try {
        entries.push({ line: i + 1, value: JSON.parse(raw) });
      } catch {
        rejected.push({ line: i + 1, reason: 'not a JSON object' });
      }
    }
  }
  if (entries.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      error: `The file has ${entries.length} tickets; the limit is ${MAX_IMPORT_ROWS}.`,
    };
  const rows: CsvRow[] = [];
  for (const { line, value } of entries) {
    const parsed = jsonTicket.safeParse(value);
    if (!parsed.success || Array.isArray(value)) {
      rejected.push({
        line,
        reason: `not a ticket object (fields are strings, numbers or, for resource_ids, an array)`,
      });
      continue;
    }
    const unknown = Object.keys(parsed.data).filter((k) => !allowed.has(k));
    if (unknown.length) {
      rejected.push({
        line,
        reason: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (allowed: ${[...allowed].join(', ')})`,
      });
      continue;
    }
    rows.push({
      line,
      cells: Object.fromEntries(
        Object.entries(parsed.data).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.map(String).join(';') : v == null ? '' : String(v),
        ]),
      ),
    });
  }
  return { ok: true, rows, rejected };
}

/** JSON (an array or NDJSON) when the text starts with `[` or `{`; CSV otherwise. */
export function looksLikeJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{';
}
