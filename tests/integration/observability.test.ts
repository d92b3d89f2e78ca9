import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as ready } from '@/app/api/ready/route';
import { POST as ingest } from '@/app/api/v1/ingest/[format]/route';
import { GET as scrape } from '@/app/metrics/route';
import { getDatabaseHandle, installDatabaseHandle, type DatabaseHandle } from '@/db/client';
import { serveMetrics } from '@/server/api/metrics-route';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { createApiKey } from '@/server/services/auth/api-keys';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { captureLogs } from '@/server/services/observability/logger';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Read by getEnv() on first use, so set before anything asks.
const TOKEN = 'metrics-token-for-tests-0123456789';
vi.stubEnv('VIGIL_METRICS_TOKEN', TOKEN);

let teardown: () => Promise<void>;
let org: TestOrg;
let key: string;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('observe');
  const admin = actorFor(org, 'admin');
  await createPerson(
    admin,
    personInputSchema.parse({
      email: 'ada@observe.test',
      fullName: 'Ada Okafor',
      type: 'employee',
    }),
  );
  await createSystem(admin, systemInputSchema.parse({ name: 'Support Console' }));
  ({ key } = await createApiKey(
    admin,
    createApiKeySchema.parse({ name: 'shipper', scopes: ['ingest'] }),
  ));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await teardown();
});

async function metricsText(): Promise<string> {
  const response = await scrape(
    new Request('http://vigil.test/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** One sample's value from the text format (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

function events(n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      event_id: `obs-${i}`,
      occurred_at: new Date(Date.UTC(2026, 8, 1 + (i % 28), i % 24)).toISOString(),
      actor: 'ada@observe.test',
      system: 'Support Console',
      action: 'customer.view',
      resource: `cust-${i}`,
    }),
  ).join('\n');
}

describe('/metrics', () => {
  it('is absent without a token configured and refuses a wrong one', async () => {
    const plain = new Request('http://vigil.test/metrics');
    expect((await serveMetrics(plain, undefined)).status).toBe(404);
    expect((await scrape(plain)).status).toBe(401);
    const wrong = new Request('http://vigil.test/metrics', {
      headers: { authorization: 'Bearer not-the-token-at-all-0000' },
    });
    expect((await scrape(wrong)).status).toBe(401);
  });

  it('moves the ingest, request, queue, job and detection series after an ingest', async () => {
    const before = await metricsText();
    const ingestRoute = { route: '/api/v1/ingest/[format]', method: 'POST', status: '202' };
    const { result: response, lines } = await captureLogs(() =>
      ingest(
        new Request('http://vigil.test/api/v1/ingest/ndjson', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'x-request-id': 'shipper-run-7' },
          body: events(30),
        }),
        { params: Promise.resolve({ format: 'ndjson' }) },
      ),
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toBe('shipper-run-7');
    // The request's line names the tenant and the route, and nothing of the key or the events.
    const line = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'http.request');
    expect(line).toMatchObject({ requestId: 'shipper-run-7', orgId: org.id, status: 202 });
    for (const secret of [key, 'ada@observe.test', 'Okafor'])
      expect(lines.join('')).not.toContain(secret);

    const afterIngest = await metricsText();
    const inserted = { channel: 'api', outcome: 'inserted' };
    expect(sample(afterIngest, 'vigil_ingest_events_total', inserted)).toBe(
      sample(before, 'vigil_ingest_events_total', inserted) + 30,
    );
    expect(sample(afterIngest, 'vigil_http_request_duration_seconds_count', ingestRoute)).toBe(
      sample(before, 'vigil_http_request_duration_seconds_count', ingestRoute) + 1,
    );
    expect(sample(afterIngest, 'vigil_ingest_run_duration_seconds_count', { channel: 'api' })).toBe(
      sample(before, 'vigil_ingest_run_duration_seconds_count', { channel: 'api' }) + 1,
    );
    expect(
      sample(afterIngest, 'vigil_ingest_last_run_events_per_second', { channel: 'api' }),
    ).toBeGreaterThan(0);
    // The detection job the ingest queued is due.
    expect(sample(afterIngest, 'vigil_jobs_queue_depth', { state: 'due' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(afterIngest, 'vigil_jobs_oldest_due_age_seconds')).toBeGreaterThanOrEqual(0);

    await runDueJobs({ workerId: 'observability-test' });
    const afterJobs = await metricsText();
    const detected = { kind: 'detect.batch', outcome: 'done' };
    expect(sample(afterJobs, 'vigil_job_runs_total', detected)).toBe(
      sample(before, 'vigil_job_runs_total', detected) + 1,
    );
    expect(sample(afterJobs, 'vigil_detection_duration_seconds_count', { scope: 'batch' })).toBe(
      sample(before, 'vigil_detection_duration_seconds_count', { scope: 'batch' }) + 1,
    );
    expect(sample(afterJobs, 'vigil_detection_events_total')).toBeGreaterThanOrEqual(
      sample(before, 'vigil_detection_events_total') + 30,
    );
    expect(sample(afterJobs, 'vigil_jobs_queue_depth', { state: 'due' })).toBe(0);
    // Process metrics come along (memory, event loop lag).
    expect(afterJobs).toContain('process_resident_memory_bytes');
  });
});

describe('/api/health and /api/ready', () => {
  it('answers liveness without the database and readiness with queue figures', async () => {
    const live = await health(new Request('http://vigil.test/api/health'));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const response = await ready(new Request('http://vigil.test/api/ready'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ready', database: 'ok', replica: null });
    expect(body.queue).toEqual({
      due: expect.any(Number),
      scheduled: expect.any(Number),
      running: expect.any(Number),
      oldestDueAgeSeconds: expect.any(Number),
    });
  });

  it('answers 503 while the database is unreachable, and liveness stays 200', async () => {
    const real: DatabaseHandle = await getDatabaseHandle();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    installDatabaseHandle({
      ...real,
      db: { transaction: () => Promise.reject(refused) },
    } as unknown as DatabaseHandle);
    try {
      const response = await ready(new Request('http://vigil.test/api/ready'));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await health(new Request('http://vigil.test/api/health'))).status).toBe(200);
    } finally {
      installDatabaseHandle(real);
    }
  });
});
