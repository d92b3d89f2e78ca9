import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { jobs } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export type JobRow = typeof jobs.$inferSelect;

export interface EnqueueOptions {
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job (inside the caller's transaction when given one); a repeated dedupe key is a no-op. */
export async function enqueueJob(
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
  tx?: Tx,
): Promise<boolean> {
  const insert = (t: Tx) =>
    t
      .insert(jobs)
      .values({
        kind,
        payload,
        dedupeKey: options.dedupeKey ?? null,
        runAt: options.runAt ?? new Date(),
        maxAttempts: options.maxAttempts ?? 5,
      })
      .onConflictDoNothing({ target: jobs.dedupeKey })
      .returning({ id: jobs.id });
  const rows = tx ? await insert(tx) : await withSystem(insert);
  return rows.length > 0;
}

// On the process, not the module: Next.js may load this module once per bundle (instrumentation,
// route handlers), and the worker and the request must meet on the same set.
const registry = globalThis as { __vigilJobsEnqueued?: Set<() => void> };
const enqueuedListeners = (registry.__vigilJobsEnqueued ??= new Set<() => void>());

/** The in-process worker listens here, so work a person waits for starts without a poll's delay. */
export function onJobsEnqueued(listener: () => void): () => void {
  enqueuedListeners.add(listener);
  return () => enqueuedListeners.delete(listener);
}

/** Call after the transaction that enqueued a job committed (before that, nothing can claim it). */
export function announceJobs(): void {
  for (const listener of enqueuedListeners) listener();
}

/**
 * Claims up to `limit` due jobs for one worker. SKIP LOCKED lets any number of workers (Next.js
 * instances, CLI runs) share the queue without taking the same job; a running job whose lease
 * ran out (its worker died) is due again.
 */
export async function claimJobs(
  workerId: string,
  limit: number,
  leaseMs: number,
): Promise<JobRow[]> {
  return withSystem(async (tx) => {
    const result = await tx.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from jobs
        where (status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now())
        order by run_at, id
        limit ${limit}
        for update skip locked)
      returning id, kind, payload, dedupe_key as "dedupeKey", status, run_at as "runAt", attempts,
        max_attempts as "maxAttempts", locked_until as "lockedUntil", locked_by as "lockedBy",
        last_error as "lastError", created_at as "createdAt", finished_at as "finishedAt"`);
    // Raw rows carry timestamps as the driver gives them; the rest of the code wants Dates.
    const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
    return rowsOf<JobRow>(result).map((r) => ({
      ...r,
      id: Number(r.id),
      runAt: date(r.runAt)!,
      lockedUntil: date(r.lockedUntil),
      createdAt: date(r.createdAt)!,
      finishedAt: date(r.finishedAt),
    }));
  });
}

export async function completeJob(id: number, workerId: string): Promise<void> {
  await withSystem((tx) =>
    tx
      .update(jobs)
      .set({ status: 'done', finishedAt: new Date(), lockedUntil: null, lastError: null })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'))),
  );
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A failed attempt retries later, or, out of attempts, becomes `dead` with its last error. */
export async function failJob(
  job: JobRow,
  workerId: string,
  error: string,
): Promise<'retry' | 'dead'> {
  const dead = job.attempts >= job.maxAttempts;
  await withSystem((tx) =>
    tx
      .update(jobs)
      .set({
        status: dead ? 'dead' : 'queued',
        runAt: dead ? job.runAt : new Date(Date.now() + retryDelayMs(job.attempts)),
        lastError: error.slice(0, 2000),
        lockedUntil: null,
        finishedAt: dead ? new Date() : null,
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'))),
  );
  return dead ? 'dead' : 'retry';
}

/** Drops finished jobs older than `days` so the queue stays small; dead jobs stay for people. */
export async function pruneFinishedJobs(days: number): Promise<number> {
  const rows = await withSystem((tx) =>
    tx
      .delete(jobs)
      .where(
        and(
          eq(jobs.status, 'done'),
          sql`${jobs.finishedAt} < now() - make_interval(days => ${days})`,
        ),
      )
      .returning({ id: jobs.id }),
  );
  return rows.length;
}

export async function jobCounts(): Promise<Record<string, number>> {
  const rows = await withSystem((tx) =>
    tx
      .select({ status: jobs.status, n: sql<number>`count(*)::int` })
      .from(jobs)
      .groupBy(jobs.status),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function deadJobs(limit = 50) {
  return withSystem((tx) =>
    tx
      .select({
        id: jobs.id,
        kind: jobs.kind,
        attempts: jobs.attempts,
        lastError: jobs.lastError,
        finishedAt: jobs.finishedAt,
      })
      .from(jobs)
      .where(eq(jobs.status, 'dead'))
      .orderBy(sql`${jobs.finishedAt} desc`)
      .limit(limit),
  );
}
