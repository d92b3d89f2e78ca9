/**
 * `npm run bench`: measures the hot paths on the database in DATABASE_URL (a fresh database is
 * created and dropped on that server) or, when unset, on in-memory PGlite.
 *   - audit append: one change per transaction, as the app writes them
 *   - audit verify: recomputing the whole chain
 *   - session resolution: the per-request membership/role read every tRPC call makes
 *   - ingest of a generated NDJSON file, against a raw COPY of the same rows (bench/ingest.ts)
 *   - detection over everything that ingest stored
 *   - risk: whole-org score recompute for 10,000 people and 200 vendors (bench/risk.ts)
 *   - evidence: a year of a 10,000-person tenant exported as a package, and half of it (bench/evidence.ts)
 *   - pages: overview, signal queue, person and vendor pages of the production build under load, at
 *     10,000 people and 5M events (bench/pages.ts; PostgreSQL only, `npm run build` first)
 *   - security: the probe findings' figures, sign-in timing per path and a newline flood
 *     (bench/security.ts)
 * BENCH_SUITES (default `foundation,ingest`) picks what runs; BENCH_EVENTS defaults to 1,000,000
 * on PostgreSQL and 100,000 on PGlite (which is single-threaded WebAssembly: 1M takes too long).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { closeDatabase, installDatabaseHandle, openDatabase } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { createOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { appendAudit } from '@/server/services/audit/log';
import { resolveSession, startUserSession } from '@/server/services/auth/sessions';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { createOrganization } from '@/server/services/tenancy/organizations';
import { benchEvidence } from './evidence';
import { benchIngest } from './ingest';
import { benchPages } from './pages';
import { percentile } from './percentile';
import { benchRisk } from './risk';
import { benchNewlineFlood, benchSignInTiming } from './security';

const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 5000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2000);
const SUITES = new Set((process.env.BENCH_SUITES ?? 'foundation,ingest').split(','));
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const DAYS = Number(process.env.BENCH_DAYS ?? 60);

/** The foundation's hot paths: audit append and verify, session resolution. */
async function benchFoundation(orgId: string, userId: string): Promise<string[][]> {
  const scope = { orgId, userId };
  let t0 = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await withTenant(scope, (tx) =>
      appendAudit(tx, {
        orgId: orgId,
        actor: { type: 'user', id: userId, label: 'bench@bench.test' },
        action: 'bench.change',
        entityType: 'bench',
        entityId: String(i),
        before: { n: i - 1 },
        after: { n: i, note: 'x'.repeat(64) },
        requestId: `r${i}`,
        ip: '127.0.0.1',
      }),
    );
  }
  const appendSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const verified = await verifyAuditChainAsSystem(orgId);
  const verifySeconds = (performance.now() - t0) / 1000;
  if (!verified.ok) throw new Error('chain did not verify');

  const session = await startUserSession(userId);
  const latencies: number[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const s = performance.now();
    await resolveSession({ userId: userId, orgId: orgId, ...session });
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);

  return [
    [
      'audit append (1 change per transaction)',
      `${APPENDS} entries`,
      `${(APPENDS / appendSeconds).toFixed(0)} entries/s`,
    ],
    [
      'audit verify (whole chain)',
      `${verified.entries} entries`,
      `${(verified.entries / verifySeconds).toFixed(0)} entries/s`,
    ],
    [
      'session resolution per request',
      `${SESSIONS} calls`,
      `p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms`,
    ],
  ];
}

