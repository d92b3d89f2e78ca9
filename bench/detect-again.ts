/**
 * Re-runs detection over a database kept by `BENCH_KEEP=1 npm run bench` (the ingest suite),
 * for profiling detection alone: `DATABASE_URL=<kept url> npx tsx bench/detect-again.ts`
 * (add `node --cpu-prof` through NODE_OPTIONS to see where the time goes). Signals from the
 * previous run are deleted first, so every run does the same work.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { closeDatabase, installDatabaseHandle, openDatabase } from '@/db/client';
import { withSystem } from '@/db/tenant';
import { detectEvents } from '@/server/services/detectors/run';
import { rowsOf } from '@/server/services/shared/sql-helpers';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name a database kept by BENCH_KEEP=1');
  installDatabaseHandle(await openDatabase({ url }));
  try {
    const found = await withSystem(async (tx) =>
      rowsOf<{ id: string; first: string }>(
        await tx.execute(sql`
          select o.id, (select min(occurred_at) from access_events e where e.org_id = o.id) as first
          from organizations o where o.slug = 'bench-ingest'`),
      ),
    );
    const org = found[0];
    if (!org?.first) throw new Error('no bench-ingest organization with events here');
    await withSystem((tx) => tx.execute(sql`delete from signals where org_id = ${org.id}`), {
      orgId: org.id,
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await detectEvents(
      org.id,
      { since: new Date(org.first) },
      { type: 'system', id: null, label: 'bench' },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // A digest of every signal's content, so a change meant only to be faster can be shown to
    // find exactly the same signals.
    const [digest] = await withSystem(
      async (tx) =>
        rowsOf<{ md5: string }>(
          await tx.execute(sql`
            select md5(string_agg(concat_ws('|', dedupe_key, severity, explanation, stats::text,
              evidence_event_ids::text, window_start, window_end), E'\n' order by dedupe_key))
            from signals where org_id = ${org.id}`),
        ),
      { orgId: org.id },
    );
    console.log(
      `detection: ${run.events} events, ${run.created + run.updated} signals, ${seconds.toFixed(1)} s` +
        ` (this process's CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s), signals digest ${digest?.md5}`,
    );
  } finally {
    await closeDatabase();
  }
}

await main();
