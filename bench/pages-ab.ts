/**
 * A/B of the pages suite: two (or more) production builds of the app serve the same kept pages
 * tenant in turns, so both are measured in one session on one machine.
 *
 *   BENCH_KEEP=1 BENCH_SUITES=pages DATABASE_URL=postgres://… npm run bench   # prints `kept <url>`
 *   BENCH_AB_DIRS=/work/base,/work/branch DATABASE_URL=<kept url> npx tsx bench/pages-ab.ts
 *
 * Each folder needs `npm run build` (and node_modules). Per round, each build in turn is started,
 * warmed up and loaded exactly as bench/pages.ts does (BENCH_PAGES_CONCURRENCY, default `1,4`;
 * BENCH_AB_SECONDS per page, default 10), for BENCH_AB_ROUNDS rounds (default 3); the table gives
 * the median of the rounds' p50, p95 and pages/s. Before timing, each build is also started once
 * with log_statement = all on that database to count the SQL statements of one request of each
 * page (BENCH_AB_STATEMENTS=0 skips it; needs a superuser and the server log in BENCH_PG_LOG,
 * default /var/log/postgresql/postgresql-15-main.log).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { load, signIn, waitForServer } from './pages';
import { percentile } from './percentile';

const url = process.env.DATABASE_URL;
const dirs = (process.env.BENCH_AB_DIRS ?? '').split(',').filter(Boolean);
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_AB_SECONDS ?? 10);
const concurrency = (process.env.BENCH_PAGES_CONCURRENCY ?? '1,4').split(',').map(Number);
const pgLog = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const port = Number(process.env.BENCH_PAGES_PORT ?? 3290);
const base = `http://127.0.0.1:${port}`;

interface Page {
  page: string;
  path: string;
  expect: string;
}

async function withServer<T>(dir: string, fn: (cookie: string) => Promise<T>): Promise<T> {
  const server = spawn('npx', ['next', 'start', '-p', String(port)], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: 'bench-only-secret-0123456789abcdefghijklmnop',
      NEXT_TELEMETRY_DISABLED: '1',
      VIGIL_WORKER: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitForServer(base, server);
    return await fn(await signIn(base, 'pages@bench.test'));
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** Statement lines this database logged while `fn` ran. */
async function statementsDuring(db: string, fn: () => Promise<void>): Promise<number> {
  const from = fs.statSync(pgLog).size;
  await fn();
  await new Promise((r) => setTimeout(r, 500));
  const to = fs.statSync(pgLog).size;
  const buf = Buffer.alloc(to - from);
  const fd = fs.openSync(pgLog, 'r');
  fs.readSync(fd, buf, 0, buf.length, from);
  fs.closeSync(fd);
  const marker = `@${db} LOG:  `;
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes(marker) && /LOG: {2}(statement|execute)/.test(l)).length;
}

async function main() {
  if (!url || dirs.length === 0)
    throw new Error('set DATABASE_URL (a kept bench db) and BENCH_AB_DIRS');
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [sample] = await sql<{ person: string; vendor: string }[]>`
    select (select id from people where org_id = o.id and vendor_id is not null order by email limit 1) as person,
      (select id from vendors where org_id = o.id order by name limit 1) as vendor
    from organizations o where o.slug = 'bench-pages'`;
  if (!sample) throw new Error('no bench-pages tenant in that database (BENCH_KEEP=1 first)');
  const db = new URL(url).pathname.slice(1);
  const pages: Page[] = [
    { page: 'overview', path: '/', expect: 'data-testid="top-people"' },
    { page: 'signal queue', path: '/signals', expect: 'data-testid="signals"' },
    { page: 'person', path: `/people/${sample.person}`, expect: '<h1' },
    { page: 'vendor', path: `/vendors/${sample.vendor}`, expect: 'Vendor 1' },
  ];
  const label = (dir: string) => path.basename(dir);

  if (process.env.BENCH_AB_STATEMENTS !== '0') {
    for (const dir of dirs) {
      await sql.unsafe(`alter database ${db} set log_statement = 'all'`);
      try {
        await withServer(dir, async (cookie) => {
          for (const p of pages) {
            await load(base, cookie, p.path, p.expect, { concurrency: 1, seconds: 1 });
            const n = await statementsDuring(db, async () => {
              for (let i = 0; i < 3; i++) {
                const res = await fetch(`${base}${p.path}`, {
                  headers: { cookie },
                  redirect: 'manual',
                });
                if (res.status !== 200 || !(await res.text()).includes(p.expect))
                  throw new Error(`${p.path}: HTTP ${res.status}, expected text missing`);
              }
            });
            console.log(`statements: ${label(dir)} ${p.page}: ${(n / 3).toFixed(1)} per request`);
          }
        });
      } finally {
        await sql.unsafe(`alter database ${db} reset log_statement`);
      }
    }
  }

  const results = new Map<string, { p50: number[]; p95: number[]; perSecond: number[] }>();
  for (let round = 1; round <= rounds; round++)
    for (const dir of round % 2 ? dirs : [...dirs].reverse())
      await withServer(dir, async (cookie) => {
        for (const c of concurrency)
          for (const p of pages) {
            await load(base, cookie, p.path, p.expect, { concurrency: c, seconds: 2 });
            const l = await load(base, cookie, p.path, p.expect, { concurrency: c, seconds });
            const key = `${p.page}|${c}|${label(dir)}`;
            const r = results.get(key) ?? { p50: [], p95: [], perSecond: [] };
            r.p50.push(percentile(l, 50));
            r.p95.push(percentile(l, 95));
            r.perSecond.push(l.length / seconds);
            results.set(key, r);
            console.log(
              `round ${round} ${label(dir)} ${p.page} ×${c}: p50 ${percentile(l, 50).toFixed(0)} ms, p95 ${percentile(l, 95).toFixed(0)} ms, ${(l.length / seconds).toFixed(1)}/s`,
            );
          }
      });
  await sql.end();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\n| page | clients | ${dirs.map((d) => `${label(d)} p50 / p95 / pages/s`).join(' | ')} |`,
  );
  console.log(`|---|---|${dirs.map(() => '---').join('|')}|`);
  for (const c of concurrency)
    for (const p of pages) {
      const cells = dirs.map((d) => {
        const r = results.get(`${p.page}|${c}|${label(d)}`)!;
        return `${median(r.p50).toFixed(0)} / ${median(r.p95).toFixed(0)} ms / ${median(r.perSecond).toFixed(1)}`;
      });
      console.log(`| ${p.page} | ${c} | ${cells.join(' | ')} |`);
    }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
