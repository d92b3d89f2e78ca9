import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric Vigil exposes (docs/OPERATIONS.md §Metrics), in one registry per
 * process. The registry lives on `globalThis`: Next.js loads server modules once per bundle and a
 * dev server reloads them on every edit, and a second registry would start the counters again
 * (or, sharing the default one, throw on the duplicate names).
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LONG_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'Route handler latency by route template, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    trpcDuration: new Histogram({
      name: 'vigil_trpc_procedure_duration_seconds',
      help: 'tRPC procedure latency (HTTP calls and server-component renders alike).',
      labelNames: ['procedure', 'type', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    jobsQueueDepth: new Gauge({
      name: 'vigil_jobs_queue_depth',
      help: 'Jobs by state, read from the queue at scrape time (due = queued and run_at passed).',
      labelNames: ['state'] as const,
      registers,
    }),
    jobsOldestDueAge: new Gauge({
      name: 'vigil_jobs_oldest_due_age_seconds',
      help: 'How long the oldest due job has waited (0 when none is due), at scrape time.',
      registers,
    }),
    jobRuns: new Counter({
      name: 'vigil_job_runs_total',
      help: 'Job attempts this process ran, by kind and outcome (done, retry, dead).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'vigil_job_duration_seconds',
      help: 'Job attempt duration by kind.',
      labelNames: ['kind'] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    ingestEvents: new Counter({
      name: 'vigil_ingest_events_total',
      help: 'Events ingested by channel and outcome (inserted, duplicate, rejected).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    ingestDuration: new Histogram({
      name: 'vigil_ingest_run_duration_seconds',
      help: 'Duration of one ingest run (one file or request body) by channel.',
      labelNames: ['channel'] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    ingestRate: new Gauge({
      name: 'vigil_ingest_last_run_events_per_second',
      help: "The last ingest run's events received per second, by channel.",
      labelNames: ['channel'] as const,
      registers,
    }),
    detectionDuration: new Histogram({
      name: 'vigil_detection_duration_seconds',
      help: 'Duration of one detection run (a batch, or everything since a time).',
      labelNames: ['scope'] as const,
      buckets: LONG_SECONDS,
      registers,
    }),
    detectionEvents: new Counter({
      name: 'vigil_detection_events_total',
      help: 'Events detection runs have examined.',
      registers,
    }),
    connectorFailures: new Counter({
      name: 'vigil_connector_run_failures_total',
      help: 'Connector runs that ended in failure (a SIEM destination, a chat connection, an outbound consumer).',
      labelNames: ['connector'] as const,
      registers,
    }),
    deliveryFailures: new Counter({
      name: 'vigil_delivery_failures_total',
      help: 'Deliveries that failed (webhook attempts, SIEM batches, chat messages), by channel and outcome (retry, dead).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof build>;

const holder = globalThis as { __vigilMetrics?: Metrics };

/** The process's metrics, made on first use. */
export function metrics(): Metrics {
  return (holder.__vigilMetrics ??= build());
}

/** Seconds since a `performance.now()` reading. */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}
