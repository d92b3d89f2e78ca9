// The real product path over a generated tenant, in-process: create the org, import the CSVs
// through the import service, ingest the logs through the ingest service, detect per batch as
// `vigil detect` does, recompute risk at the tenant's fixed now and read the ranking as
// `vigil risk --json` does. Expects a database handle to be installed (main.ts or a test).
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { people, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { CLI_AUDIT, operatorIn } from '@/server/cli/args';
import type { ImportKind } from '@/server/domain/import/inputs';
import type { IngestFormat } from '@/server/domain/ingest/parse-events';
import { detectEvents, undetectedBatches } from '@/server/services/detectors/run';
import { runImport } from '@/server/services/import/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { riskReport } from '@/server/services/risk/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { createOrganization } from '@/server/services/tenancy/organizations';
import type { GeneratedEval } from './generate';

export interface RankedPerson {
  rank: number;
  email: string;
  bribery: number;
  compromise: number;
  score: number;
  band: string;
  /** Top ledger rows, `factor points`. */
  topFactors: string[];
  /** Signal kinds on the person with their count, e.g. `off_hours×3`. */
  signals: string[];
}

export interface EvalRun {
  ranking: RankedPerson[];
  timings: Record<string, number>;
  ingested: Record<
    string,
    { received: number; inserted: number; rejected: number; unresolved: number }
  >;
  signalCount: number;
  /** Kind → [signals, people with one]: how much each detector says across the whole tenant. */
  signalsByKind: Record<string, [number, number]>;
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

export async function runEvalPath(
  gen: GeneratedEval,
  opts: { dir: string; log?: (line: string) => void },
): Promise<EvalRun> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  fs.mkdirSync(opts.dir, { recursive: true });
  const file = (name: string, text: string) => {
    const p = path.join(opts.dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  let t0 = performance.now();
  const { org } = await createOrganization({
    slug: `eval-${gen.options.seed}`,
    name: `Eval tenant ${gen.options.seed}`,
  });
  const actor = operatorIn(org.id);
  const imports: [ImportKind, string][] = [
    ['vendors', gen.files.vendors],
    ['systems', gen.files.systems],
    ['people', gen.files.people],
    ['grants', gen.files.grants],
    ['watchlist', gen.files.watchlist],
    ['tickets', gen.files.tickets],
  ];
  for (const [kind, text] of imports) {
    file(`${kind}.csv`, text);
    const report = await runImport(actor, kind, text, { dryRun: false });
    if (report.rejected.length)
      throw new Error(
        `${kind}.csv: ${report.rejected.length} rejected, first: line ${report.rejected[0]!.line} ${report.rejected[0]!.reason}`,
      );
  }
  timings.imports = seconds(t0);
  log(`imports ${timings.imports}s`);

  t0 = performance.now();
  const ingested: EvalRun['ingested'] = {};
  const logs: [IngestFormat, string, string][] = [
    ['okta', 'okta.ndjson', gen.files.okta],
    ['cloudtrail', 'cloudtrail.json', gen.files.cloudtrail],
    ['ndjson', 'consoles.ndjson', gen.files.consoles],
    ['github', 'github.ndjson', gen.files.github],
  ];
  for (const [format, name, text] of logs) {
    const t1 = performance.now();
    const p = file(name, text);
    const s = await ingestEvents(actor, format, fs.createReadStream(p), {
      channel: 'cli',
      fileName: name,
    });
    ingested[name] = {
      received: s.received,
      inserted: s.inserted,
      rejected: s.rejected,
      unresolved: s.unresolvedActors,
    };
    if (s.rejected)
      throw new Error(`${name}: ${s.rejected} rejected, first: ${JSON.stringify(s.rejections[0])}`);
    log(`ingest ${name}: ${s.inserted} events in ${seconds(t1)}s`);
  }
  timings.ingest = seconds(t0);

  t0 = performance.now();
  for (const batchId of await undetectedBatches(org.id))
    await detectEvents(org.id, { batchId }, CLI_AUDIT);
  timings.detect = seconds(t0);
  log(`detect ${timings.detect}s`);

  t0 = performance.now();
  await recomputeOrgRisk(org.id, { now: gen.now });
  const report = await riskReport(org.id, { limit: 10_000 });
  const kinds = await withTenant({ orgId: org.id, userId: null }, (tx) =>
    tx
      .select({ email: people.email, kind: signals.kind, n: sql<number>`count(*)::int` })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(eq(signals.orgId, org.id))
      .groupBy(people.email, signals.kind),
  );
  timings.risk = seconds(t0);
  const byPerson = new Map<string, string[]>();
  let signalCount = 0;
  const signalsByKind: EvalRun['signalsByKind'] = {};
  for (const k of kinds) {
    signalCount += Number(k.n);
    const [n, who] = signalsByKind[k.kind] ?? [0, 0];
    signalsByKind[k.kind] = [n + Number(k.n), who + 1];
    byPerson.set(k.email, [...(byPerson.get(k.email) ?? []), `${k.kind}×${k.n}`]);
  }
  const ranking = report.people.map((p, i) => ({
    rank: i + 1,
    email: p.email,
    bribery: p.bribery,
    compromise: p.compromise,
    score: Math.max(p.bribery, p.compromise),
    band: p.band,
    topFactors: p.factors.slice(0, 3).map((f) => `${f.factor} ${f.points}`),
    signals: (byPerson.get(p.email) ?? []).sort(),
  }));
  return { ranking, timings, ingested, signalCount, signalsByKind };
}
