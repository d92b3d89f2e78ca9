import type { ImportReport } from '@/server/services/import/run';
import type { IngestSummary } from '@/server/services/ingest/ingest-events';

/**
 * The body of a successful `POST /api/v1/ingest/{format}` (docs/INTERFACES.md §Responses:
 * `received`, `inserted`, `duplicates`, `rejected: [{line, reason}]`), plus the batch id, the total
 * rejected (the list keeps the first 100) and how many actors Vigil could not match to a person.
 */
export interface IngestApiResponse {
  batchId: string;
  format: IngestSummary['format'];
  received: number;
  inserted: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
  unresolvedActors: number;
}

export function toIngestApiResponse(summary: IngestSummary): IngestApiResponse {
  return {
    batchId: summary.batchId,
    format: summary.format,
    received: summary.received,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    rejected: summary.rejections,
    rejectedCount: summary.rejected,
    unresolvedActors: summary.unresolvedActors,
  };
}

/**
 * The body of a successful `POST /api/v1/ingest/tickets` (docs/INGEST.md §Tickets over HTTP): the
 * import report's counts and every rejected row with its line and reason.
 */
export interface TicketIngestResponse {
  dryRun: boolean;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

export function toTicketIngestResponse(report: ImportReport): TicketIngestResponse {
  return {
    dryRun: report.dryRun,
    received: report.rows.length,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
  };
}
