import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANUAL_CHECKS } from '@/server/domain/candidates/checks';
import { convertCandidateSchema, recordCheckSchema } from '@/server/domain/candidates/inputs';
import { userActor } from '@/server/services/audit/log';
import { getCandidate, listCandidates } from '@/server/services/candidates/candidate-queries';
import { recordCandidateCheck } from '@/server/services/candidates/check-commands';
import { convertCandidate } from '@/server/services/candidates/hire';
import { importCandidates } from '@/server/services/candidates/import';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
const importer = (): ImportActor => ({
  ...actorFor(org, 'compliance'),
  audit: userActor(actorFor(org, 'compliance')),
});

const STAFF_CSV = [
  'email,full_name,type,country,external_ids',
  'carl@hire.test,Carl Contractor,contractor,US,address:77 Harbor Road Unit 3 Newark NJ 07105 United States',
].join('\n');

const GREENHOUSE_CSV = [
  'Candidate ID,First Name,Last Name,Email,Phone,Job,Current Stage,Recruiter,Location,Laptop Shipping Address,Source',
  '101,Vic,Voip,vic@hire.test,+44 56 1234 5678,Backend Engineer,Offer,Rita Recruiter,"Leeds, United Kingdom","77 Harbor Rd #3, Newark NJ 07105, United States",Referral',
  '102,Gina,Good,gina@hire.test,+49 151 23456789,SRE,Onsite,Rita Recruiter,"Berlin, Germany","12 Linden Street, 10115 Berlin, Germany",Job board',
  '103,No,Email,,+49 151 23456780,SRE,Onsite,Rita Recruiter,"Berlin, Germany",,Job board',
  '104,Carl,Again,carl@hire.test,+49 151 23456781,SRE,Onsite,Rita Recruiter,"Berlin, Germany",,Job board',
].join('\n');

async function idOf(email: string): Promise<string> {
  const [row] = await rawRows<{ id: string }>(
    sql`select id from people where org_id = ${org.id} and email = ${email}`,
  );
  return row!.id;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('hire');
  await runImport(importer(), 'people', STAFF_CSV, { dryRun: false });
});
afterAll(() => teardown());

describe('candidate import', () => {
  it('a dry run writes nothing; bad rows are rejected with their line and reason', async () => {
    const dry = await importCandidates(importer(), 'greenhouse', GREENHOUSE_CSV, { dryRun: true });
    expect(dry.created).toBe(2);
    expect(await listCandidates(actorFor(org, 'compliance'), { status: 'all' })).toEqual([]);
    expect(dry.rejected).toEqual([
      { line: 4, reason: expect.stringContaining('email') },
      { line: 5, reason: 'carl@hire.test is already a person of type contractor, not a candidate' },
    ]);
    expect(dry.ignoredColumns).toEqual(['Source']);
  });

  it('imports Greenhouse rows as candidates with their hiring record and identifiers', async () => {
    const report = await importCandidates(importer(), 'greenhouse', GREENHOUSE_CSV, {
      dryRun: false,
    });
    expect(report.created).toBe(2);
    const list = await listCandidates(actorFor(org, 'compliance'), { status: 'active' });
    expect(list.map((c) => [c.fullName, c.stage, c.role, c.recruiter])).toEqual([
      ['Gina Good', 'Onsite', 'SRE', 'Rita Recruiter'],
      ['Vic Voip', 'Offer', 'Backend Engineer', 'Rita Recruiter'],
    ]);
    const vic = list.find((c) => c.fullName === 'Vic Voip')!;
    expect(vic.identifiers.map((i) => i.kind).sort()).toEqual(['address', 'phone']);
    // Re-importing the same file changes nothing.
    const again = await importCandidates(importer(), 'greenhouse', GREENHOUSE_CSV, {
      dryRun: false,
    });
    expect(again.created + again.updated).toBe(0);
  });
});

