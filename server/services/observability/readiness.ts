import { sql } from 'drizzle-orm';
import postgres, { type Sql } from 'postgres';
import { withSystem } from '@/db/tenant';
import { errorFields } from '@/server/domain/observability/log-fields';
import {
  queueStatsOf,
  readinessOf,
  type QueueStats,
  type Readiness,
  type ReplicaCheck,
} from '@/server/domain/observability/readiness';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { log } from './logger';
import { metrics } from './metrics';

const CHECK_TIMEOUT_MS = 3000;

function within<T>(promise: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('check timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The job queue's depth by state and the oldest due job's wait, in one query. */
export async function readQueueStats(): Promise<QueueStats> {
  const rows = await withSystem(async (tx) =>
    rowsOf<{ state: string; n: number; oldest: number | null }>(
      await tx.execute(sql`
        select case when status = 'running' then 'running'
                    when run_at <= now() then 'due' else 'scheduled' end as state,
          count(*)::int as n,
          extract(epoch from now() - min(run_at))::float8 as oldest
        from jobs where status in ('queued', 'running')
        group by 1`),
    ),
  );
  return queueStatsOf(rows);
}

/** Sets the queue gauges from the database just before a scrape reads them. */
export async function refreshQueueGauges(): Promise<void> {
  const m = metrics();
  try {
    const stats = await within(readQueueStats());
    m.jobsQueueDepth.set({ state: 'due' }, stats.due);
    m.jobsQueueDepth.set({ state: 'scheduled' }, stats.scheduled);
    m.jobsQueueDepth.set({ state: 'running' }, stats.running);
    m.jobsOldestDueAge.set(stats.oldestDueAgeSeconds);
  } catch (error) {
    // A scrape still answers (process metrics, counters); the gauges keep their last values.
    log.warn({ event: 'metrics.queue_read_failed', ...errorFields(error) });
  }
}

// One small pool per process for the replica check (never used for application reads).
const holder = globalThis as { __vigilReplicaProbe?: { url: string; sql: Sql } };

function replicaClient(url: string): Sql {
  if (holder.__vigilReplicaProbe?.url !== url)
    holder.__vigilReplicaProbe = {
      url,
      sql: postgres(url, { max: 1, idle_timeout: 30, connect_timeout: 3, onnotice: () => {} }),
    };
  return holder.__vigilReplicaProbe.sql;
}

/**
 * The replica's replay lag: 0 when it has replayed all it received (an idle primary writes
 * nothing, so the last replay's age alone would grow without any lag), otherwise the age of the
 * last transaction replayed; null when the server is not in recovery (not a replica at all).
 */
async function checkReplica(url: string | undefined): Promise<ReplicaCheck> {
  if (!url) return null;
  try {
    const [row] = await within(
      replicaClient(url)<{ lag: number | null }[]>`
        select case
          when not pg_is_in_recovery() then null
          when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
          else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8
        end as lag`,
    );
    const lag = row?.lag ?? null;
    return { status: 'ok', lagSeconds: lag === null ? null : Math.round(Number(lag) * 10) / 10 };
  } catch (error) {
    log.warn({ event: 'ready.replica_down', ...errorFields(error) });
    return { status: 'down' };
  }
}

/** The checks behind `/api/ready`; the database's failure is logged by class only. */
export async function checkReadiness(replicaUrl: string | undefined): Promise<Readiness> {
  const started = performance.now();
  const database = await within(readQueueStats()).then(
    (queue) => ({ ok: true as const, latencyMs: performance.now() - started, queue }),
    (error: unknown) => {
      log.error({ event: 'ready.database_down', ...errorFields(error) });
      return { ok: false as const };
    },
  );
  return readinessOf({ database, replica: await checkReplica(replicaUrl) });
}
