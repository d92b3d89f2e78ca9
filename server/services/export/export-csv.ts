import { withTenant } from '@/db/tenant';
import { spreadsheetCsvLine } from '@/server/domain/export/csv';
import { exportFilters } from '@/server/domain/export/list-csv';
import { canAccess } from '@/server/domain/tenancy/roles';
import { auditMemberChange } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { EXPORT_LISTS, type ExportListName } from './export-lists';

export interface ListExport {
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/** A list's exported rows, as the audit entry records them once the stream ends. */
async function auditExport(
  actor: OrgActor,
  list: string,
  filters: Record<string, unknown>,
  rows: number,
  completed: boolean,
) {
  await withTenant(tenantOf(actor), (tx) =>
    auditMemberChange(tx, actor, {
      action: 'export.csv',
      entityType: 'export',
      after: { list, filters, rows, completed },
    }),
  );
}

/**
 * A CSV of exactly the rows a list's filters select, every page of them, made safe to open in a
 * spreadsheet (docs/SECURITY.md §Uploads and downloads). The body pulls one list page per read,
 * so memory stays flat however long the list; the export is audited in its own transaction when
 * the stream ends, finished or cancelled (docs/INTERFACES.md §CSV exports).
 */
export function openListExport(actor: OrgActor, list: string, query: URLSearchParams): ListExport {
  if (!Object.hasOwn(EXPORT_LISTS, list))
    throw new UserFacingError('NOT_FOUND', 'There is no such list to export.');
  const def = EXPORT_LISTS[list as ExportListName];
  if (!canAccess(actor.role, def.roles))
    throw new UserFacingError('FORBIDDEN', 'Your role does not allow exporting this list.');
  const parsed = def.parse(query);
  if (!parsed.success)
    throw new UserFacingError(
      'BAD_REQUEST',
      `These filters are not valid: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}.`,
    );
  const filters = exportFilters(parsed.data);
  const pages = def.pages(actor, parsed.data);
  const encoder = new TextEncoder();
  let rows = 0;
  let audited = false;
  const finish = async (completed: boolean) => {
    if (audited) return;
    audited = true;
    await auditExport(actor, list, filters, rows, completed);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A UTF-8 byte order mark so Excel reads accents right; the header row follows.
        controller.enqueue(encoder.encode(`\uFEFF${spreadsheetCsvLine(def.header)}`));
      },
      async pull(controller) {
        try {
          const next = await pages.next();
          if (next.done) {
            await finish(true);
            controller.close();
            return;
          }
          rows += next.value.length;
          controller.enqueue(encoder.encode(next.value.map(spreadsheetCsvLine).join('')));
        } catch (error) {
          await finish(false).catch(() => undefined);
          throw error;
        }
      },
      async cancel() {
        await pages.return(undefined);
        await finish(false);
      },
    },
    // One page waits at most: the next is read only once the client has taken this one.
    { highWaterMark: 1 },
  );
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `vigil-${list}-${day}.csv`, body };
}
