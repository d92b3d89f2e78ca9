import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { triageSignalSchema } from '@/server/domain/signals/inputs';
import { userActor } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { createPerson, updatePerson } from '@/server/services/inventory/people-commands';
import { runIdentityReuse } from '@/server/services/screening/identity-reuse';
import { triageSignal } from '@/server/services/signals/triage';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;
const compliance = (o: TestOrg = org) => actorFor(o, 'compliance');
const importer = (o: TestOrg = org): ImportActor => ({
  ...compliance(o),
  audit: userActor(compliance(o)),
});
const SYSTEM = { type: 'system' as const, id: null, label: 'test' };

interface Row {
  id: string;
  full_name: string;
  severity: string;
  status: string;
  explanation: string;
  stats: {
    identifierKind: string;
    value: string;
    holders: number;
    sharedWith: { personId: string; type: string }[];
    watchlistEntryIds: string[];
  };
}

async function reuseSignals(orgId: string): Promise<Row[]> {
  return rawRows<Row>(sql`
    select s.id, p.full_name, s.severity, s.status, s.explanation, s.stats
    from signals s join people p on p.org_id = s.org_id and p.id = s.person_id
    where s.org_id = ${orgId} and s.kind = 'identity_reuse'
    order by p.full_name, s.stats->>'identifierKind'`);
}
const summary = (rows: Row[]) =>
  rows.map((r) => `${r.full_name}|${r.stats.identifierKind}|${r.severity}|${r.status}`);

const PEOPLE_CSV = [
  'email,full_name,type,country,phone,external_ids',
  'ana@reuse.test,Ana Ortiz,employee,US,+1 415 555 2671,okta:00u-shared;device:LAPTOP-7731',
  'ben@reuse.test,Ben Cole,candidate,US,(415) 555-2671,okta:00u-shared;bank_account:GB82 WEST 1234 5698 7654 32',
  'cara@reuse.test,Cara Diaz,contractor,US,+1 415 555 9999,email:Ana@Reuse.test;device:laptop-7731 ;bank_account:gb82west12345698765432',
  'dev@reuse.test,Dev Shah,employee,US,+1 415 555 2672,address:12 Main Street Apt 4 Reno',
  'eve@reuse.test,Eve Lin,employee,US,+1 415 555 2673,address:12 Main St #5 Reno',
].join('\n');

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('reuse');
  other = await createTestOrg('reuse-other');
});
afterAll(() => teardown());

