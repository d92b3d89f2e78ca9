import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { listMatchesSchema, reviewMatchSchema } from '@/server/domain/screening/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { userActor } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { runImport } from '@/server/services/import/run';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { raiseScreeningGaps } from '@/server/services/screening/gaps';
import { listMatches } from '@/server/services/screening/match-queries';
import { reviewMatch } from '@/server/services/screening/matches';
import { listSignals } from '@/server/services/signals/queries';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Names in signal and risk reads; pseudonyms are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

let teardown: () => Promise<void>;
let org: TestOrg;
let importer: ImportActor;
const compliance = () => actorFor(org, 'compliance');

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('sig', NAMES);
  importer = { ...compliance(), audit: userActor(compliance()) };
  await createPerson(
    compliance(),
    personInputSchema.parse({
      email: 'kim@sig.test',
      fullName: 'Kim Park',
      type: 'contractor',
    }),
  );
  await createPerson(
    compliance(),
    personInputSchema.parse({
      email: 'lee@sig.test',
      fullName: 'Lee Jones',
      type: 'employee',
      identityVerified: true,
      backgroundCheckStatus: 'clear',
    }),
  );
  await createSystem(
    compliance(),
    systemInputSchema.parse({
      name: 'Treasury',
      privileges: [{ name: 'approve_payment', sensitivity: 'critical' }],
    }),
  );
});
afterAll(() => teardown());

async function signalsOf(kind: string, status: 'open' | 'dismissed' = 'open') {
  return (await listSignals(compliance(), listSignalsSchema.parse({ status, kind }))).items;
}

describe('signals the product raises itself', () => {
  it('a watchlist match is a signal that follows its review', async () => {
    await runImport(
      importer,
      'watchlist',
      'name,emails,source\nKim Park,,impostor list\nSomeone Else,lee@sig.test,impostor list\n',
      { dryRun: false },
    );
    const open = await signalsOf('watchlist_match');
    expect(open.map((s) => s.person.fullName).sort()).toEqual(['Kim Park', 'Lee Jones']);
    expect(open.find((s) => s.person.fullName === 'Lee Jones')!.explanation).toMatch(
      /matches the watchlist entry "Someone Else" \(impostor list\) on email/,
    );
    // Severity by strength (docs/RISK.md §Watchlist matches): an email is strong, a name is not.
    expect(open.find((s) => s.person.fullName === 'Lee Jones')!.severity).toBe('critical');
    expect(open.find((s) => s.person.fullName === 'Kim Park')!.severity).toBe('medium');
    const matches = await listMatches(compliance(), listMatchesSchema.parse({}));
    const kim = matches.find((m) => m.person.fullName === 'Kim Park')!;
    const lee = matches.find((m) => m.person.fullName === 'Lee Jones')!;
    await reviewMatch(
      compliance(),
      reviewMatchSchema.parse({
        matchId: kim.id,
        decision: 'false_positive',
        reason: 'Different date of birth',
      }),
    );
    await reviewMatch(
      compliance(),
      reviewMatchSchema.parse({
        matchId: lee.id,
        decision: 'confirmed',
        reason: 'Same personal email',
      }),
    );
    expect((await signalsOf('watchlist_match', 'dismissed')).map((s) => s.person.fullName)).toEqual(
      ['Kim Park'],
    );
    const [confirmed] = await signalsOf('watchlist_match');
    expect(confirmed).toMatchObject({ severity: 'critical' });
  });

  it('privileged access held by someone the gate would refuse is a screening gap, once', async () => {
    await runImport(
      importer,
      'grants',
      'person_email,system,privilege\nkim@sig.test,Treasury,approve_payment\nlee@sig.test,Treasury,approve_payment\n',
      { dryRun: false },
    );
    expect(await raiseScreeningGaps(org.id)).toBe(2);
    expect(await raiseScreeningGaps(org.id)).toBe(2);
    const gaps = await signalsOf('screening_gap');
    expect(gaps).toHaveLength(2);
    const kim = gaps.find((g) => g.person.fullName === 'Kim Park')!;
    expect(kim.severity).toBe('high');
    expect(kim.explanation).toMatch(
      /1 high or critical grant while: Kim Park's identity has not been verified/,
    );
    // A confirmed watchlist match makes the gap critical.
    expect(gaps.find((g) => g.person.fullName === 'Lee Jones')!.severity).toBe('critical');
  });
});
