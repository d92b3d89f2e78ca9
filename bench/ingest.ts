/**
 * Ingest and detection benchmark (issue 4, docs/BENCHMARKS.md §Targets):
 *   1. the real ingest path (`ingestEvents` over a file stream of canonical NDJSON),
 *   2. a raw `COPY` of the very rows step 1 stored into `bench_events`, a table partitioned and
 *      indexed like access_events, in the same run: the baseline the ingest rate is a ratio of,
 *   3. detection (`detectEvents` with `since`) over everything step 1 stored.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { getDatabaseHandle, type RawClient } from '@/db/client';
import { withSystem } from '@/db/tenant';
import { detectEvents } from '@/server/services/detectors/run';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { BENCH_SYSTEMS, benchPeople, generateEventLog } from './generate-events';

/** The columns ingest writes; id and ingested_at take their defaults in both tables alike. */
const EVENT_COLUMNS =
  'org_id, occurred_at, source, source_event_id, batch_id, person_id, actor_key, actor, ' +
  'system_id, system_name, action, resource, record_count, ticket_id, ip, country, city, lat, ' +
  'lon, device_id, user_agent, session_id, outcome, is_proxy, raw';

export interface IngestBenchResult {
  events: number;
  ingestSeconds: number;
  inserted: number;
  copySeconds: number;
  detectSeconds: number;
  detectedEvents: number;
  signals: number;
}

async function seedPeopleAndSystems(orgId: string, count: number): Promise<void> {
  const people = benchPeople(count);
  await withSystem(
    async (tx) => {
      const col = (f: (p: (typeof people)[number]) => string) =>
        sql`${sql.param(people.map(f))}::text[]`;
      await tx.execute(sql`
        insert into people (org_id, email, full_name, type, department, title, country, timezone)
        select ${orgId}::uuid, t.email, t.name, 'employee', t.dept, t.title, t.country, t.tz
        from unnest(${col((p) => p.email)}, ${col((p) => p.fullName)}, ${col((p) => p.department)},
          ${col((p) => p.title)}, ${col((p) => p.country)}, ${col((p) => p.timezone)})
          as t(email, name, dept, title, country, tz)`);
      await tx.execute(sql`
        insert into person_identifiers (org_id, person_id, kind, value, raw)
        select org_id, id, 'email', lower(email), email from people where org_id = ${orgId}`);
      // One system stays unregistered, as real logs name systems nobody inventoried.
      for (const name of BENCH_SYSTEMS.slice(0, -1))
        await tx.execute(sql`insert into systems (org_id, name) values (${orgId}, ${name})`);
    },
    { orgId },
  );
}

/** The rows ingest stored, as COPY text, so the baseline loads exactly the same data. */
async function exportRows(
  raw: RawClient,
  url: string | undefined,
  orgId: string,
  file: string,
): Promise<void> {
  const query = `copy (select ${EVENT_COLUMNS} from access_events where org_id = '${orgId}') to stdout`;
  if (raw.driver === 'postgres') {
    // On its own connection, closed afterwards: with postgres 3.4, a pooled connection that served
    // a COPY-out stream under backpressure hangs on its next query.
    const { default: postgres } = await import('postgres');
    if (!url) throw new Error('exporting from PostgreSQL needs its URL');
    const own = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const out = fs.createWriteStream(file);
      for await (const chunk of await own.unsafe(query).readable())
        if (!out.write(chunk as Buffer)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
    } finally {
      await own.end({ timeout: 1 });
    }
  } else {
    const result = await raw.client.query(query.replace('stdout', "'/dev/blob'"));
    if (!result.blob) throw new Error('PGlite returned no COPY data');
    fs.writeFileSync(file, Buffer.from(await result.blob.arrayBuffer()));
  }
}

/**
 * `bench_events`: partitioned by month like access_events, with the same primary key, unique
 * key and indexes (LIKE … INCLUDING ALL on a partitioned parent copies them as partitioned
 * indexes), so COPY pays the same index and partition-routing costs as ingest does. Row-level
 * security is not copied: the baseline is the raw table write.
 */
