import { withTenant } from '@/db/tenant';
import { readCsv, type CsvRead } from '@/server/domain/import/csv';
import type { ImportKind } from '@/server/domain/import/inputs';
import {
  GRANT_COLUMNS,
  PEOPLE_COLUMNS,
  SYSTEM_COLUMNS,
  VENDOR_COLUMNS,
  WATCHLIST_COLUMNS,
  watchlistJsonToRows,
} from '@/server/domain/import/rows';
import {
  looksLikeJson,
  TICKET_COLUMNS,
  ticketJsonToRows,
} from '@/server/domain/import/ticket-rows';
import { appendAudit } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { UserFacingError } from '@/server/services/shared/errors';
import { importGrants } from './grants';
import { importPeople } from './people';
import type { ImportActor, RowAction } from './row-helpers';
import { importSystems } from './systems';
import { importTicketRows } from './tickets';
import { importVendors } from './vendors';
import { importWatchlist } from './watchlist';

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
  rows: { line: number; key: string; action: RowAction; changes: string[]; reason?: string }[];
  /** Watchlist and people imports re-screen: how many new candidate matches await review. */
  newMatches?: number;
}

class DryRunRollback extends Error {}

/**
 * Imports one CSV in a single transaction: every valid row is created or updated, every bad row
 * is rejected with its line and reason, and re-importing the same file changes nothing. A dry
 * run does all of it and rolls back, so the preview is exactly what confirming would do.
 */
export async function runImport(
  actor: ImportActor,
  kind: ImportKind,
  text: string,
  options: { dryRun: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const columns = {
    vendors: VENDOR_COLUMNS,
    systems: SYSTEM_COLUMNS,
    people: PEOPLE_COLUMNS,
    grants: GRANT_COLUMNS,
    watchlist: WATCHLIST_COLUMNS,
    tickets: TICKET_COLUMNS,
  }[kind];
  // Watchlists also come as JSON (an array of objects with the CSV's column names), tickets as
  // NDJSON or a JSON array; a ticket line that is not an object is rejected on its own.
  const table: CsvRead & { rejected?: { line: number; reason: string }[] } =
    kind === 'watchlist' && text.trimStart().startsWith('[')
      ? watchlistJsonToRows(text)
      : kind === 'tickets' && looksLikeJson(text)
        ? ticketJsonToRows(text)
        : readCsv(text, columns);
  if (!table.ok) throw new UserFacingError('BAD_REQUEST', table.error);
  const report: ImportReport = {
    kind,
    dryRun: options.dryRun,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rows: [],
  };
  const total = table.rows.length + (table.rejected?.length ?? 0);
  const record = (
    line: number,
    key: string,
    action: RowAction,
    changes: string[] = [],
    reason?: string,
  ) => {
    report.rows.push({ line, key, action, changes, ...(reason ? { reason } : {}) });
    if (action === 'reject') report.rejected.push({ line, reason: reason ?? 'rejected' });
    else if (action === 'create') report.created += 1;
    else if (action === 'update') report.updated += 1;
    else report.unchanged += 1;
    options.onProgress?.(report.rows.length, total);
  };
  for (const r of table.rejected ?? []) record(r.line, `line ${r.line}`, 'reject', [], r.reason);
  try {
    await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
      if (kind === 'vendors') await importVendors(tx, actor, table.rows, record);
      else if (kind === 'systems') await importSystems(tx, actor, table.rows, record);
      else if (kind === 'people')
        report.newMatches = await importPeople(tx, actor, table.rows, record);
      else if (kind === 'grants') await importGrants(tx, actor, table.rows, record);
      else if (kind === 'tickets') await importTicketRows(tx, actor, table.rows, record);
      else report.newMatches = await importWatchlist(tx, actor, table.rows, record);
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: `import.${kind}`,
        entityType: 'import',
        entityId: null,
        after: {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
        },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  // Tickets feed detection, not scores: the next detection run reads them.
  if (!options.dryRun && kind !== 'tickets' && report.created + report.updated > 0)
    await requestRiskRecompute(actor.orgId);
  report.rows.sort((a, b) => a.line - b.line);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/**
 * Imports tickets (docs/IMPORTS.md §tickets.csv) from CSV, NDJSON or a JSON array: the entry point
 * for the CLI, the HTTP ingest route and in-process callers.
 */
export function importTickets(
  actor: ImportActor,
  text: string,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  return runImport(actor, 'tickets', text, options);
}
