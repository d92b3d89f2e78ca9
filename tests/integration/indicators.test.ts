import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePattern } from '@/server/domain/indicators/patterns';
import { updateOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { userActor } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { exportIndicators } from '@/server/services/indicators/export-commands';
import { importIndicators } from '@/server/services/indicators/import-commands';
import { reviewMatch } from '@/server/services/screening/matches';
import { updateOrganization } from '@/server/services/tenancy/organizations';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { stixBundleErrors } from '../helpers/stix-schemas';

let teardown: () => Promise<void>;
let alpha: TestOrg;
let bravo: TestOrg;
const importer = (o: TestOrg): ImportActor => ({
  ...actorFor(o, 'compliance'),
  audit: userActor(actorFor(o, 'compliance')),
});

const WATCHLIST_CSV = [
  'name,aliases,emails,phones,github,source',
  'Jun Park,J. Park,jun.park@mail.example,+1 415 555 0101,junpark-dev,public list',
  'Mira Sol,,mira@mail.example,,,internal report',
  'Name Only,,,,,public list',
].join('\n');

async function signalsOf(orgId: string) {
  return rawRows<{ kind: string; explanation: string; stats: Record<string, unknown> }>(sql`
    select kind, explanation, stats from signals where org_id = ${orgId} and kind = 'watchlist_match'`);
}
const entryCount = async (orgId: string) =>
  (
    await rawRows<{ n: number }>(sql`
    select count(*)::int as n from watchlist_entries where org_id = ${orgId}`)
  )[0]!.n;

/** Checks the schema cannot: typed ids, modified >= created, and patterns we can read back. */
function checkBeyondSchema(bundle: { objects: Record<string, unknown>[] }) {
  for (const o of bundle.objects) {
    expect(String(o.id).startsWith(`${String(o.type)}--`)).toBe(true);
    expect(String(o.modified) >= String(o.created)).toBe(true);
    if (o.type === 'indicator') expect(parsePattern(String(o.pattern)).ok).toBe(true);
  }
}

async function setHashedSharing(o: TestOrg, hashed: boolean) {
  const current = await rawRows<{ settings: Record<string, unknown> }>(sql`
    select settings from organizations where id = ${o.id}`);
  await updateOrganization(
    actorFor(o, 'admin'),
    updateOrganizationSchema.parse({
      name: o.name,
      settings: { ...current[0]!.settings, indicatorSharing: { hashed } },
    }),
  );
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  alpha = await createTestOrg('stix-alpha', { pseudonymize: false });
  // New organizations share hashed; alpha trusts its partners with clear values until a test says.
  await setHashedSharing(alpha, false);
  bravo = await createTestOrg('stix-bravo', { pseudonymize: false });
  const list = await runImport(importer(alpha), 'watchlist', WATCHLIST_CSV, { dryRun: false });
  expect(list.rejected).toEqual([]);
  // A staff member of alpha confirmed as an impostor: their identifiers are shared too.
  await runImport(
    importer(alpha),
    'people',
    'email,full_name,type,country,phone,external_ids\nmira.s@stix-alpha.test,Mira Sol,contractor,US,+1 415 555 0177,telegram:mirasol_work\n',
    { dryRun: false },
  );
  const [match] = await rawRows<{ id: string }>(sql`
    select id from watchlist_matches where org_id = ${alpha.id}`);
  await reviewMatch(actorFor(alpha, 'compliance'), {
    matchId: match!.id,
    decision: 'confirmed',
    reason: 'Verified against the source',
  });
});
afterAll(() => teardown());

describe('STIX export', () => {
  it('writes a bundle that validates against the STIX 2.1 schemas, stable across exports', async () => {
    const first = await exportIndicators(importer(alpha), {
      includeConfirmed: true,
      hashed: false,
    });
    expect(stixBundleErrors(first.bundle)).toEqual([]);
    checkBeyondSchema(first.bundle as never);
    // Jun Park, Mira Sol (list) and Mira Sol (confirmed staff); the name-only entry is skipped.
    expect(first.indicators).toBe(3);
    expect(first.skipped).toBe(1);
    const text = JSON.stringify(first.bundle);
    expect(text).toContain("[email-addr:value = 'jun.park@mail.example']");
    expect(text).toContain(
      "[user-account:account_type = 'github' AND user-account:account_login = 'junpark-dev']",
    );
    expect(text).toContain(
      "[x-vigil-identifier:kind = 'phone' AND x-vigil-identifier:value = '+14155550101']",
    );
    expect(text).toContain('mirasol_work');
    const again = await exportIndicators(importer(alpha), {
      includeConfirmed: true,
      hashed: false,
    });
    expect(again.bundle).toEqual(first.bundle);
  });

  it('exports chosen sources only', async () => {
    const only = await exportIndicators(importer(alpha), {
      sources: ['internal report'],
      includeConfirmed: false,
      hashed: false,
    });
    expect(only.indicators).toBe(1);
    expect(JSON.stringify(only.bundle)).not.toContain('jun.park');
    expect(stixBundleErrors(only.bundle)).toEqual([]);
  });

  it('hashed: validates, and carries no name, value, source or organization', async () => {
    const hashed = await exportIndicators(importer(alpha), {
      includeConfirmed: true,
      hashed: true,
    });
    expect(stixBundleErrors(hashed.bundle)).toEqual([]);
    checkBeyondSchema(hashed.bundle as never);
    const text = JSON.stringify(hashed.bundle);
    for (const secret of ['Jun', 'jun.park', '+1415', 'public list', alpha.name, 'stix-alpha'])
      expect(text).not.toContain(secret);
  });

  it('an organization that shares hashed refuses a clear export, and the export is audited', async () => {
    await setHashedSharing(alpha, true);
    await expect(
      exportIndicators(importer(alpha), { includeConfirmed: true, hashed: false }),
    ).rejects.toThrow(/hashed only/);
    const defaulted = await exportIndicators(importer(alpha), { includeConfirmed: true });
    expect(defaulted.hashed).toBe(true);
    const audits = await rawRows<{ n: number }>(sql`
      select count(*)::int as n from audit_log where org_id = ${alpha.id} and action = 'indicators.exported'`);
    expect(audits[0]!.n).toBeGreaterThanOrEqual(5);
  });
});

