// The tenant's files in the import formats of docs/IMPORTS.md (and tickets.csv for the tickets
// import), from the generated facts.
import { PEOPLE_COLUMNS } from '@/server/domain/import/rows';
import type { GrantSpec, PersonSpec, TicketSpec, WatchlistSpec } from './model';
import { SYSTEMS, VENDORS } from './population';

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const table = (header: string[], rows: (string | number | null | undefined)[][]) =>
  `${[header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;

export function vendorsCsv(): string {
  return table(
    ['name', 'country', 'services', 'tier', 'status', 'data_categories', 'contract_start'],
    VENDORS.map((v) => [
      v.name,
      v.country,
      v.services,
      v.tier,
      'active',
      v.categories.join(';'),
      '2024-01-01',
    ]),
  );
}

export function systemsCsv(): string {
  return table(
    ['name', 'criticality', 'data_classification', 'privileges', 'aliases'],
    SYSTEMS.map((s) => [s.name, s.criticality, s.classification, s.privileges, s.aliases]),
  );
}

/** Managers first, so every manager_email names someone already in the file or stored. */
export function peopleCsv(people: readonly PersonSpec[]): string {
  const order = [...people].sort(
    (a, b) =>
      Number(a.managerEmail !== null) - Number(b.managerEmail !== null) || a.index - b.index,
  );
  return table(
    [...PEOPLE_COLUMNS.required, ...PEOPLE_COLUMNS.optional],
    order.map((p) => [
      p.email,
      p.fullName,
      p.type,
      p.vendor,
      p.department,
      p.title,
      p.managerEmail,
      p.home.city,
      p.home.country,
      p.home.timezone,
      p.workMode,
      p.startDate,
      p.endDate,
      p.externalIds.join(';'),
      p.phone,
      p.backgroundCheck,
      p.identityVerifiedOn,
    ]),
  );
}

export function grantsCsv(grants: readonly GrantSpec[]): string {
  return table(
    ['person_email', 'system', 'privilege', 'starts_at', 'justification'],
    grants.map((g) => [g.email, g.system, g.privilege, g.startsAt, 'Existing access, imported']),
  );
}

export function watchlistCsv(entries: readonly WatchlistSpec[]): string {
  return table(
    ['name', 'aliases', 'emails', 'phones', 'github', 'telegram', 'wallets', 'source', 'notes'],
    entries.map((e) => [
      e.name,
      e.aliases.join(';'),
      e.emails.join(';'),
      e.phones.join(';'),
      e.github.join(';'),
      e.telegram.join(';'),
      e.wallets.join(';'),
      e.source,
      e.notes,
    ]),
  );
}

/** tickets.csv for `vigil import tickets`: resource ids `;`-separated. */
export function ticketsCsv(tickets: readonly TicketSpec[]): string {
  return table(
    ['ticket_id', 'system', 'assignee_email', 'resource_ids', 'opened_at', 'closed_at', 'status'],
    tickets.map((t) => [
      t.ticketId,
      t.system,
      t.assigneeEmail,
      t.resourceIds.join(';'),
      t.openedAt,
      t.closedAt,
      t.status,
    ]),
  );
}
