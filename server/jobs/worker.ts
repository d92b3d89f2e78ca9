import { randomUUID } from 'node:crypto';
import { errorFields } from '@/server/domain/observability/log-fields';
import {
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  onJobsEnqueued,
  type JobRow,
} from '@/server/services/jobs/queue';
import { log } from '@/server/services/observability/logger';
import { recordJobRun } from '@/server/services/observability/record';
import { JOB_HANDLERS, SCHEDULE, type JobHandler } from './handlers';

const LEASE_MS = 5 * 60_000;

export interface WorkerRun {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
}

/** Enqueues each recurring job once per period (dedupe key = kind + period number). */
export async function scheduleRecurringJobs(now = Date.now()): Promise<void> {
  for (const s of SCHEDULE) {
    const period = Math.floor(now / s.everyMs);
    await enqueueJob(
      s.kind,
      {},
      { dedupeKey: `${s.kind}@${period}`, runAt: new Date(period * s.everyMs) },
    );
  }
}

/** Claims and runs due jobs until none is left (or `maxJobs` ran). */
export async function runDueJobs(
  options: { workerId?: string; maxJobs?: number; handlers?: Record<string, JobHandler> } = {},
): Promise<WorkerRun> {
  const workerId = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const handlers = options.handlers ?? JOB_HANDLERS;
  const run: WorkerRun = { claimed: 0, done: 0, retried: 0, dead: 0 };
  const max = options.maxJobs ?? 1000;
  while (run.claimed < max) {
    const batch = await claimJobs(workerId, Math.min(10, max - run.claimed), LEASE_MS);
    if (batch.length === 0) break;
    run.claimed += batch.length;
    for (const job of batch) await runOne(job, workerId, handlers, run);
  }
  return run;
}

async function runOne(
  job: JobRow,
  workerId: string,
  handlers: Record<string, JobHandler>,
  run: WorkerRun,
): Promise<void> {
  const handler = handlers[job.kind];
  const started = performance.now();
  try {
    if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
    // A lease that ran out after the last attempt means the job keeps killing its worker.
    if (job.attempts > job.maxAttempts)
      throw new Error('Out of attempts (the worker stopped mid-job)');
    await handler(job.payload as Record<string, unknown>);
    await completeJob(job.id, workerId);
    run.done += 1;
    recordJobRun(job.kind, 'done', started);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const outcome = await failJob(job, workerId, message);
    recordJobRun(job.kind, outcome, started);
    // The message is kept on the job row (jobs.last_error); the line says which job and why in
    // class terms only, since a message may quote the data the job was working on.
    log.warn({
      event: 'job.failed',
      jobId: job.id,
      kind: job.kind,
      attempts: job.attempts,
      outcome,
      workerId,
      ...errorFields(e),
    });
    if (outcome === 'dead') run.dead += 1;
    else run.retried += 1;
  }
}

let timer: NodeJS.Timeout | null = null;
let stopListening: (() => void) | null = null;

/** The in-process worker the app runs (one per instance; SKIP LOCKED keeps instances apart). */
export function startBackgroundWorker(intervalMs = 15_000): void {
  if (timer) return;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await scheduleRecurringJobs();
      await runDueJobs();
    } catch (e) {
      log.error({ event: 'worker.tick_failed', ...errorFields(e) });
    } finally {
      busy = false;
    }
  };
  timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  stopListening = onJobsEnqueued(() => void tick());
  void tick();
}

export function stopBackgroundWorker(): void {
  if (timer) clearInterval(timer);
  timer = null;
  stopListening?.();
  stopListening = null;
}
