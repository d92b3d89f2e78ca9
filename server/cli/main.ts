import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDatabase, getDatabaseHandle } from '@/db/client';
import { seedDemo, DEMO_PASSWORD } from '@/server/cli/seed/demo';
import { verifyAuditChainAsSystem } from '@/server/services/audit/audit-queries';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { describeProblems } from '@/server/domain/evidence/verify';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { availableSections } from '@/server/services/evidence/populations';
import { importKindSchema, runImport } from '@/server/services/import/run';
import { MAX_IMPORT_BYTES } from '@/server/domain/import/csv';
import { addUserAsOperator, addUserCliSchema } from '@/server/services/tenancy/members';
import { createOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import {
  createOrganization,
  findOrganizationBySlug,
} from '@/server/services/tenancy/organizations';
import { getEnv } from '@/server/env';
import { ingestFormatSchema } from '@/server/domain/ingest/inputs';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { refreshSignalDailyCounts } from '@/server/services/overview/daily-counts-job';
import { detectSinceSchema } from '@/server/domain/detectors/inputs';
import { detectEvents, undetectedBatches } from '@/server/services/detectors/run';
import { personEmailArgSchema, signalKindArgSchema } from '@/server/domain/signals/inputs';
import { listSignalsAsOperator } from '@/server/services/signals/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { riskReportSchema } from '@/server/domain/risk/inputs';
import { riskReport, type RiskReport } from '@/server/services/risk/queries';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { runDueJobs, scheduleRecurringJobs } from '@/server/jobs/worker';
import { scheduleVendorReviews } from '@/server/services/vendor-reviews/commands';
import { deadJobs, jobCounts } from '@/server/services/jobs/queue';
import { UserFacingError } from '@/server/services/shared/errors';
import { slugSchema } from '@/server/domain/tenancy/settings';

/** Exit codes (spec/interfaces.md): 0 success, 1 handled error, 2 bad usage. */
class UsageError extends Error {}
class HandledError extends Error {}

const USAGE = `Usage: vigil <command> [options]

Commands:
  org create --slug S --name N [--json]            create an organization (idempotent on slug)
  user add --org S --email E --role R [--password P] [--name N] [--json]
                                                   add a member (without --password a new account gets an invitation link)
  import vendors|systems|people|grants|watchlist --org S FILE [--dry-run] [--json]
                                                   import a CSV; prints created, updated, unchanged, rejected
  seed [--org S] [--size small|large]              load the demo organization (large: 2,000 more people, a month of logs)
  audit verify --org S [--json]                    verify the organization's whole audit chain
  evidence export --org S --from D --to D [--scope a,b,...] --out FILE.zip [--json]
                                                   build an evidence package (scope: inventory, access, access_reviews, vendor_reviews, attestations, signals_cases, audit; default all)
  evidence verify FILE.zip [--json]                recompute every file hash and the audit-chain segment, offline; exit 1 on any mismatch
  ingest --org S --format okta|cloudtrail|gworkspace|ndjson|csv FILE... [--json]
                                                   ingest log files (.gz too, - for stdin)
  detect --org S [--since T] [--json]              run the detectors (new batches, or every event since T)
  signals --org S [--kind K] [--person EMAIL] [--json]
                                                   list signals
  risk --org S [--json] [--limit N]                recompute and print risk: people and vendors, both scores, band, top factors
  vendor-reviews schedule --org S [--json]         open periodic vendor reviews that fall due within 30 days
  jobs run [--json]                                schedule recurring jobs and run every due job once
  jobs status [--json]                             count jobs by status and list dead ones

Uses DATABASE_URL when set, else the embedded database in VIGIL_DATA_DIR (default .data).`;

type Out = { json: boolean };

function print(out: Out, human: string, data: unknown) {
  process.stdout.write(out.json ? `${JSON.stringify(data)}\n` : `${human}\n`);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

async function orgIdFor(slug: string): Promise<string> {
  const org = await findOrganizationBySlug(parse(slugSchema, slug));
  if (!org) throw new HandledError(`No organization with slug "${slug}".`);
  return org.id;
}

const cell = (v: string, n: number) => (v.length > n ? `${v.slice(0, n - 1)}…` : v.padEnd(n));

/** `vigil risk` without --json: two readable tables, the top factor of each row beside it. */
function riskTable(r: RiskReport): string {
  const top = (f: { factor: string; points: number }[]) =>
    f
      .slice(0, 2)
      .map((x) => `${x.factor} ${x.points}`)
      .join(', ');
  return [
    `${cell('PERSON', 32)} ${cell('VENDOR', 20)} ${'BRIB'.padStart(5)} ${'COMP'.padStart(5)} ${cell('BAND', 8)} TOP FACTORS`,
    ...r.people.map(
      (p) =>
        `${cell(`${p.name} <${p.email}>`, 32)} ${cell(p.vendor ?? '—', 20)} ${p.bribery.toFixed(1).padStart(5)} ${p.compromise.toFixed(1).padStart(5)} ${cell(p.band, 8)} ${top(p.factors)}`,
    ),
    '',
    `${cell('VENDOR', 32)} ${'RISK'.padStart(5)} ${cell('BAND', 8)} TOP FACTORS`,
    ...r.vendors.map(
      (v) =>
        `${cell(v.name, 32)} ${v.risk.toFixed(1).padStart(5)} ${cell(v.band, 8)} ${top(v.factors)}`,
    ),
  ].join('\n');
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      size: { type: 'string' },
      format: { type: 'string' },
      since: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      scope: { type: 'string' },
      out: { type: 'string' },
      kind: { type: 'string' },
      person: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const out: Out = { json: values.json ?? false };
  const command = positionals.slice(0, 2).join(' ');
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  getEnv(); // validate configuration before touching the database
  switch (
    ['seed', 'ingest', 'detect', 'signals', 'risk'].includes(positionals[0] ?? '')
      ? positionals[0]
      : command
  ) {
    case 'org create': {
      const input = parse(createOrganizationSchema, { slug: values.slug, name: values.name });
      await getDatabaseHandle();
      const { org, created } = await createOrganization(input);
      print(out, `${created ? 'Created' : 'Exists'}: ${org.name} (${org.slug})`, {
        id: org.id,
        slug: org.slug,
        name: org.name,
        created,
      });
      return;
    }
    case 'user add': {
      if (!values.org) throw new UsageError('--org is required');
      const input = parse(addUserCliSchema, {
        email: values.email,
        role: values.role,
        password: values.password,
        name: values.name,
      });
      await getDatabaseHandle();
      const result = await addUserAsOperator(await orgIdFor(values.org), input);
      if (result.kind === 'invited') {
        const base = getEnv().NEXTAUTH_URL ?? 'http://localhost:3000';
        const link = `${base.replace(/\/$/, '')}/invite/${result.token}`;
        print(
          out,
          `Invited ${input.email} as ${input.role}. Send them this single-use link (shown once):\n${link}`,
          {
            kind: 'invited',
            email: input.email,
            role: input.role,
            link,
            expiresAt: result.expiresAt,
          },
        );
      } else {
        print(
          out,
          `${result.kind === 'added' ? 'Added' : 'Updated'} ${input.email} as ${input.role}.`,
          { kind: result.kind, email: input.email, role: input.role, userId: result.userId },
        );
      }
      return;
    }
    case 'seed': {
      const size = parse(
        z
          .enum(['small', 'large'], { message: "--size must be 'small' or 'large'" })
          .default('small'),
        values.size,
      );
      const slug = parse(slugSchema.default('acme'), values.org);
      if (size === 'large' && slug !== 'acme')
        throw new UsageError('--size large builds on the acme demo: leave out --org');
      await getDatabaseHandle();
      if (size === 'large' && process.stderr.isTTY)
        process.stderr.write(
          'Seeding the large demo (a minute or two on the embedded database)…\n',
        );
      const result = await seedDemo(slug, size);
      const lines = result.created
        ? [
            `Seeded ${result.org.name} (${result.org.slug}). Sign in with any of these (password ${DEMO_PASSWORD}):`,
            ...result.users.map((u) => `  ${u.role.padEnd(10)} ${u.email}`),
          ]
        : [`${result.org.name} (${result.org.slug}) is already seeded; nothing changed.`];
      print(out, lines.join('\n'), result);
      return;
    }
    case 'import vendors':
    case 'import systems':
    case 'import people':
    case 'import grants':
    case 'import watchlist': {
      if (!values.org) throw new UsageError('--org is required');
      const kind = importKindSchema.parse(positionals[1]);
      const file = positionals[2];
      if (!file || positionals.length > 3) throw new UsageError('give exactly one CSV file');
      let text: string;
      try {
        const stat = fs.statSync(file);
        if (stat.size > MAX_IMPORT_BYTES)
          throw new HandledError(`${file} is larger than 10 MB; split it.`);
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if (error instanceof HandledError) throw error;
        throw new HandledError(
          `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
      await getDatabaseHandle();
      const orgId = await orgIdFor(values.org);
      const report = await runImport(
        {
          orgId,
          userId: null,
          audit: { type: 'system', id: null, label: 'vigil-cli' },
          requestId: null,
          ip: null,
        },
        kind,
        text,
        { dryRun: values['dry-run'] ?? false },
      );
      const summary = `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`;
      const lines = [summary, ...report.rejected.map((r) => `  line ${r.line}: ${r.reason}`)];
      print(out, lines.join('\n'), report);
      if (report.rejected.length)
        throw new HandledError(
          `${report.rejected.length} row(s) rejected; the other rows were ${report.dryRun ? 'checked' : 'imported'}.`,
        );
      return;
    }
    case 'ingest': {
      if (!values.org) throw new UsageError('--org is required');
      const format = parse(ingestFormatSchema, values.format);
      const files = positionals.slice(1);
      if (files.length === 0) throw new UsageError('give at least one file (or - for stdin)');
      for (const f of files)
        if (f !== '-' && !fs.existsSync(f)) throw new HandledError(`Cannot read ${f}: ENOENT`);
      await getDatabaseHandle();
      const orgId = await orgIdFor(values.org);
      const totals = { received: 0, inserted: 0, duplicates: 0, rejected: 0, unresolvedActors: 0 };
      const lines: string[] = [];
      const results = [];
      for (const f of files) {
        const summary = await ingestEvents(
          {
            orgId,
            userId: null,
            audit: { type: 'system', id: null, label: 'vigil-cli' },
            requestId: null,
            ip: null,
          },
          format,
          f === '-' ? process.stdin : fs.createReadStream(f),
          { channel: 'cli', fileName: f === '-' ? 'stdin' : f },
        );
        results.push({ file: f, ...summary });
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += summary[k];
        lines.push(
          `${f}: ${summary.received} received, ${summary.inserted} inserted, ${summary.duplicates} duplicates, ${summary.rejected} rejected, ${summary.unresolvedActors} unresolved actors`,
          ...summary.rejections.slice(0, 20).map((r) => `  line ${r.line}: ${r.reason}`),
        );
      }
      print(out, lines.join('\n'), { ...totals, files: results });
      if (totals.rejected > 0)
        throw new HandledError(`${totals.rejected} record(s) rejected; the rest were stored.`);
      return;
    }
    case 'detect': {
      if (!values.org) throw new UsageError('--org is required');
      const since = values.since ? parse(detectSinceSchema, values.since) : null;
      await getDatabaseHandle();
      const orgId = await orgIdFor(values.org);
      const actor = { type: 'system' as const, id: null, label: 'vigil-cli' };
      const runs = [];
      if (since) runs.push(await detectEvents(orgId, { since }, actor));
      else
        for (const batchId of await undetectedBatches(orgId))
          runs.push(await detectEvents(orgId, { batchId }, actor));
      await refreshSignalDailyCounts(orgId);
      const total = {
        events: 0,
        created: 0,
        updated: 0,
        byKind: {} as Record<string, { created: number; updated: number }>,
      };
      if (runs.length > 0) await requestRiskRecompute(orgId);
      for (const r of runs) {
        total.events += r.events;
        total.created += r.created;
        total.updated += r.updated;
        for (const [kind, c] of Object.entries(r.byKind)) {
          const t = (total.byKind[kind] ??= { created: 0, updated: 0 });
          t.created += c.created;
          t.updated += c.updated;
        }
      }
      print(
        out,
        [
          `${total.events} event(s) examined: ${total.created} signal(s) created, ${total.updated} updated`,
          ...Object.entries(total.byKind).map(
            ([k, c]) => `  ${k}: ${c.created} created, ${c.updated} updated`,
          ),
        ].join('\n'),
        total,
      );
      return;
    }
    case 'signals': {
      if (!values.org) throw new UsageError('--org is required');
      const kind = values.kind ? parse(signalKindArgSchema, values.kind) : undefined;
      const person = values.person ? parse(personEmailArgSchema, values.person) : undefined;
      await getDatabaseHandle();
      const rows = await listSignalsAsOperator(await orgIdFor(values.org), {
        kind,
        personEmail: person,
      });
      print(
        out,
        rows.length === 0
          ? 'No signals.'
          : rows
              .map(
                (r) =>
                  `${r.windowEnd.toISOString()}  ${r.severity.padEnd(8)} ${r.kind.padEnd(34)} ${r.person}  [${r.status}]\n    ${r.explanation}`,
              )
              .join('\n'),
        rows,
      );
      return;
    }
    case 'risk': {
      if (!values.org) throw new UsageError('--org is required');
      if (positionals.length > 1) throw new UsageError('risk takes no positional arguments');
      const { limit } = parse(riskReportSchema, { limit: values.limit });
      await getDatabaseHandle();
      const orgId = await orgIdFor(values.org);
      await recomputeOrgRisk(orgId);
      const report = await riskReport(orgId, { limit });
      print(out, riskTable(report), report);
      return;
    }
    case 'audit verify': {
      if (!values.org) throw new UsageError('--org is required');
      await getDatabaseHandle();
      const result = await verifyAuditChainAsSystem(await orgIdFor(values.org));
      if (result.ok) {
        print(
          out,
          `Audit chain intact: ${result.entries} entries, head ${result.headHash}`,
          result,
        );
        return;
      }
      if (out.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      throw new HandledError(
        `Audit chain broken at entry #${result.brokenAt.seq} (id ${result.brokenAt.id}): ${result.reason}`,
      );
    }
    case 'evidence export': {
      if (!values.org) throw new UsageError('--org is required');
      if (!values.out) throw new UsageError('--out FILE.zip is required');
      const request = parse(evidenceRequestSchema, {
        from: values.from,
        to: values.to,
        scope: values.scope ? values.scope.split(',').map((s) => s.trim()) : availableSections(),
      });
      await getDatabaseHandle();
      const tty = process.stderr.isTTY;
      const result = await exportEvidencePackageAsOperator(
        await orgIdFor(values.org),
        request,
        values.out,
        (note, step, steps) => {
          if (tty) process.stderr.write(`\r[${step}/${steps}] ${note}`.padEnd(70));
        },
      );
      if (tty) process.stderr.write('\n');
      print(
        out,
        `Wrote ${values.out}: ${result.manifest.files.length} files, ${result.rows} rows, ${result.bytes} bytes\nmanifest SHA-256 ${result.manifestSha256}`,
        {
          out: values.out,
          manifestSha256: result.manifestSha256,
          bytes: result.bytes,
          rows: result.rows,
          files: result.manifest.files.map((f) => ({
            path: f.path,
            sha256: f.sha256,
            rows: f.rows,
          })),
        },
      );
      return;
    }
    case 'evidence verify': {
      // Offline: reads only the file, never the database.
      const file = positionals[2];
      if (!file) throw new UsageError('evidence verify needs FILE.zip');
      if (!fs.existsSync(file)) throw new HandledError(`No such file: ${file}`);
      const result = await verifyEvidencePackage(file);
      const problems = describeProblems(result);
      if (out.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      if (result.ok) {
        if (!out.json)
          process.stdout.write(
            `Package intact: ${result.files.length} files match the manifest` +
              (result.audit ? `; audit segment of ${result.audit.entries} entries verifies` : '') +
              `\nmanifest SHA-256 ${result.manifestSha256}\n`,
          );
        return;
      }
      if (!out.json) for (const p of problems) process.stdout.write(`BROKEN ${p}\n`);
      throw new HandledError(`Package does not verify: ${problems.length} problem(s).`);
    }
    case 'vendor-reviews schedule': {
      if (!values.org) throw new UsageError('--org is required');
      await getDatabaseHandle();
      const result = await scheduleVendorReviews(await orgIdFor(values.org));
      print(
        out,
        result.opened === 0
          ? 'No vendor reviews fell due.'
          : `${result.opened} periodic review(s) opened: ${result.vendors.join(', ')}`,
        result,
      );
      return;
    }
    case 'jobs run': {
      await getDatabaseHandle();
      await scheduleRecurringJobs();
      const result = await runDueJobs({ workerId: `cli-${process.pid}` });
      print(
        out,
        `${result.claimed} job(s) run: ${result.done} done, ${result.retried} to retry, ${result.dead} dead`,
        result,
      );
      if (result.dead > 0)
        throw new HandledError('Some jobs ran out of attempts; see `vigil jobs status`.');
      return;
    }
    case 'jobs status': {
      await getDatabaseHandle();
      const counts = await jobCounts();
      const dead = await deadJobs();
      const lines = [
        Object.entries(counts)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ') || 'No jobs.',
        ...dead.map(
          (d) => `  dead #${d.id} ${d.kind} after ${d.attempts} attempt(s): ${d.lastError ?? ''}`,
        ),
      ];
      print(out, lines.join('\n'), { counts, dead });
      return;
    }
    default:
      throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
  }
}

async function main() {
  let code = 0;
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`vigil: ${(error as Error).message}\n\n${USAGE}\n`);
      code = 2;
    } else if (error instanceof HandledError || error instanceof UserFacingError) {
      process.stderr.write(`vigil: ${error.message}\n`);
      code = 1;
    } else {
      process.stderr.write(`vigil: ${(error as Error).message ?? String(error)}\n`);
      code = 1;
    }
  } finally {
    await closeDatabase().catch(() => undefined);
  }
  process.exit(code);
}

void main();
