/**
 * A/B of the pages suite: two (or more) production builds of the app serve the same kept pages
 * tenant side by side, and the load alternates between them in short slices, so both see the
 * same machine (on a shared 2-core VM the noise from other work moves more than the change).
 *
 *   BENCH_KEEP=1 BENCH_SUITES=pages DATABASE_URL=postgres://… npm run bench   # prints `kept <url>`
 *   BENCH_AB_SIDES=../vigil-base,. DATABASE_URL=<kept url> npx tsx bench/pages-ab.ts
 *
 * A side is a folder with `npm run build` done (and node_modules), optionally followed by
 * `#NAME=value` environment settings for its server (e.g. `.#VIGIL_SHARED_READS=2`).
 * Each side's server runs on its own port from BENCH_PAGES_PORT (default 3290). For each page and
 * number of clients (BENCH_PAGES_CONCURRENCY, default `1,4`), after a warm-up of every side, the
 * clients load one side for BENCH_AB_SLICE seconds (default 1.5), then the next, for
 * BENCH_AB_SLICES rounds (default 8, the order reversed every other round); the table gives each
 * side's p50, p95 and pages/s over its slices, and the ratio to the first side. BENCH_AB_PAGES
 * (e.g. `overview,vendor`) limits the pages.
 * Before timing, the SQL statements of one request of each page are counted with
 * log_statement = all on that database (BENCH_AB_STATEMENTS=0 skips it; needs a superuser and
 * the server log in BENCH_PG_LOG, default /var/log/postgresql/postgresql-15-main.log).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { load, signIn, waitForServer } from './pages';
import { percentile } from './percentile';

const url = process.env.DATABASE_URL;
const sides = (process.env.BENCH_AB_SIDES ?? '').split(',').filter(Boolean);
const slices = Number(process.env.BENCH_AB_SLICES ?? 8);
const slice = Number(process.env.BENCH_AB_SLICE ?? 1.5);
const concurrency = (process.env.BENCH_PAGES_CONCURRENCY ?? '1,4').split(',').map(Number);
const pgLog = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const firstPort = Number(process.env.BENCH_PAGES_PORT ?? 3290);

interface Side {
  label: string;
  dir: string;
  env: Record<string, string>;
  base: string;
  server?: ChildProcess;
  cookie?: string;
}

function parseSide(spec: string, i: number): Side {
  const [dir, ...settings] = spec.split('#');
  const env = Object.fromEntries(settings.map((kv) => kv.split('=') as [string, string]));
  const label = [path.basename(dir!), ...settings].join(' ');
  return { label, dir: dir!, env, base: `http://127.0.0.1:${firstPort + i}` };
}

async function start(side: Side): Promise<void> {
  const port = new URL(side.base).port;
  side.server = spawn('npx', ['next', 'start', '-p', port], {
    cwd: side.dir,
    env: {
      ...process.env,
      ...side.env,
      DATABASE_URL: url,
      NEXTAUTH_URL: side.base,
      NEXTAUTH_SECRET: 'bench-only-secret-0123456789abcdefghijklmnop',
      NEXT_TELEMETRY_DISABLED: '1',
      VIGIL_WORKER: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  await waitForServer(side.base, side.server);
  side.cookie = await signIn(side.base, 'pages@bench.test');
}

async function stop(side: Side): Promise<void> {
  const server = side.server;
  if (!server?.pid || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  process.kill(-server.pid, 'SIGTERM');
  await exited;
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
  if (!url || sides.length === 0)
    throw new Error('set DATABASE_URL (a kept bench db) and BENCH_AB_SIDES');
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [sample] = await sql<{ person: string; vendor: string }[]>`
    select (select id from people where org_id = o.id and vendor_id is not null order by email limit 1) as person,
      (select id from vendors where org_id = o.id order by name limit 1) as vendor
    from organizations o where o.slug = 'bench-pages'`;
  if (!sample) throw new Error('no bench-pages tenant in that database (BENCH_KEEP=1 first)');
  const db = new URL(url).pathname.slice(1);
  const pages = [
    { page: 'overview', path: '/', expect: 'data-testid="top-people"' },
    { page: 'signal queue', path: '/signals', expect: 'data-testid="signals"' },
    { page: 'person', path: `/people/${sample.person}`, expect: '<h1' },
    { page: 'vendor', path: `/vendors/${sample.vendor}`, expect: 'Vendor 1' },
  ];
  const only = process.env.BENCH_AB_PAGES?.split(',');
  if (only) pages.splice(0, pages.length, ...pages.filter((p) => only.includes(p.page)));
  const all = sides.map(parseSide);

  try {
    if (process.env.BENCH_AB_STATEMENTS !== '0') {
      await sql.unsafe(`alter database ${db} set log_statement = 'all'`);
      try {
        for (const side of all) {
          await start(side);
          for (const p of pages) {
            await load(side.base, side.cookie!, p.path, p.expect, { concurrency: 1, seconds: 1 });
            const n = await statementsDuring(db, async () => {
              for (let i = 0; i < 3; i++) {
                const res = await fetch(`${side.base}${p.path}`, {
                  headers: { cookie: side.cookie! },
                  redirect: 'manual',
                });
                if (res.status !== 200 || !(await res.text()).includes(p.expect))
                  throw new Error(`${p.path}: HTTP ${res.status}, expected text missing`);
              }
            });
            console.log(`statements: ${side.label}, ${p.page}: ${(n / 3).toFixed(1)} per request`);
          }
          // Its connections were opened with statement logging on.
          await stop(side);
        }
      } finally {
        await sql.unsafe(`alter database ${db} reset log_statement`);
      }
    }

    for (const side of all) await start(side);
    const rows: string[] = [];
    for (const c of concurrency)
      for (const p of pages) {
        for (const side of all)
          await load(side.base, side.cookie!, p.path, p.expect, { concurrency: c, seconds: 2 });
        const latencies = new Map<Side, number[]>(all.map((s) => [s, []]));
        for (let round = 0; round < slices; round++)
          for (const side of round % 2 ? [...all].reverse() : all) {
            const l = await load(side.base, side.cookie!, p.path, p.expect, {
              concurrency: c,
              seconds: slice,
            });
            latencies.get(side)!.push(...l);
          }
        const first = latencies.get(all[0]!)!.sort((a, b) => a - b);
        const cells = all.map((side) => {
          const l = latencies.get(side)!.sort((a, b) => a - b);
          const p50 = percentile(l, 50);
          const p95 = percentile(l, 95);
          const rate = l.length / (slices * slice);
          const ratio = `×${(p50 / percentile(first, 50)).toFixed(2)} / ×${(p95 / percentile(first, 95)).toFixed(2)}`;
          return `${p50.toFixed(0)} / ${p95.toFixed(0)} ms, ${rate.toFixed(1)}/s (${ratio})`;
        });
        const row = `| ${p.page} | ${c} | ${cells.join(' | ')} |`;
        console.log(row);
        rows.push(row);
      }
    console.log(
      `\n| page | clients | ${all.map((s) => `${s.label}: p50 / p95, pages/s (p50, p95 vs first)`).join(' | ')} |`,
    );
    console.log(`|---|---|${all.map(() => '---').join('|')}|`);
    for (const row of rows) console.log(row);
  } finally {
    for (const side of all) await stop(side);
    await sql.end();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