describe('the hire gate', () => {
  it('computes the automatic checks: VoIP phone, shared address, identity reuse', async () => {
    const c = await getCandidate(actorFor(org, 'auditor'), {
      personId: await idOf('vic@hire.test'),
    });
    const by = Object.fromEntries(c.checks.map((x) => [x.kind, x]));
    expect(by.phone_line!.result).toBe('fail');
    expect(by.phone_line!.detail).toContain('VoIP');
    expect(by.shipping_address!.result).toBe('fail');
    expect(by.shipping_address!.detail).toContain('used by a contractor');
    expect(by.shipping_address!.detail).toContain('in US but the candidate declared GB');
    expect(by.identity_reuse!.result).toBe('fail');
    expect(by.watchlist!.result).toBe('pass');
  });

  it('refuses the conversion with every reason, and lets only an admin override with a reason', async () => {
    const personId = await idOf('vic@hire.test');
    for (const check of MANUAL_CHECKS)
      await recordCandidateCheck(
        actorFor(org, 'compliance'),
        recordCheckSchema.parse({ personId, check, result: 'pass', note: 'seen' }),
      );
    const refused = convertCandidate(
      actorFor(org, 'compliance'),
      convertCandidateSchema.parse({ personId, type: 'employee' }),
    );
    await expect(refused).rejects.toThrow(
      /Phone line type: failed[\s\S]*Laptop shipping address: failed/,
    );
    await expect(
      convertCandidate(
        actorFor(org, 'compliance'),
        convertCandidateSchema.parse({
          personId,
          type: 'employee',
          overrideReason: 'The recruiter vouches for this candidate personally.',
        }),
      ),
    ).rejects.toThrow(/Only an admin may override/);
    const [hired] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where org_id = ${org.id} and action like 'candidate.hired%'`,
    );
    expect(hired!.n).toBe(0);

    const reason = 'Softphone issued by the agency; address verified by courier on site.';
    const done = await convertCandidate(
      actorFor(org, 'admin'),
      convertCandidateSchema.parse({ personId, type: 'contractor', overrideReason: reason }),
    );
    expect(done.overridden.length).toBeGreaterThanOrEqual(2);
    const [person] = await rawRows<{ type: string }>(
      sql`select type from people where org_id = ${org.id} and id = ${personId}`,
    );
    expect(person!.type).toBe('contractor');
    const [entry] = await rawRows<{ action: string; after: { overrideReason: string } }>(
      sql`select action, after from audit_log where org_id = ${org.id} and entity_id = ${personId} and action like 'candidate.hired%'`,
    );
    expect(entry).toMatchObject({
      action: 'candidate.hired_with_override',
      after: { overrideReason: reason },
    });
    // The history stays: the record, its checks and the reason, on the same person.
    const after = await getCandidate(actorFor(org, 'auditor'), { personId });
    expect(after.type).toBe('contractor');
    expect(after.overrideReason).toBe(reason);
    expect(after.checks.find((c) => c.kind === 'government_id')!.result).toBe('pass');
    await expect(
      convertCandidate(
        actorFor(org, 'admin'),
        convertCandidateSchema.parse({ personId, type: 'employee' }),
      ),
    ).rejects.toThrow(/already staff/);
  });

  it('a failed manual check needs a note and blocks the gate', async () => {
    const personId = await idOf('gina@hire.test');
    await expect(
      recordCandidateCheck(
        actorFor(org, 'compliance'),
        recordCheckSchema.parse({ personId, check: 'references', result: 'fail' }),
      ),
    ).rejects.toThrow(/needs a note/);
    await recordCandidateCheck(
      actorFor(org, 'compliance'),
      recordCheckSchema.parse({
        personId,
        check: 'references',
        result: 'fail',
        note: 'Switchboard has no record of the referee.',
      }),
    );
    const c = await getCandidate(actorFor(org, 'compliance'), { personId });
    const refs = c.checks.find((x) => x.kind === 'references')!;
    expect(refs).toMatchObject({ result: 'fail', checkedByName: expect.any(String) });
    expect(c.blocking.some((r) => r.startsWith('References'))).toBe(true);
  });
});
