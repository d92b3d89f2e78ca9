/**
 * `/api/ready`'s answer from its checks (docs/OPERATIONS.md §Health). Only the primary database
 * decides readiness: without it no request can be served, so the instance answers 503 and a load
 * balancer takes it out. A lagging or stopped replica does not (reads fall back to the primary);
 * it is reported so an operator sees it.
 */
export interface QueueStats {
  /** Queued jobs whose run time has come. */
  due: number;
  /** Queued jobs waiting for a later run time. */
  scheduled: number;
  running: number;
  /** Seconds the oldest due job has waited; 0 when none is due. */
  oldestDueAgeSeconds: number;
}

export type ReplicaCheck = { status: 'ok'; lagSeconds: number | null } | { status: 'down' } | null;

export interface ReadinessChecks {
  database: { ok: true; latencyMs: number; queue: QueueStats } | { ok: false };
  replica: ReplicaCheck;
}

export interface Readiness {
  httpStatus: 200 | 503;
  body: {
    status: 'ready' | 'unavailable';
    database: 'ok' | 'down';
    databaseLatencyMs: number | null;
    queue: QueueStats | null;
    /** null when no replica is configured (`DATABASE_REPLICA_URL` unset). */
    replica: ReplicaCheck;
  };
}

export function readinessOf(checks: ReadinessChecks): Readiness {
  const db = checks.database;
  return {
    httpStatus: db.ok ? 200 : 503,
    body: {
      status: db.ok ? 'ready' : 'unavailable',
      database: db.ok ? 'ok' : 'down',
      databaseLatencyMs: db.ok ? Math.round(db.latencyMs) : null,
      queue: db.ok ? db.queue : null,
      replica: checks.replica,
    },
  };
}

/** The queue's rows grouped by state as one query returns them, as the stats above. */
export function queueStatsOf(
  rows: { state: string; n: number | string; oldest: number | string | null }[],
): QueueStats {
  const of = (state: string) => rows.find((r) => r.state === state);
  const count = (state: string) => Number(of(state)?.n ?? 0);
  const oldest = Number(of('due')?.oldest ?? 0);
  return {
    due: count('due'),
    scheduled: count('scheduled'),
    running: count('running'),
    oldestDueAgeSeconds: Number.isFinite(oldest) ? Math.max(0, Math.round(oldest * 10) / 10) : 0,
  };
}
