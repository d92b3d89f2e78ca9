// `npm run eval [-- --seed N --people P --days D --json --keep DIR --data-dir DIR]`: generate the labelled tenant,
// run the real path on a fresh in-memory PGlite, print how the planted insiders and benign
// look-alikes rank. Exits 1 when an insider is outside the top 2×N or a look-alike inside it.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDatabase, installDatabaseHandle, openDatabase } from '@/db/client';
import { DEFAULT_OPTIONS, generateEval } from './generate';
import { runEvalPath } from './harness';
import { markdown, scoreRun } from './report';

const GITHUB_KINDS = new Set([
  'credential_outside_workflow',
  'repository_exposure',
  'security_control_disabled',
  'workflow_runs_deleted',
  'code_exfiltration',
]);

const argsSchema = z.object({
  seed: z.coerce.number().int().min(0).default(DEFAULT_OPTIONS.seed),
  people: z.coerce.number().int().min(60).max(5000).default(DEFAULT_OPTIONS.people),
  // Below 36 days the dormant account cannot be silent for the 45 days dormancy needs.
  days: z.coerce.number().int().min(36).max(90).default(DEFAULT_OPTIONS.days),
  json: z.boolean().default(false),
  keep: z.string().optional(),
  // A new VIGIL_DATA_DIR for the embedded database, kept afterwards so the tenant can be opened
  // with the app or the CLI (`VIGIL_DATA_DIR=DIR npm run vigil -- signals --org eval-1`).
  dataDir: z.string().optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      people: { type: 'string' },
      days: { type: 'string' },
      json: { type: 'boolean' },
      keep: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse({ ...values, dataDir: values['data-dir'] });
  if (!parsed.success) {
    process.stderr.write(
      `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n`,
    );
    process.exit(2);
  }
  const opts = parsed.data;
  const log = (line: string) => {
    if (!opts.json) process.stderr.write(`${line}\n`);
  };
  const started = performance.now();
  const gen = generateEval({ seed: opts.seed, people: opts.people, days: opts.days });
  const generateSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(
    `generated ${gen.people.length} people, ${gen.counts.okta} Okta + ${gen.counts.cloudtrail} CloudTrail + ${gen.counts.consoles} console + ${gen.counts.github} GitHub events, ${gen.counts.tickets} tickets in ${generateSeconds}s`,
  );
  installDatabaseHandle(
    await openDatabase({
      dataDir: opts.dataDir ? path.join(opts.dataDir, 'pglite') : 'memory',
    }),
  );
  try {
    const dir = opts.keep ?? path.join(os.tmpdir(), `vigil-eval-${opts.seed}-${process.pid}`);
    const run = await runEvalPath(gen, { dir, log });
    const report = scoreRun(gen.manifest, run);
    const timings = {
      generate: generateSeconds,
      ...run.timings,
      total: Math.round((performance.now() - started) / 100) / 10,
    };
    if (opts.json)
      process.stdout.write(
        `${JSON.stringify({ options: gen.options, now: gen.now, counts: gen.counts, signals: run.signalCount, signalsByKind: run.signalsByKind, timings, ...report }, null, 2)}\n`,
      );
    else {
      process.stdout.write(
        markdown(report, `seed ${opts.seed}, ${opts.people} people, ${opts.days} days`),
      );
      process.stdout.write(
        `\nsignals ${run.signalCount}; timings (s): ${Object.entries(timings)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n`,
      );
      // The GitHub detectors' whole-tenant output (docs/DETECTION-QUALITY.md §GitHub).
      const github = Object.entries(run.signalsByKind)
        .filter(([k]) => GITHUB_KINDS.has(k))
        .map(([k, [n, who]]) => `${k} ${n} (${who} people)`);
      process.stdout.write(`GitHub signals in the tenant: ${github.join(', ') || 'none'}\n`);
      if (report.failures.length)
        process.stdout.write(`\nFAIL:\n${report.failures.map((f) => `- ${f}`).join('\n')}\n`);
    }
    process.exitCode = report.failures.length ? 1 : 0;
  } finally {
    await closeDatabase();
  }
}

void main();
