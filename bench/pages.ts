import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { withSystem } from '@/db/tenant';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { percentile } from './percentile';
import { seedRiskTenant } from './risk';

export interface PageLatency {
  page: string;
  path: string;
  concurrency: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

export const PASSWORD = 'bench pages password 123';

/** Cookies a response sets, as name=value pairs for the next request's Cookie header. */
function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in through next-auth's credentials endpoint, as the browser's form does. */
export async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(jar),
      origin: base,
    },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: 'true' }),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token')))
    throw new Error(`sign-in failed (HTTP ${res.status})`);
  return cookieHeader(jar);
}

export async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/sign-in`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not answer within 2 minutes');
}

/**
 * `concurrency` clients request `path` back to back for `seconds`; every answer must be a 200
 * holding `expect` (a page that redirected to sign-in or failed would otherwise look fast).
 */
export async function load(
  base: string,
  cookie: string,
  path: string,
  expectText: string,
  opts: { concurrency: number; seconds: number },
): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + opts.seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 200 || !body.includes(expectText))
        throw new Error(`${path}: HTTP ${res.status}, expected text missing`);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  return latencies.sort((a, b) => a - b);
}

/**
 * `BENCH_SUITES=pages`: the risk suite's 10,000-person tenant with `events` access events (5M by
 * default), scores and dashboard aggregates computed, then the production build (`npm run build`
 * first) serves the overview, the signal queue, a person and a vendor page to a signed-in
 * compliance officer while each number of clients in `concurrency` loads each page for `seconds` over loopback
 * (docs/BENCHMARKS.md §Targets: ≤ 300 ms p95 at 10,000 people and 5M events).
 */
export async function benchPages(
  orgId: string,
  databaseUrl: string,
  addUser: (email: string, password: string) => Promise<void>,
  opts: {
    people: number;
    vendors: number;
    events: number;
    concurrency: number[];
    seconds: number;
  },
): Promise<{ seedSeconds: number; pages: PageLatency[] }> {
  if (!fs.existsSync('.next/BUILD_ID'))
    throw new Error('the pages suite serves the production build: run `npm run build` first');
  const t0 = performance.now();
  await seedRiskTenant(orgId, opts);
  await recomputeOrgRisk(orgId);
  await refreshSignalDailyCounts(orgId);
  const seedSeconds = (performance.now() - t0) / 1000;
  const email = 'pages@bench.test';
  await addUser(email, PASSWORD);
  const [sample] = await withSystem(async (tx) => {
    const r = await tx.execute(sql`
      select (select id from people where org_id = ${orgId}::uuid and vendor_id is not null order by email limit 1) as person,
        (select id from vendors where org_id = ${orgId}::uuid order by name limit 1) as vendor`);
    return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as {
      person: string;
      vendor: string;
    }[];
  });

  const port = Number(process.env.BENCH_PAGES_PORT ?? 3290);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['next', 'start', '-p', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
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
    const cookie = await signIn(base, email);
    const pages = [
      { page: 'overview', path: '/', expect: 'data-testid="top-people"' },
      { page: 'signal queue', path: '/signals', expect: 'data-testid="signals"' },
      { page: 'person', path: `/people/${sample!.person}`, expect: '<h1' },
      { page: 'vendor', path: `/vendors/${sample!.vendor}`, expect: 'Vendor 1' },
    ];
    const out: PageLatency[] = [];
    for (const concurrency of opts.concurrency)
      for (const p of pages) {
        // Warm-up: fills the server's caches and connection pool before anything is timed.
        await load(base, cookie, p.path, p.expect, { concurrency, seconds: 2 });
        const l = await load(base, cookie, p.path, p.expect, {
          concurrency,
          seconds: opts.seconds,
        });
        out.push({
          page: p.page,
          path: p.path,
          concurrency,
          requests: l.length,
          p50: percentile(l, 50),
          p95: percentile(l, 95),
          p99: percentile(l, 99),
          perSecond: l.length / opts.seconds,
        });
      }
    return { seedSeconds, pages: out };
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}
