import { and, eq, sql } from 'drizzle-orm';
import { getDatabaseHandle } from '@/db/client';
import { ingestBatches } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { IngestTooLargeError } from '@/server/domain/ingest/errors';
import type { NormalizedEvent } from '@/server/domain/ingest/event';
import { parseEvents, type IngestFormat } from '@/server/domain/ingest/parse-events';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { enqueueJob } from '@/server/services/jobs/queue';
import { recordIngestRun } from '@/server/services/observability/record';
import type { RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { retryOnDeadlock } from '@/server/services/shared/sql-helpers';
import { ingestLimits, type IngestChannel, type IngestLimits } from './limits';
import {
  ensureEventPartitions,
  insertEventChunk,
  newResolutionCache,
  prepareChunk,
  recordActors,
  resolveChunk,
  type PreparedChunk,
} from './writer';

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
 * part-way keeps what it wrote and a re-run stores the rest exactly once. Parsing runs ahead of
 * writing, and on PostgreSQL two chunks are written at once on two connections; a source id
 * repeated across them is still stored once (the unique key makes the second writer wait, and
 * a deadlock between them is retried), and counts are added up as each chunk commits.
 */
export async function ingestEvents(
  actor: IngestActor,
  format: IngestFormat,
  input: Parameters<typeof parseEvents>[1],
  options: {
    channel: IngestChannel;
    fileName?: string;
    /** Overrides of the channel's configured limits (limits.ts); tests use small ones. */
    limits?: Partial<IngestLimits>;
    /** The request's signal: a client that hangs up stops the run. */
    signal?: AbortSignal;
    onProgress?: (s: IngestSummary) => void;
    /** Events per transaction; tests use small chunks to cut a file part-way. */
    chunkSize?: number;
  },
): Promise<IngestSummary> {
  const started = performance.now();
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
  const resolutions = newResolutionCache();
  const unresolvedKeys = new Set<string>();
  const forCopy = (await getDatabaseHandle()).raw.driver === 'postgres';
  /** Parse progress as last saved: chunks may commit out of order, progress must not go back. */
  let saved: ParseProgress = { received: 0, rejected: 0, rejections: [] };
  /** Writes one chunk; `parsed` is the parse progress when it was cut (parsing runs ahead). */
  const write = async (chunk: PreparedChunk, parsed: ParseProgress) => {
    const { events } = chunk;
    const outcome = await retryOnDeadlock(() =>
      withTenant(scope, async (tx) => {
        const resolved = await resolveChunk(tx, actor.orgId, events, resolutions);
        const inserted = await insertEventChunk(tx, actor.orgId, summary.batchId, chunk, resolved);
        const unresolved = inserted.length
          ? await recordActors(tx, actor.orgId, inserted, resolved)
          : [];
        if (parsed.received > saved.received) saved = parsed;
        const added = { inserted: inserted.length, duplicates: events.length - inserted.length };
        await saveChunkProgress(tx, actor.orgId, summary.batchId, added, saved);
        return { ...added, unresolved };
      }),
    );
    // Counted once committed: concurrent writers add up without losing each other's counts.
    summary.inserted += outcome.inserted;
    summary.duplicates += outcome.duplicates;
    for (const key of outcome.unresolved) unresolvedKeys.add(key);
    summary.unresolvedActors = unresolvedKeys.size;
    options.onProgress?.({ ...summary, ...saved });
  };
  // PostgreSQL: two chunks are written at once, on two connections, so the server works on one
  // chunk's insert while it loads the next (docs/BENCHMARKS.md); PGlite has one connection.
  const writers = forCopy ? 2 : 1;
  const writing: Promise<void>[] = [];
  let chunk: NormalizedEvent[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const prepared = prepareChunk(chunk, forCopy); // while earlier chunks are being written
    chunk = [];
    const parsed = {
      received: summary.received,
      rejected: summary.rejected,
      rejections: summary.rejections.slice(),
    };
    await ensureEventPartitions(prepared.events, partitions); // once per month, before any writer
    if (writing.length >= writers) await writing.shift();
    const next = write(prepared, parsed);
    // Awaited before a later chunk or the end; until then a failure must not count as unhandled.
    next.catch(() => {});
    writing.push(next);
  };
  /** Waits for every chunk handed to a writer; the first failure is thrown once all settled. */
  const drain = async () => {
    const results = await Promise.allSettled(writing.splice(0));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };

  let fileError: string | null = null;
  let tooLarge = false;
  try {
    const limits = { ...ingestLimits(options.channel), ...options.limits };
    const budget = { ...limits, signal: options.signal };
    for await (const record of parseEvents(format, input, budget)) {
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
    await drain();
  } catch (error) {
    // A chunk already handed to a writer commits (or fails) before anything else happens, so
    // a killed run has written exactly the chunks it reports.
    await drain();
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
  recordIngestRun(options.channel, summary, started);
  // Detection runs as a durable job per batch (docs/DETECTORS.md §Principles).
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

type ParseProgress = Pick<IngestSummary, 'received' | 'rejected' | 'rejections'>;

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

/** A chunk's share of the batch's progress: added to what other chunks committed. */
async function saveChunkProgress(
  tx: Parameters<Parameters<typeof withTenant>[1]>[0],
  orgId: string,
  batchId: string,
  added: { inserted: number; duplicates: number },
  parsed: ParseProgress,
) {
  await tx
    .update(ingestBatches)
    .set({
      received: sql`greatest(${ingestBatches.received}, ${parsed.received})`,
      rejected: sql`greatest(${ingestBatches.rejected}, ${parsed.rejected})`,
      rejections: parsed.rejections,
      inserted: sql`${ingestBatches.inserted} + ${added.inserted}`,
      duplicates: sql`${ingestBatches.duplicates} + ${added.duplicates}`,
    })
    .where(and(eq(ingestBatches.orgId, orgId), eq(ingestBatches.id, batchId)));
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
