/**
 * The security probe (docs/SECURITY.md §Probes): black-box requests against a running Vigil
 * seeded with the demo data, one line per probe, exit code 1 when any fails.
 *
 *   npm run probe -- --base-url http://127.0.0.1:3210 [--json FILE]
 *
 * It changes the demo data (records in the second organization, a member disabled and
 * re-enabled, failed sign-ins), so run it against a throwaway seed, never production.
 */
import fs from 'node:fs';
import { appRouter } from '@/server/trpc/root';
import { DEMO_PASSWORD, ProbeClient } from './http-client';
import type { Probe, ProbeContext } from './probe';
import { accessProbes } from './probes/access';
import { crossTenantProbes } from './probes/cross-tenant';
import { ingestAndEvidenceProbes } from './probes/ingest-and-evidence';
import { inputProbes } from './probes/input';
import { routeProbes } from './probes/routes';
import { sessionProbes } from './probes/sessions';
import { webProbes } from './probes/web';
import { seedOtherOrganization } from './setup';

const PROBES: Probe[] = [
  ...webProbes,
  ...accessProbes,
  ...inputProbes,
  ...crossTenantProbes,
  ...ingestAndEvidenceProbes,
  ...routeProbes.filter((p) => p.id !== 'audit.chain-intact'),
  ...sessionProbes,
  ...routeProbes.filter((p) => p.id === 'audit.chain-intact'),
];

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function signedIn(baseUrl: string, email: string): Promise<ProbeClient> {
  const client = new ProbeClient(baseUrl);
  const result = await client.signIn(email, DEMO_PASSWORD);
  if (!result.ok)
    throw new Error(`${email} could not sign in (${result.status}); is the demo seeded?`);
  return client;
}

async function main(): Promise<void> {
  const baseUrl = argument('base-url') ?? process.env.PROBE_BASE_URL ?? 'http://127.0.0.1:3210';
  const admin = await signedIn(baseUrl, 'admin@acme.test');
  const compliance = await signedIn(baseUrl, 'compliance@acme.test');
  const manager = await signedIn(baseUrl, 'manager@acme.test');
  const auditor = await signedIn(baseUrl, 'auditor@acme.test');
  const procedures = Object.entries(appRouter._def.procedures).map(([path, procedure]) => ({
    path,
    type: (procedure as unknown as { _def: { type: 'query' | 'mutation' } })._def.type,
  }));
  const other = await seedOtherOrganization(admin);
  const ctx: ProbeContext = {
    baseUrl,
    anonymous: (headers) => new ProbeClient(baseUrl, headers),
    admin,
    compliance,
    manager,
    auditor,
    ...other,
    procedures,
  };
  const results = [];
  for (const probe of PROBES) {
    const started = performance.now();
    const outcome = await probe.run(ctx).catch((error: unknown) => ({
      ok: false,
      detail: `threw: ${error instanceof Error ? error.message : String(error)}`,
      requests: 0,
    }));
    const ms = Math.round(performance.now() - started);
    results.push({
      id: probe.id,
      finding: probe.finding ?? null,
      title: probe.title,
      ms,
      ...outcome,
    });
    const mark = outcome.ok ? 'pass' : 'FAIL';
    console.log(
      `${mark}  ${probe.id.padEnd(30)} ${String(outcome.requests).padStart(5)} req  ${outcome.detail}`,
    );
  }
  const failed = results.filter((r) => !r.ok).length;
  const requests = results.reduce((n, r) => n + r.requests, 0);
  console.log(
    `\n${results.length - failed}/${results.length} probes passed, ${requests} requests.`,
  );
  const jsonFile = argument('json');
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ baseUrl, results }, null, 2));
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