describe('identity_reuse', () => {
  it('a people import raises one signal per holder of each shared value', async () => {
    const dry = await runImport(importer(), 'people', PEOPLE_CSV, { dryRun: true });
    expect(dry.rejected).toEqual([]);
    expect(await reuseSignals(org.id)).toEqual([]);

    const report = await runImport(importer(), 'people', PEOPLE_CSV, { dryRun: false });
    expect(report.created).toBe(5);
    const rows = await reuseSignals(org.id);
    // Shared okta is an account link, not reuse; Dev and Eve's addresses are different units.
    expect(summary(rows)).toEqual([
      'Ana Ortiz|device|high|open',
      'Ana Ortiz|email|medium|open',
      'Ana Ortiz|phone|high|open',
      'Ben Cole|bank_account|high|open',
      'Ben Cole|phone|high|open',
      'Cara Diaz|bank_account|high|open',
      'Cara Diaz|device|high|open',
      'Cara Diaz|email|medium|open',
    ]);
    const benPhone = rows.find(
      (r) => r.full_name === 'Ben Cole' && r.stats.identifierKind === 'phone',
    )!;
    expect(benPhone.explanation).toBe(
      'Ben Cole: phone +14155552671 is also on Ana Ortiz (employee).',
    );
    expect(benPhone.stats.sharedWith).toHaveLength(1);
    expect(benPhone.stats.sharedWith[0]!.type).toBe('employee');
    expect(benPhone.stats.watchlistEntryIds).toEqual([]);
    const bank = rows.find((r) => r.stats.identifierKind === 'bank_account')!;
    expect(bank.stats.value).toBe('••••5432');
    expect(bank.explanation).not.toContain('GB82');
    const caraEmail = rows.find(
      (r) => r.full_name === 'Cara Diaz' && r.stats.identifierKind === 'email',
    )!;
    expect(caraEmail.explanation).toContain('Ana Ortiz (employee, their work email)');
  });

  it('re-running and re-importing refresh nothing and duplicate nothing', async () => {
    const before = await reuseSignals(org.id);
    const run = await runIdentityReuse(org.id, SYSTEM);
    expect(run).toEqual({ signals: 8, created: 0, updated: 0 });
    const again = await runImport(importer(), 'people', PEOPLE_CSV, { dryRun: false });
    expect(again.unchanged).toBe(5);
    expect(await reuseSignals(org.id)).toEqual(before);
  });

  it('another organization with the same phone never links', async () => {
    await runImport(
      importer(other),
      'people',
      'email,full_name,type,phone\nzed@other.test,Zed Park,employee,+1 415 555 2671\n',
      { dryRun: false },
    );
    expect(await reuseSignals(other.id)).toEqual([]);
    await runIdentityReuse(other.id, SYSTEM);
    expect(await reuseSignals(other.id)).toEqual([]);
    const run = await runIdentityReuse(org.id, SYSTEM);
    expect(run.created + run.updated).toBe(0);
    const phones = (await reuseSignals(org.id)).filter((r) => r.stats.identifierKind === 'phone');
    expect(phones.map((r) => r.stats.holders)).toEqual([2, 2]);
  });

  it('a dismissed signal stays dismissed while a new holder gets a signal of their own', async () => {
    const ana = (await reuseSignals(org.id)).find(
      (r) => r.full_name === 'Ana Ortiz' && r.stats.identifierKind === 'phone',
    )!;
    await triageSignal(
      compliance(),
      triageSignalSchema.parse({
        signalId: ana.id,
        action: 'dismiss',
        reason: 'Ben is her son; the family shares one phone.',
      }),
    );
    // The person form: a third person on the same phone makes a ring.
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'fay@reuse.test',
        fullName: 'Fay Moss',
        type: 'candidate',
        country: 'US',
        identifiers: [{ kind: 'phone', value: '415-555-2671' }],
      }),
    );
    const phones = (await reuseSignals(org.id)).filter((r) => r.stats.identifierKind === 'phone');
    expect(summary(phones)).toEqual([
      'Ana Ortiz|phone|critical|dismissed',
      'Ben Cole|phone|critical|open',
      'Fay Moss|phone|critical|open',
    ]);
    expect(phones.find((r) => r.full_name === 'Ana Ortiz')!.explanation).toContain(
      'Ben Cole (candidate) and Fay Moss (candidate). 3 people hold it.',
    );
    expect((await runIdentityReuse(org.id, SYSTEM)).created).toBe(0);
    expect((await reuseSignals(org.id)).find((r) => r.id === ana.id)!.status).toBe('dismissed');
  });

  it('the person form changing identifiers raises the new sharing', async () => {
    const dev = (
      await rawRows<{ id: string }>(
        sql`select id from people where org_id = ${org.id} and email = 'dev@reuse.test'`,
      )
    )[0]!;
    await updatePerson(compliance(), {
      personId: dev.id,
      person: personInputSchema.parse({
        email: 'dev@reuse.test',
        fullName: 'Dev Shah',
        type: 'employee',
        country: 'US',
        identifiers: [{ kind: 'address', value: '12 Main St., #5, Reno' }],
      }),
    });
    const addresses = (await reuseSignals(org.id)).filter(
      (r) => r.stats.identifierKind === 'address',
    );
    expect(summary(addresses)).toEqual([
      'Dev Shah|address|medium|open',
      'Eve Lin|address|medium|open',
    ]);
  });

  it('a watchlist import makes a value shared with an entry critical and names the entry', async () => {
    const report = await runImport(
      importer(),
      'watchlist',
      'name,bank_accounts,devices,source\nOmar Haddad,GB82WEST12345698765432,,fraud-ring\nLone Entry,,SERIAL-NOBODY-HAS,fraud-ring\n',
      { dryRun: false },
    );
    expect(report.rejected).toEqual([]);
    const bank = (await reuseSignals(org.id)).filter(
      (r) => r.stats.identifierKind === 'bank_account',
    );
    expect(summary(bank)).toEqual([
      'Ben Cole|bank_account|critical|open',
      'Cara Diaz|bank_account|critical|open',
    ]);
    expect(bank[0]!.stats.watchlistEntryIds).toHaveLength(1);
    expect(bank[0]!.explanation).toContain('watchlist entry "Omar Haddad" (source fraud-ring)');
    // The entry's serial is on nobody: the device shared between Ana and Cara stays high.
    const devices = (await reuseSignals(org.id)).filter((r) => r.stats.identifierKind === 'device');
    expect(summary(devices)).toEqual(['Ana Ortiz|device|high|open', 'Cara Diaz|device|high|open']);
    expect(
      (await reuseSignals(org.id)).filter((r) => r.stats.watchlistEntryIds.length > 0),
    ).toHaveLength(2);
  });

  it('a person saved with a watchlisted value is critical at once', async () => {
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'gus@reuse.test',
        fullName: 'Gus Hale',
        type: 'contractor',
        identifiers: [{ kind: 'device', value: 'serial-nobody-has' }],
      }),
    );
    const gus = (await reuseSignals(org.id)).filter((r) => r.full_name === 'Gus Hale');
    expect(summary(gus)).toEqual(['Gus Hale|device|critical|open']);
    expect(gus[0]!.explanation).toBe(
      'Gus Hale: device serial-nobody-has is also on watchlist entry "Lone Entry" (source fraud-ring).',
    );
    expect(gus[0]!.stats.sharedWith).toEqual([]);
  });

  it('a watchlist with a bad IBAN refuses that row and changes nothing', async () => {
    const report = await runImport(
      importer(),
      'watchlist',
      'name,bank_accounts\nBad Iban,GB00WEST12345698765432\n',
      { dryRun: false },
    );
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.reason).toMatch(/bank_accounts: .*check digits/);
  });
});
