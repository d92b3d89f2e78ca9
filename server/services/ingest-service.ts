import { and, eq, sql } from 'drizzle-orm';
import { ingestBatches } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { IngestTooLargeError } from '@/server/domain/ingest/errors';
import type { NormalizedEvent } from '@/server/domain/ingest/event';
import { parseEvents, type IngestFormat } from '@/server/domain/ingest/parse-events';
import type { RequestMeta } from './actor';
import { appendAudit, type AuditActor } from './audit-service';
import {
  ensureEventPartitions,
  insertEventChunk,
  recordActors,
  resolveChunk,
  sourceKeyOf,
} from './ingest-writer';
import { UserFacingError } from './errors';
import { enqueueJob } from './job-queue-service';

/** Who ingests: a member uploading, the CLI operator, or an API key. */
export interface IngestActor extends RequestMeta {
  orgId: string;
  userId: string | null;
  audit: AuditActor;
}

export interface IngestSummary {
  batchId: string;
  format: IngestFormat;
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  unresolvedActors: number;
  rejections: { line: number; reason: string }[];
}

/**
 * Events per chunk (one transaction each). 10,000 rather than 2,000: per-chunk costs (the
 * actor-count upsert touches every active actor once per chunk, plus commits and round trips)
 * dominated at 2,000 (docs/BENCHMARKS.md); two chunks in memory stay a few MB at most.
 */
export const INGEST_CHUNK = 10_000;
const KEPT_REJECTIONS = 100;

/**
 * Streams a file through the parser into storage in chunks. Each chunk commits on its own
 * (resolve actors → insert, skipping source ids already stored → count actors), so a run killed
 * part-way keeps what it wrote and a re-run stores the rest exactly once. Parsing the next chunk
 * overlaps writing the previous one (the database works in its own process meanwhile); chunks
 * are still written one at a time and in file order.
 */
export async function ingestEvents(
  actor: IngestActor,
  format: IngestFormat,
  input: Parameters<typeof parseEvents>[1],
  options: {
    channel: 'upload' | 'cli' | 'api';
    fileName?: string;
    /** Most bytes read once decompressed (the HTTP API's zip-bomb guard); default: the parser's. */
    maxBytes?: number;
    onProgress?: (s: IngestSummary) => void;
    /** Events per transaction; tests use small chunks to cut a file part-way. */
    chunkSize?: number;
  },
): Promise<IngestSummary> {
  const chunkSize = options.chunkSize ?? INGEST_CHUNK;
  const scope = { orgId: actor.orgId, userId: actor.userId };
  const [batch] = await withTenant(scope, (tx) =>
    tx
      .insert(ingestBatches)
      .values({
        orgId: actor.orgId,
        format,
        channel: options.channel,
        fileName: options.fileName?.slice(0, 255) ?? null,
        startedBy: actor.audit.label,
      })
      .returning({ id: ingestBatches.id }),
  );
  const summary: IngestSummary = {
    batchId: batch!.id,
    format,
    received: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    unresolvedActors: 0,
    rejections: [],
  };
  const partitions = new Set<string>();
  /** Writes one chunk; `parsed` is the parse progress when it was cut (parsing runs ahead). */
  const write = async (
    events: NormalizedEvent[],
    parsed: Pick<IngestSummary, 'received' | 'rejected' | 'rejections'>,
  ) => {
    await ensureEventPartitions(events, partitions);
    await withTenant(scope, async (tx) => {
      const resolved = await resolveChunk(tx, actor.orgId, events);
      const inserted = await insertEventChunk(tx, actor.orgId, summary.batchId, events, resolved);
      const fresh = events.filter((e) => inserted.has(sourceKeyOf(e)));
      summary.unresolvedActors += fresh.length
        ? await recordActors(tx, actor.orgId, fresh, resolved)
        : 0;
      summary.inserted += inserted.size;
      summary.duplicates += events.length - inserted.size;
      await saveProgress(tx, actor.orgId, { ...summary, ...parsed }, null);
    });
    options.onProgress?.({ ...summary, ...parsed });
  };
  let chunk: NormalizedEvent[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (chunk.length === 0) return;
    const events = chunk;
    chunk = [];
    const parsed = {
      received: summary.received,
      rejected: summary.rejected,
      rejections: summary.rejections.slice(),
    };
    await writing; // the previous chunk first: one writer, file order
    writing = write(events, parsed);
    // Awaited before the next chunk or the end; until then a failure must not count as unhandled.
    writing.catch(() => {});
  };

  let fileError: string | null = null;
  let tooLarge = false;
  try {
    for await (const record of parseEvents(format, input, { maxBytes: options.maxBytes })) {
      summary.received += 1;
      if (record.ok) {
        chunk.push(record.event);
        if (chunk.length >= chunkSize) await flush();
      } else {
        summary.rejected += 1;
        if (summary.rejections.length < KEPT_REJECTIONS)
          summary.rejections.push({ line: record.line, reason: record.reason });
      }
    }
    await flush();
    await writing;
  } catch (error) {
    // A chunk already handed to the writer commits (or fails) before anything else happens, so
    // a killed run has written exactly the chunks it reports.
    await writing;
    if (!(error instanceof Error) || error.name !== 'IngestFileError') throw error;
    fileError = error.message;
    tooLarge = error instanceof IngestTooLargeError;
  }
  await withTenant(scope, async (tx) => {
    await saveProgress(tx, actor.orgId, summary, fileError, true);
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'ingest.batch',
      entityType: 'ingest_batch',
      entityId: summary.batchId,
      after: {
        format,
        channel: options.channel,
        fileName: options.fileName ?? null,
        received: summary.received,
        inserted: summary.inserted,
        duplicates: summary.duplicates,
        rejected: summary.rejected,
        ...(fileError ? { error: fileError } : {}),
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
  });
  // Detection runs as a durable job per batch (spec/signals.md "run incrementally after each ingest").
  if (summary.inserted > 0)
    await enqueueJob(
      'detect.batch',
      { orgId: actor.orgId, batchId: summary.batchId },
      { dedupeKey: `detect.batch:${summary.batchId}` },
    );
  if (fileError)
    throw new UserFacingError(tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', fileError);
  return summary;
}

async function saveProgress(
  tx: Parameters<Parameters<typeof withTenant>[1]>[0],
  orgId: string,
  s: IngestSummary,
  error: string | null,
  finished = false,
) {
  await tx
    .update(ingestBatches)
    .set({
      received: s.received,
      inserted: s.inserted,
      duplicates: s.duplicates,
      rejected: s.rejected,
      unresolved: s.unresolvedActors,
      rejections: s.rejections,
      error,
      ...(finished ? { finishedAt: sql`now()` } : {}),
    })
    .where(and(eq(ingestBatches.orgId, orgId), eq(ingestBatches.id, s.batchId)));
}

/** Recent ingest runs with their outcome (the logs page). */
export async function listIngestBatches(actor: { orgId: string; userId: string }, limit = 20) {
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, (tx) =>
    tx
      .select()
      .from(ingestBatches)
      .where(eq(ingestBatches.orgId, actor.orgId))
      .orderBy(sql`${ingestBatches.startedAt} desc`)
      .limit(limit),
  );
}
