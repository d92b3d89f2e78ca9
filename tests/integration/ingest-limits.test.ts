import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/server/env';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { ingestLimits } from '@/server/services/ingest/limits';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Small limits per path, read through server/env.ts as the app reads them (docs/SECURITY.md §F1).
vi.stubEnv('VIGIL_INGEST_MAX_LINES', '5000');
vi.stubEnv('VIGIL_INGEST_MAX_DECOMPRESSED_BYTES', String(256 * 1024));
vi.stubEnv('VIGIL_CLI_INGEST_MAX_LINES', '8000');
vi.stubEnv('VIGIL_CLI_INGEST_MAX_DECOMPRESSED_BYTES', String(512 * 1024));

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;

beforeAll(async () => {
  resetEnvForTests();
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('lim');
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  await teardown();
});

function events(n: number, prefix: string): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      event_id: `${prefix}-${i}`,
      occurred_at: new Date(Date.UTC(2026, 9, 1 + (i % 28), i % 24)).toISOString(),
      actor: 'ada@lim.test',
      system: 'Support Console',
      action: 'customer.view',
      resource: `cust-${i}`,
    }),
  ).join('\n');
}

async function stored(): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from access_events where org_id = ${org.id}`,
  );
  return row!.n;
}

async function lastBatch(): Promise<{ error: string | null; inserted: number }> {
  const [row] = await rawRows<{ error: string | null; inserted: number }>(
    sql`select error, inserted from ingest_batches where org_id = ${org.id} order by started_at desc limit 1`,
  );
  return row!;
}

describe('ingest limits on every path', () => {
  it('reads each path’s limits from the configuration', () => {
    expect(ingestLimits('api')).toEqual({ maxBytes: 256 * 1024, maxLines: 5000, maxSeconds: 300 });
    expect(ingestLimits('upload')).toEqual(ingestLimits('api'));
    expect(ingestLimits('cli')).toEqual({ maxBytes: 512 * 1024, maxLines: 8000, maxSeconds: 3600 });
  });

  it.each(['upload', 'api', 'cli'] as const)(
    '%s: a gzip body of newlines after a valid event is refused (413) and stores nothing',
    async (channel) => {
      const before = await stored();
      const bomb = gzipSync(`${events(1, `bomb-${channel}`)}\n${'\n'.repeat(200_000)}`);
      const run = ingestEvents(actor, 'ndjson', [bomb], { channel });
      await expect(run).rejects.toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(/more than [\d,]+ lines/),
      });
      expect(await stored()).toBe(before);
      expect(await lastBatch()).toMatchObject({
        inserted: 0,
        error: expect.stringMatching(/lines/),
      });
    },
  );

  it.each(['upload', 'cli'] as const)(
    '%s: a body over the decompressed-size cap is refused (413) and stores nothing',
    async (channel) => {
      const before = await stored();
      // Valid events, then a run of spaces that compresses to almost nothing.
      const body = gzipSync(`${events(50, `big-${channel}`)}\n${' '.repeat(1024 * 1024)}\n`);
      expect(body.length).toBeLessThan(20_000);
      const run = ingestEvents(actor, 'ndjson', [body], { channel });
      await expect(run).rejects.toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(/larger than \d+ KiB once decompressed/),
      });
      expect(await stored()).toBe(before);
    },
  );

  it('keeps the chunks committed before a limit was hit; sending the rest stores each event once', async () => {
    const before = await stored();
    const lines = events(1200, 'partial');
    const body = `${lines}\n${'\n'.repeat(10_000)}`;
    // Chunks of 500 events commit one by one; the 5,000-line budget stops the run in the blanks,
    // and the last 200 events, not yet a whole chunk, are not stored.
    await expect(
      ingestEvents(actor, 'ndjson', [body], { channel: 'api', chunkSize: 500 }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await stored()).toBe(before + 1000);
    const again = await ingestEvents(actor, 'ndjson', [lines], { channel: 'api' });
    expect(again).toMatchObject({ inserted: 200, duplicates: 1000 });
    expect(await stored()).toBe(before + 1200);
  });
});