async function createBaselineTable(raw: RawClient, months: string[]): Promise<void> {
  const statements = [
    'drop table if exists bench_events',
    'create table bench_events (like access_events including all) partition by range (occurred_at)',
    ...months.map(
      (m) =>
        `create table bench_events_${m.slice(0, 7).replace('-', '_')} partition of bench_events ` +
        `for values from ('${m}') to (('${m}'::date + interval '1 month')::date)`,
    ),
    'create table bench_events_default partition of bench_events default',
  ];
  for (const s of statements) {
    if (raw.driver === 'postgres') await raw.sql.unsafe(s);
    else await raw.client.exec(s);
  }
}

async function copyBaseline(raw: RawClient, file: string): Promise<number> {
  const query = `copy bench_events (${EVENT_COLUMNS}) from stdin`;
  const t0 = performance.now();
  if (raw.driver === 'postgres') {
    await pipeline(fs.createReadStream(file), await raw.sql.unsafe(query).writable());
  } else {
    await raw.client.query(query.replace('stdin', "'/dev/blob'"), [], {
      blob: new Blob([fs.readFileSync(file)]),
    });
  }
  return (performance.now() - t0) / 1000;
}

export async function benchIngest(
  orgId: string,
  actor: IngestActor,
  opts: { events: number; people: number; days: number; url?: string },
): Promise<IngestBenchResult> {
  const handle = await getDatabaseHandle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  try {
    await seedPeopleAndSystems(orgId, opts.people);
    const log = await generateEventLog(path.join(dir, 'events.ndjson'), {
      events: opts.events,
      people: opts.people,
      days: opts.days,
      end: new Date('2026-11-20T00:00:00Z'),
    });

    let t0 = performance.now();
    const summary = await ingestEvents(actor, 'ndjson', fs.createReadStream(log.path), {
      channel: 'cli',
      fileName: 'bench.ndjson',
    });
    const ingestSeconds = (performance.now() - t0) / 1000;
    if (summary.rejected > 0 || summary.inserted !== opts.events)
      throw new Error(`ingest stored ${summary.inserted} of ${opts.events} events`);

    const rowsFile = path.join(dir, 'rows.copy');
    await exportRows(handle.raw, opts.url, orgId, rowsFile);
    const months = rowsOf<{ m: string }>(
      await handle.db.execute(
        sql`select distinct to_char(date_trunc('month', occurred_at), 'YYYY-MM-DD') as m from access_events where org_id = ${orgId}`,
      ),
    ).map((r) => r.m);
    await createBaselineTable(handle.raw, months);
    const copySeconds = await copyBaseline(handle.raw, rowsFile);

    t0 = performance.now();
    const run = await detectEvents(orgId, { since: log.start }, actor.audit);
    const detectSeconds = (performance.now() - t0) / 1000;

    if (process.env.BENCH_EXPLAIN) await explainDetectionReads(handle.raw, orgId, summary.batchId);

    return {
      events: opts.events,
      ingestSeconds,
      inserted: summary.inserted,
      copySeconds,
      detectSeconds,
      detectedEvents: run.events,
      signals: run.created + run.updated,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_EXPLAIN=1: the plans of detection's reads over the benchmark's data (run as the owner,
 * so without the row-level-security filter the app adds; the plan shape is the same).
 */
async function explainDetectionReads(raw: RawClient, orgId: string, batchId: string) {
  const queries = [
    `select min(occurred_at), max(occurred_at) from access_events
     where org_id = '${orgId}' and batch_id = '${batchId}' and person_id is not null`,
    `select id, person_id, occurred_at, batch_id from access_events
     where org_id = '${orgId}' and person_id is not null
       and occurred_at >= now() - interval '400 days' and occurred_at < now()
     order by occurred_at`,
    `select person_id, max(occurred_at) from access_events
     where org_id = '${orgId}' and person_id is not null and occurred_at < '2026-09-01'
     group by person_id`,
  ];
  for (const q of queries) {
    const text = `explain (analyze, buffers, costs off) ${q}`;
    const rows =
      raw.driver === 'postgres'
        ? await raw.sql.unsafe<{ 'QUERY PLAN': string }[]>(text)
        : (await raw.client.query<{ 'QUERY PLAN': string }>(text)).rows;
    console.error(`\n${q.replace(/\s+/g, ' ')}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
}