async function main() {
  const base = process.env.DATABASE_URL;
  let dropDatabase = async () => {};
  let benchUrl: string | undefined;
  if (base) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    benchUrl = url.toString();
    installDatabaseHandle(await openDatabase({ url: benchUrl }));
    dropDatabase = async () => {
      // BENCH_KEEP=1 leaves the database for bench/detect-again.ts (profiling detection alone).
      if (process.env.BENCH_KEEP) {
        console.log(`kept ${benchUrl}`);
        await admin.end();
        return;
      }
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    installDatabaseHandle(await openDatabase({ dataDir: 'memory' }));
  }
  const driver = base ? 'PostgreSQL' : 'PGlite (in-memory)';
  try {
    const { org } = await createOrganization(
      createOrganizationSchema.parse({ slug: 'bench', name: 'Bench Org' }),
    );
    const added = await addUserAsOperator(
      org.id,
      addUserCliSchema.parse({
        email: 'bench@bench.test',
        role: 'admin',
        password: 'bench password 123',
      }),
    );
    if (added.kind === 'invited') throw new Error('expected a user');
    const rows: string[][] = [];
    if (SUITES.has('foundation')) rows.push(...(await benchFoundation(org.id, added.userId)));
    if (SUITES.has('ingest')) {
      const events = Number(process.env.BENCH_EVENTS ?? (base ? 1_000_000 : 100_000));
      const ingestOrg = await createOrganization(
        createOrganizationSchema.parse({ slug: 'bench-ingest', name: 'Bench Ingest' }),
      );
      const r = await benchIngest(
        ingestOrg.org.id,
        {
          orgId: ingestOrg.org.id,
          userId: null,
          audit: { type: 'system', id: null, label: 'bench' },
          requestId: null,
          ip: null,
        },
        { events, people: PEOPLE, days: DAYS, url: benchUrl },
      );
      const ingestRate = r.events / r.ingestSeconds;
      const copyRate = r.events / r.copySeconds;
      rows.push(
        [
          'ingest, real path (ingestEvents over an NDJSON file stream)',
          `${r.events} events, ${PEOPLE} people, ${DAYS} days`,
          `${ingestRate.toFixed(0)} events/s (${r.ingestSeconds.toFixed(1)} s)`,
        ],
        [
          'raw COPY of the same rows into bench_events (same partitions and indexes)',
          `${r.events} rows`,
          `${copyRate.toFixed(0)} rows/s (${r.copySeconds.toFixed(1)} s)`,
        ],
        ['ingest / COPY ratio (target ≥ 0.6)', '', (ingestRate / copyRate).toFixed(2)],
        [
          'detection over everything ingested (detectEvents since the first day)',
          `${r.detectedEvents} events`,
          `${r.detectSeconds.toFixed(1)} s, ${r.signals} signals`,
        ],
      );
    }
    if (SUITES.has('security')) {
      const attempts = Number(process.env.BENCH_SIGNIN_ATTEMPTS ?? 40);
      const t = await benchSignInTiming('bench@bench.test', attempts);
      const f = await benchNewlineFlood({
        orgId: org.id,
        userId: null,
        audit: { type: 'system', id: null, label: 'bench' },
        requestId: null,
        ip: null,
      });
      rows.push(
        [
          'sign-in, wrong password of a member vs unknown email (F5, medians)',
          `${attempts} attempts each, alternating`,
          `${t.wrongMs.toFixed(1)} ms vs ${t.unknownMs.toFixed(1)} ms, ratio ${(t.wrongMs / t.unknownMs).toFixed(2)}`,
        ],
        [
          'ingest, gzip body: one event + 16 MiB of newlines (F1; probe: 9.8 s)',
          'read to the end (line budget raised)',
          `${f.flood16Seconds.toFixed(2)} s`,
        ],
        [
          'ingest, gzip body: one event + 2 GiB of newlines (F1, API limits)',
          'refused at the line budget',
          `${f.refuseSeconds.toFixed(2)} s; longest event-loop wait ${f.longestWaitMs.toFixed(1)} ms`,
        ],
      );
    }
    if (SUITES.has('risk')) {
      const riskOrg = await createOrganization(
        createOrganizationSchema.parse({ slug: 'bench-risk', name: 'Bench Risk' }),
      );
      const r = await benchRisk(riskOrg.org.id, {
        people: Number(process.env.BENCH_RISK_PEOPLE ?? 10_000),
        vendors: Number(process.env.BENCH_RISK_VENDORS ?? 200),
        events: Number(process.env.BENCH_RISK_EVENTS ?? 100_000),
        runs: 3,
      });
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const runs = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
      const size = `${r.people} people, ${r.vendors} vendors, ${r.grants} grants, ${r.signals} signals, ${r.events} events`;
      rows.push(
        [
          'risk recompute, cold: every ledger rewritten, as after a weight change (median of 3)',
          `${size}, ${r.factors} ledger rows`,
          `${median(r.cold).toFixed(2)} s (runs ${runs(r.cold)}; last: ${r.phases})`,
        ],
        [
          'risk recompute, warm: nothing changed since the last run (median of 3)',
          size,
          `${median(r.warm).toFixed(2)} s (runs ${runs(r.warm)})`,
        ],
      );
    }
    if (SUITES.has('pages')) {
      if (!benchUrl) throw new Error('the pages suite needs DATABASE_URL (PostgreSQL)');
      const pagesOrg = await createOrganization(
        createOrganizationSchema.parse({ slug: 'bench-pages', name: 'Bench Pages' }),
      );
      const people = Number(process.env.BENCH_PAGES_PEOPLE ?? 10_000);
      const events = Number(process.env.BENCH_PAGES_EVENTS ?? 5_000_000);
      const concurrency = (process.env.BENCH_PAGES_CONCURRENCY ?? '1,4').split(',').map(Number);
      const r = await benchPages(
        pagesOrg.org.id,
        benchUrl,
        async (email, password) => {
          await addUserAsOperator(
            pagesOrg.org.id,
            addUserCliSchema.parse({ email, role: 'compliance', password }),
          );
        },
        { people, vendors: 200, events, concurrency, seconds: 10 },
      );
      for (const p of r.pages)
        rows.push([
          `page: ${p.page} (${p.path.replace(/[0-9a-f-]{36}/, ':id')}), ${p.concurrency} client${p.concurrency === 1 ? '' : 's'}, 10 s`,
          `${people} people, ${events} events (tenant built in ${r.seedSeconds.toFixed(0)} s)`,
          `p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms; ${p.perSecond.toFixed(1)} pages/s`,
        ]);
    }
    if (SUITES.has('evidence')) {
      const people = Number(process.env.BENCH_EVIDENCE_PEOPLE ?? 10_000);
      const audit = Number(process.env.BENCH_EVIDENCE_AUDIT ?? 100_000);
      // Half the tenant first, then the full one: peak memory should not grow with size.
      for (const [slug, n, entries] of [
        ['bench-evidence-half', Math.floor(people / 2), Math.floor(audit / 2)],
        ['bench-evidence', people, audit],
      ] as const) {
        const o = await createOrganization(
          createOrganizationSchema.parse({ slug, name: `Bench ${slug}` }),
        );
        const r = await benchEvidence(o.org.id, added.userId, { people: n, auditEntries: entries });
        const size = Object.entries(r.rows)
          .map(([k, v]) => `${v} ${k.replaceAll('_', ' ')}`)
          .join(', ');
        rows.push(
          [
            'evidence export, a year, every section (vigil evidence export)',
            size,
            `${r.seconds.toFixed(1)} s, ${r.packageRows} rows, ${(r.bytes / 1024 ** 2).toFixed(1)} MB zip; peak above start: RSS +${r.peakRssMb} MB, heap +${r.peakHeapMb} MB`,
          ],
          [
            'evidence verify of that package (vigil evidence verify)',
            '',
            `${r.verifySeconds.toFixed(1)} s`,
          ],
        );
      }
    }
    console.log(
      `\nVigil benchmark on ${driver}, node ${process.version}, ${new Date().toISOString()}\n`,
    );
    console.log('| path | size | result |\n|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await closeDatabase();
    await dropDatabase();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
