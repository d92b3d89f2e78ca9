import { parseArgs } from 'node:util';
import { closeDatabase } from '@/db/client';
import { getEnv } from '@/server/env';
import { flushOutboundDispatch } from '@/server/services/outbound/dispatch';
import { UserFacingError } from '@/server/services/shared/errors';
import { FLAGS, HandledError, UsageError, type CliCommand, type Out } from './args';
import { auditVerify } from './commands/audit';
import { dbCreateLogin } from './commands/db';
import { detect } from './commands/detect';
import { evidenceExport, evidenceVerify } from './commands/evidence';
import { importCsv } from './commands/import';
import { ingest } from './commands/ingest';
import { jobsRun, jobsStatus } from './commands/jobs';
import { orgCreate } from './commands/org';
import { personErase, retentionRun } from './commands/privacy';
import { risk } from './commands/risk';
import { seed } from './commands/seed';
import { signals } from './commands/signals';
import { userAdd } from './commands/user';
import { vendorReviewsSchedule } from './commands/vendor-reviews';
import { webhooksAdd, webhooksDeliveries, webhooksList } from './commands/webhooks';

const USAGE = `Usage: vigil <command> [options]

Commands:
  org create --slug S --name N [--json]            create an organization (idempotent on slug)
  user add --org S --email E --role R [--password P] [--name N] [--json]
                                                   add a member (without --password a new account gets an invitation link)
  import vendors|systems|people|grants|watchlist|tickets --org S FILE|--file F [--dry-run] [--json]
                                                   import a CSV (tickets: also NDJSON); prints created, updated, unchanged, rejected
  seed [--org S] [--size small|large]              load the demo organization (large: 2,000 more people, a month of logs)
  audit verify --org S [--anchor FILE] [--json]    verify the organization's whole audit chain (with --anchor: that no anchored head is missing)
  db create-login [--role R] [--password P] [--json]
                                                   create the least-privilege login the app connects as (default vigil_login; prints its DATABASE_URL)
  evidence export --org S --from D --to D [--scope a,b,...] --out FILE.zip [--json]
                                                   build an evidence package (scope: inventory, access, access_reviews, vendor_reviews, attestations, signals_cases, audit; default all)
  evidence verify FILE.zip [--json]                recompute every file hash and the audit-chain segment, offline; exit 1 on any mismatch
  ingest --org S --format okta|cloudtrail|gworkspace|github|ndjson|csv FILE... [--json]
                                                   ingest log files (.gz too, - for stdin)
  detect --org S [--since T] [--json]              run the detectors (new batches, or every event since T)
  signals --org S [--kind K] [--person EMAIL] [--json]
                                                   list signals
  risk --org S [--json] [--limit N]                recompute and print risk: people and vendors, both scores, band, top factors
  retention run [--org S] [--dry-run] [--json]     apply retention limits now (the daily job does this); --dry-run only counts
  person erase --org S --email E --reason R [--json]
                                                   erase a person's personal data (refused under an open case or legal hold)
  vendor-reviews schedule --org S [--json]         open periodic vendor reviews that fall due within 30 days
  jobs run [--json]                                schedule recurring jobs and run every due job once
  jobs status [--json]                             count jobs by status and list dead ones
  webhooks add --org S --url U [--events a,b] [--name DESCRIPTION] [--secret-env VAR] [--json]
                                                   add a webhook endpoint; prints its signing secret once (not with --secret-env)
  webhooks list --org S [--json]                   list webhook endpoints (secret hint only)
  webhooks deliveries --org S [--status S] [--limit N] [--json]
                                                   the webhook delivery log, newest first (--status dead: the dead letter)

Uses DATABASE_URL when set (migrating with DATABASE_MIGRATION_URL when that is set too), else the
embedded database in VIGIL_DATA_DIR (default .data).`;

/** Commands named by one word; the others by two (`org create`). */
const ONE_WORD = new Set(['seed', 'ingest', 'detect', 'signals', 'risk']);

const COMMANDS = new Map<string, CliCommand>([
  ['org create', orgCreate],
  ['user add', userAdd],
  ['seed', seed],
  ['import vendors', importCsv],
  ['import systems', importCsv],
  ['import people', importCsv],
  ['import grants', importCsv],
  ['import watchlist', importCsv],
  ['import tickets', importCsv],
  ['ingest', ingest],
  ['detect', detect],
  ['signals', signals],
  ['risk', risk],
  ['audit verify', auditVerify],
  ['retention run', retentionRun],
  ['person erase', personErase],
  ['db create-login', dbCreateLogin],
  ['evidence export', evidenceExport],
  ['evidence verify', evidenceVerify],
  ['vendor-reviews schedule', vendorReviewsSchedule],
  ['jobs run', jobsRun],
  ['jobs status', jobsStatus],
  ['webhooks add', webhooksAdd],
  ['webhooks list', webhooksList],
  ['webhooks deliveries', webhooksDeliveries],
]);

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: FLAGS,
  });
  const out: Out = { json: values.json ?? false };
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  getEnv(); // validate configuration before touching the database
  const name = ONE_WORD.has(positionals[0]!) ? positionals[0]! : positionals.slice(0, 2).join(' ');
  const command = COMMANDS.get(name);
  if (!command) throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
  await command.run({ values, positionals }, out);
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
    // Events the command recorded go out through the queue (docs/INTEGRATIONS.md §Events).
    await flushOutboundDispatch().catch(() => undefined);
    await closeDatabase().catch(() => undefined);
  }
  process.exit(code);
}

void main();
