import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { addUserCliSchema } from '@/server/domain/tenancy/inputs';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { createPerson } from '@/server/services/inventory/people-commands';
import { noticeCriticalSignals } from '@/server/services/notifications/critical-signals';
import { sendCriticalDigests } from '@/server/services/notifications/digest-job';
import { updateNotificationPreferences } from '@/server/services/notifications/preference-commands';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, TEST_PASSWORD, type TestOrg } from '../helpers/fixtures';
import { outboxOf, recipientsOf } from '../helpers/outbox';

// Names in the notices; pseudonymized notices are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let personA: string;
let personB: string;
const officer2 = 'officer2@sig.test';

// Fixed instants, independent of the clock: 09:00 UTC is past the digest hour in a UTC org.
const T0 = new Date('2031-03-10T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const nextDay = (minutes: number) => new Date(T0.getTime() + 86_400_000 + minutes * 60_000);

let seq = 0;
async function raiseSignal(
  orgId: string,
  personId: string,
  severity: string,
  createdAt: Date,
  kind = 'impossible_travel',
) {
  seq += 1;
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key,
      explanation, stats, detector_version, created_at, updated_at)
    values (${orgId}, ${kind}, ${personId}, ${severity}, ${createdAt.toISOString()}::timestamptz,
      ${createdAt.toISOString()}::timestamptz, ${`test:${seq}`},
      'RAW: login from 203.0.113.9 user-agent curl/8', '{"rawIp":"203.0.113.9"}'::jsonb, 'test',
      ${createdAt.toISOString()}::timestamptz, ${createdAt.toISOString()}::timestamptz)
    returning id`);
  return row!.id;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('sig', NAMES);
  b = await createTestOrg('sig-b', NAMES);
  await addUserAsOperator(
    a.id,
    addUserCliSchema.parse({ email: officer2, role: 'compliance', password: TEST_PASSWORD }),
  );
  const person = (org: TestOrg, email: string) =>
    createPerson(
      actorFor(org, 'compliance'),
      personInputSchema.parse({ email, fullName: 'Ada Okafor', type: 'employee' }),
    );
  personA = (await person(a, 'ada@sig.test')).id;
  personB = (await person(b, 'ada@sig-b.test')).id;
});
afterAll(() => teardown());

const officer2Actor = async () => {
  const [row] = await rawRows<{ id: string }>(sql`select id from users where email = ${officer2}`);
  return { ...actorFor(a, 'compliance'), userId: row!.id, email: officer2 };
};

describe('critical signals, at once', () => {
  it('mails compliance and admins who want them at once, each signal once, without raw data', async () => {
    await updateNotificationPreferences(await officer2Actor(), {
      preferences: [{ category: 'critical_signals', setting: 'daily' }],
    });
    await updateNotificationPreferences(actorFor(a, 'auditor'), {
      preferences: [{ category: 'critical_signals', setting: 'daily' }],
    });
    const critical = await raiseSignal(a.id, personA, 'critical', at(-30));
    await raiseSignal(a.id, personA, 'high', at(-20), 'off_hours');
    await raiseSignal(b.id, personB, 'critical', at(-10));

    expect(await noticeCriticalSignals(a.id, at(0))).toEqual({ noticed: 1, mailed: 2 });
    const rows = await outboxOf(a.id, ['signal.critical']);
    // Not the manager (managers never see signals), not those on the daily digest.
    expect(recipientsOf(rows)).toEqual([a.users.admin.email, a.users.compliance.email].sort());
    expect(rows[0]!.subject).toBe('Critical signal: Impossible travel · Ada Okafor');
    expect(rows[0]!.body_text).toContain(`/signals/${critical}`);
    expect(rows[0]!.body_text).not.toContain('203.0.113.9');
    expect(rows[0]!.body_text).not.toContain('RAW');

    // A second run (the sweep after the batch's own job) sends nothing new.
    expect(await noticeCriticalSignals(a.id, at(1))).toEqual({ noticed: 0, mailed: 0 });
    expect(await outboxOf(a.id, ['signal.critical'])).toHaveLength(2);
    // The other organization's signal is its own.
    expect(await outboxOf(b.id, ['signal.critical'])).toEqual([]);
  });

  it('lists several new signals in one message per member', async () => {
    await raiseSignal(a.id, personA, 'critical', at(2), 'mfa_tampering');
    await raiseSignal(a.id, personA, 'critical', at(3), 'access_after_termination');
    expect(await noticeCriticalSignals(a.id, at(5))).toEqual({ noticed: 2, mailed: 2 });
    const rows = (await outboxOf(a.id, ['signal.critical'])).slice(2);
    expect(rows.map((r) => r.subject)).toEqual([
      '2 critical signals raised',
      '2 critical signals raised',
    ]);
    expect(rows[0]!.body_text).toContain('- Critical · MFA tampering · Ada Okafor');
  });

  it('runs from the job queue after detection and on a schedule', async () => {
    expect(SCHEDULE).toContainEqual({ kind: 'notifications.signals', everyMs: 600_000 });
    expect(SCHEDULE).toContainEqual({ kind: 'notifications.digest', everyMs: 3_600_000 });
    await raiseSignal(b.id, personB, 'critical', new Date());
    const result = await JOB_HANDLERS['notifications.signals_org']!({ orgId: b.id });
    expect(result).toEqual({ noticed: 2, mailed: 2 });
    expect(recipientsOf(await outboxOf(b.id, ['signal.critical']))).toEqual(
      [b.users.admin.email, b.users.compliance.email].sort(),
    );
  });
});

describe('the daily digest', () => {
  it('mails members on the digest once per local day, with what was noticed since', async () => {
    expect(await sendCriticalDigests(a.id, at(-61))).toEqual({ day: null, members: 0, mailed: 0 });
    const first = await sendCriticalDigests(a.id, at(10));
    expect(first).toEqual({ day: '2031-03-10', members: 2, mailed: 2 });
    const digests = await outboxOf(a.id, ['signal.digest']);
    expect(recipientsOf(digests)).toEqual([a.users.auditor.email, officer2].sort());
    expect(digests[0]!.subject).toBe('Daily digest 2031-03-10: 3 critical signals');
    expect(digests[0]!.body_text).toContain('- Critical · Impossible travel · Ada Okafor');
    expect(digests[0]!.body_text).not.toContain('203.0.113.9');

    // Again the same day (a retry, the next hourly run, a second worker): nothing.
    expect(await sendCriticalDigests(a.id, at(70))).toEqual({
      day: '2031-03-10',
      members: 0,
      mailed: 0,
    });
    expect(await outboxOf(a.id, ['signal.digest'])).toHaveLength(2);
    const [row] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from notification_digests where org_id = ${a.id}`,
    );
    expect(row!.n).toBe(2);
  });

  it('starts the next digest where the last one ended, and sends none when nothing is new', async () => {
    // Noticed after the first digest: only this one is in the next.
    await raiseSignal(a.id, personA, 'critical', at(30), 'watchlist_confirmed');
    await noticeCriticalSignals(a.id, at(31));
    const second = await sendCriticalDigests(a.id, nextDay(0));
    expect(second).toEqual({ day: '2031-03-11', members: 2, mailed: 2 });
    const digests = (await outboxOf(a.id, ['signal.digest'])).slice(2);
    expect(digests.map((d) => d.subject)).toEqual([
      'Daily digest 2031-03-11: 1 critical signal',
      'Daily digest 2031-03-11: 1 critical signal',
    ]);
    expect(digests[0]!.body_text).toContain('Watchlist confirmed');
    expect(digests[0]!.body_text).not.toContain('Impossible travel');

    const third = await sendCriticalDigests(a.id, new Date(nextDay(0).getTime() + 86_400_000));
    expect(third).toMatchObject({ members: 2, mailed: 0 });
    expect(await outboxOf(a.id, ['signal.digest'])).toHaveLength(4);
  });
});
