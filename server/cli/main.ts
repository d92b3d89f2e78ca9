import { parseArgs } from 'node:util';
import { closeDatabase } from '@/db/client';
import { getEnv } from '@/server/env';
import { sendLogsToStderr } from '@/server/services/observability/logger';
import { flushOutboundDispatch } from '@/server/services/outbound/dispatch';
import { UserFacingError } from '@/server/services/shared/errors';
import { FLAGS, HandledError, UsageError, type CliCommand, type Out } from './args';
import { auditVerify } from './commands/audit';
import { dbBackup, dbRestore } from './commands/backup';
import { importCandidatesCommand } from './commands/candidates';
import {
  connectorsAdd,
  connectorsList,
  connectorsPause,
  connectorsRun,
} from './commands/connectors';
import { dbCreateLogin } from './commands/db';
import { detect } from './commands/detect';
import { evidenceExport, evidenceVerify } from './commands/evidence';
import { importCsv } from './commands/import';
import { indicatorsExport, indicatorsImport } from './commands/indicators';
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
  import candidates --org S FILE [--format greenhouse|lever|vigil] [--dry-run] [--json]
                                                   import candidates from an ATS export or Vigil's candidate CSV
  indicators export --org S --out FILE.json [--hashed] [--source A,B] [--json]
                                                   write the watchlist and confirmed impostors as a STIX 2.1 bundle (hashed: by the organization's setting unless --hashed)
  indicators import --org S FILE.json [--source NAME] [--dry-run] [--json]
                                                   import a STIX 2.1 bundle or MISP event as watchlist entries; prints created, duplicates, rejected (exit 1, nothing imported, on any rejected object)
  seed [--org S] [--size small|large]              load the demo organization (large: 2,000 more people, a month of logs)
  audit verify --org S [--anchor FILE] [--json]    verify the organization's whole audit chain (with --anchor: that no anchored head is missing)
  db create-login [--role R] [--password P] [--json]
                                                   create the least-privilege login the app connects as (default vigil_login; prints its DATABASE_URL)
  db backup --out FILE [--json]                    snapshot the whole database to one file (PostgreSQL: pg_dump as the owner; embedded: its folder)
  db restore FILE [--json]                         restore a backup into an empty database, migrate, and verify every audit chain
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
  connectors add --org S --kind okta --name N --config JSON --secret-env VAR [--interval M] [--json]
                                                   add a connector (config e.g. '{"url":"https://acme.okta.com"}'; token from VAR)
  connectors list --org S [--json]                 list connectors: status, last success, last error (token hint only)
  connectors run --org S [--name N] [--json]       one pass now; prints pages, received, inserted, duplicates, errors; exit 1 on a failed run
  connectors pause --org S --name N [--json]       pause a connector (resume it on /settings/connectors)

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
  ['import candidates', importCandidatesCommand],
  ['indicators export', indicatorsExport],
  ['indicators import', indicatorsImport],
  ['ingest', ingest],
  ['detect', detect],
  ['signals', signals],
  ['risk', risk],
  ['audit verify', auditVerify],
  ['retention run', retentionRun],
  ['person erase', personErase],
  ['db create-login', dbCreateLogin],
  ['db backup', dbBackup],
  ['db restore', dbRestore],
  ['evidence export', evidenceExport],
  ['evidence verify', evidenceVerify],
  ['vendor-reviews schedule', vendorReviewsSchedule],
  ['jobs run', jobsRun],
  ['jobs status', jobsStatus],
  ['webhooks add', webhooksAdd],
  ['webhooks list', webhooksList],
  ['webhooks deliveries', webhooksDeliveries],
  ['connectors add', connectorsAdd],
  ['connectors list', connectorsList],
  ['connectors run', connectorsRun],
  ['connectors pause', connectorsPause],
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
  // stdout is the command's answer (often --json); log lines go beside it, not into it.
  sendLogsToStderr();
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
