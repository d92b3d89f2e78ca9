import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorIdentities } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { userActor } from '@/server/services/audit/log';
import { ingestEvents, type IngestActor } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { listSignals } from '@/server/services/signals/queries';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// The GitHub audit log through the real ingest service and detection job (docs/INGEST.md §GitHub,
// docs/DETECTORS.md §GitHub).

let teardown: () => Promise<void>;
let org: TestOrg;
let actor: IngestActor;
let maintainerId: string;
let newcomerId: string;

const FIXTURE = path.resolve(process.cwd(), 'tests/fixtures/logs/github/org-audit.ndjson');

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('ghi', { pseudonymize: false });
  const compliance = actorFor(org, 'compliance');
  actor = { ...compliance, audit: userActor(compliance) };
  // The fixture's organization admin, known to Vigil by their GitHub handle only.
  maintainerId = (
    await createPerson(
      compliance,
      personInputSchema.parse({
        email: 'maintainer@ghi.test',
        fullName: 'Mai Tanner',
        type: 'employee',
        identifiers: [{ kind: 'github', value: 'https://github.com/GitHub-Actor' }],
      }),
    )
  ).id;
  newcomerId = (
    await createPerson(
      compliance,
      personInputSchema.parse({
        email: 'newcomer@ghi.test',
        fullName: 'Nico Newman',
        type: 'contractor',
        timezone: 'Europe/Warsaw',
        identifiers: [{ kind: 'github', value: '@nico-dev' }],
      }),
    )
  ).id;
});
afterAll(() => teardown());

async function signalsOf(personId: string) {
  const page = await listSignals(
    actorFor(org, 'compliance'),
    listSignalsSchema.parse({ status: 'all', personId, limit: 100 }),
  );
  return page.items;
}

describe('GitHub audit log ingest and detection', () => {
  it('ingests the organization fixture, resolves the handle to its person and raises the GitHub kinds', async () => {
    const summary = await ingestEvents(actor, 'github', [fs.readFileSync(FIXTURE)], {
      channel: 'upload',
    });
    // Line 191 is an anonymous clone of a public repository: nobody to attribute it to.
    expect(summary.rejected).toBe(1);
    expect(summary.rejections).toEqual([
      {
        line: 191,
        reason: 'missing actor (GitHub logs anonymous access to public repositories without one)',
      },
    ]);
    expect(summary.received).toBe(199);
    expect(summary.inserted).toBe(198);

    // Every event of github-actor carries the person, found through the github identifier.
    const [resolved] = await rawRows<{ n: number; unresolved: number }>(sql`
      select count(*)::int as n, count(*) filter (where person_id is null)::int as unresolved
      from access_events where org_id = ${org.id} and actor = 'github-actor'`);
    expect(resolved!.n).toBeGreaterThan(150);
    expect(resolved!.unresolved).toBe(0);
    const identity = await withTenant({ orgId: org.id, userId: null }, async (tx) => {
      const [row] = await tx
        .select({ status: actorIdentities.status, personId: actorIdentities.personId })
        .from(actorIdentities)
        .where(
          and(
            eq(actorIdentities.orgId, org.id),
            eq(actorIdentities.actorKey, 'github:github-actor'),
          ),
        );
      return row;
    });
    expect(identity).toEqual({ status: 'resolved', personId: maintainerId });

    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
    const found = await signalsOf(maintainerId);
    const kinds = new Set(found.map((s) => s.kind));
    // An OAuth app approved and a GitHub App installed, with no GitHub grant at all.
    expect(kinds).toContain('credential_outside_workflow');
    // repo.access in this older export does not say the new visibility: medium.
    expect(kinds).toContain('repository_exposure');
    // Vulnerability alerts disabled on two repositories (two days).
    expect(kinds).toContain('security_control_disabled');
    expect(kinds).toContain('workflow_runs_deleted');
    const credential = found.filter((s) => s.kind === 'credential_outside_workflow');
    expect(credential.map((s) => s.severity)).toEqual(['critical', 'critical']);
    const exposure = found.find((s) => s.kind === 'repository_exposure')!;
    expect(exposure.severity).toBe('medium');
    expect(exposure.explanation).toMatch(/^Example-Org\/repo-5678 visibility changed/);
    const controls = found.filter((s) => s.kind === 'security_control_disabled');
    expect(controls.map((s) => s.severity)).toEqual(['high', 'high']);
    expect(controls[0]!.explanation).toMatch(/vulnerability alerts disabled/);
  });

  it('flags a newcomer cloning dozens of repositories on one day, not one cloning a few', async () => {
    const day = Date.UTC(2026, 10, 16, 9, 0);
    const clone = (i: number, repo: string, at: number) =>
      JSON.stringify({
        '@timestamp': at,
        _document_id: `clone-${i}`,
        action: 'git.clone',
        actor: 'Nico-Dev',
        actor_location: { country_code: 'PL' },
        org: 'acme',
        repo,
        repository: repo,
        repository_public: false,
        transport_protocol_name: 'ssh',
        programmatic_access_type: 'SSH key',
      });
    const quiet = Array.from({ length: 6 }, (_, i) =>
      clone(i, `acme/svc-${i % 3}`, day + i * 60_000),
    );
    await ingestEvents(actor, 'github', [quiet.join('\n')], { channel: 'api' });
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
    expect((await signalsOf(newcomerId)).map((s) => s.kind)).not.toContain('code_exfiltration');

    const burst = Array.from({ length: 45 }, (_, i) =>
      clone(100 + i, `acme/repo-${i}`, day + 86_400_000 + i * 20_000),
    );
    const summary = await ingestEvents(actor, 'github', [burst.join('\n')], { channel: 'api' });
    expect(summary.inserted).toBe(45);
    expect((await runDueJobs({ workerId: 'test' })).dead).toBe(0);
    const [s] = (await signalsOf(newcomerId)).filter((x) => x.kind === 'code_exfiltration');
    expect(s).toMatchObject({ severity: 'medium' });
    expect(s!.explanation).toMatch(/^45 distinct repositories pulled on 2026-11-17/);
  });
});