describe('STIX and MISP import', () => {
  it('a hashed bundle imported by another organization raises a match naming the community source only', async () => {
    await runImport(
      importer(bravo),
      'people',
      'email,full_name,type,country,phone,external_ids\nlee@stix-bravo.test,Lee Grant,candidate,US,(415) 555-0101,\n',
      { dryRun: false },
    );
    const { bundle } = await exportIndicators(importer(alpha), { includeConfirmed: true });
    const report = await importIndicators(importer(bravo), {
      text: JSON.stringify(bundle),
      source: 'community: hiring defence',
      dryRun: false,
    });
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ format: 'stix', created: 3, duplicates: 0 });
    expect(report.newMatches).toBe(1);
    const signals = await signalsOf(bravo.id);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.explanation).toContain('(community: hiring defence)');
    expect(signals[0]!.explanation).toContain('phone:+14155550101');
    for (const secret of [alpha.name, 'stix-alpha', 'Jun Park', 'public list'])
      expect(JSON.stringify(signals[0])).not.toContain(secret);
    expect(await signalsOf(alpha.id)).toHaveLength(1); // only alpha's own confirmed match

    const again = await importIndicators(importer(bravo), {
      text: JSON.stringify(bundle),
      source: 'community: hiring defence',
      dryRun: false,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, duplicates: 3, newMatches: 0 });
  });

  it('rejects bad objects with their ids and reasons, and imports nothing', async () => {
    const before = await entryCount(bravo.id);
    const good = {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--11111111-1111-4111-8111-111111111111',
      created: '2026-01-01T00:00:00Z',
      modified: '2026-01-01T00:00:00Z',
      name: 'Good One',
      pattern: "[email-addr:value = 'good@mail.example']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    };
    const report = await importIndicators(importer(bravo), {
      text: JSON.stringify({
        type: 'bundle',
        id: 'bundle--22222222-2222-4222-8222-222222222222',
        objects: [
          good,
          {
            ...good,
            id: 'indicator--33333333-3333-4333-8333-333333333333',
            pattern: '[email-addr:',
          },
          { type: 'x_nope', id: 'x_nope--44444444-4444-4444-8444-444444444444' },
        ],
      }),
      dryRun: false,
    });
    expect(report.created).toBe(0);
    expect(report.rejected).toEqual([
      { id: 'x_nope--44444444-4444-4444-8444-444444444444', reason: 'unknown STIX type "x_nope"' },
      {
        id: 'indicator--33333333-3333-4333-8333-333333333333',
        reason: expect.stringContaining('invalid STIX pattern'),
      },
    ]);
    expect(await entryCount(bravo.id)).toBe(before);
    const tooBig = await importIndicators(importer(bravo), {
      text: ' '.repeat(5 * 1024 * 1024 + 1),
      dryRun: false,
    });
    expect(tooBig.rejected[0]).toMatchObject({ id: '(bundle)' });
    expect(await entryCount(bravo.id)).toBe(before);
  });

  it('imports a MISP event under its organization, and a dry run writes nothing', async () => {
    const event = {
      Event: {
        uuid: '5e6f7a8b-0000-4000-8000-000000000001',
        info: 'Fake recruiter',
        Orgc: { name: 'CIRCL' },
        Attribute: [{ uuid: 'a1', type: 'email-src', value: 'recruiter@evil.example' }],
      },
    };
    const before = await entryCount(bravo.id);
    const dry = await importIndicators(importer(bravo), {
      text: JSON.stringify(event),
      dryRun: true,
    });
    expect(dry).toMatchObject({ format: 'misp', created: 1 });
    expect(await entryCount(bravo.id)).toBe(before);
    const real = await importIndicators(importer(bravo), {
      text: JSON.stringify(event),
      dryRun: false,
    });
    expect(real.created).toBe(1);
    const [row] = await rawRows<{ source: string; name: string }>(sql`
      select source, name from watchlist_entries where org_id = ${bravo.id} and source = 'CIRCL'`);
    expect(row).toEqual({ source: 'CIRCL', name: 'Fake recruiter' });
  });
});
