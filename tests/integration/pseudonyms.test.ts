import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { closeCaseSchema, openCaseSchema } from '@/server/domain/cases/inputs';
import { listPeopleSchema, personInputSchema } from '@/server/domain/inventory/inputs';
import { revealPersonSchema } from '@/server/domain/privacy/inputs';
import { isPseudonym } from '@/server/domain/privacy/pseudonym';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import { closeCase, openCase } from '@/server/services/cases/case-commands';
import { createPerson } from '@/server/services/inventory/people-commands';
import { listPeople } from '@/server/services/inventory/people-queries';
import { overviewDashboard } from '@/server/services/overview/overview-queries';
import { noticeLabeler } from '@/server/services/privacy/investigation-view';
import { revealPerson, setRevealPermission } from '@/server/services/privacy/reveal-commands';
import { listReveals } from '@/server/services/privacy/reveal-queries';
import { getPersonRisk } from '@/server/services/risk/queries';
import { getSignal, listSignals, personTimeline } from '@/server/services/signals/queries';
import { updateOrganization, getOrganization } from '@/server/services/tenancy/organizations';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// docs/PRIVACY.md §Pseudonymized investigation, on both drivers.

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let n = 0;

async function person(org: TestOrg, email: string, fullName: string, managerId?: string) {
  const p = await createPerson(
    actorFor(org, 'admin'),
    personInputSchema.parse({ email, fullName, type: 'employee', managerId }),
  );
  return p.id;
}

async function signal(
  org: TestOrg,
  personId: string,
  explanation: string,
  stats: object = {},
): Promise<string> {
  n += 1;
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, stats)
    values (${org.id}, 'bulk_access', ${personId}, 'high', now(), now(), ${`test:pseud:${n}`}, ${explanation}, 'test', ${JSON.stringify(stats)}::jsonb)
    returning id`);
  return row!.id;
}

const list = (org: TestOrg, role: 'admin' | 'compliance' | 'manager' | 'auditor', extra = {}) =>
  listSignals(actorFor(org, role), listSignalsSchema.parse({ status: 'all', ...extra }));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

let junId: string;
let junSignal: string;
let annaId: string;
let annaSignal: string;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('pseudalpha');
  b = await createTestOrg('pseudbravo');
  // The manager member is a person too, with Jun as a direct report.
  const bossId = await person(a, 'manager@pseudalpha.test', 'Maria Boss');
  await rawRows(
    sql`update people set user_id = ${a.users.manager.id} where org_id = ${a.id} and id = ${bossId}`,
  );
  junId = await person(a, 'jun.reyes@pseudalpha.test', 'Jun Reyes', bossId);
  annaId = await person(a, 'anna.berg@pseudalpha.test', 'Anna Berg');
  junSignal = await signal(a, junId, 'jun.reyes exported 4,200 customer records (Jun Reyes)');
  annaSignal = await signal(a, annaId, 'anna.berg exported 900 records');
});
afterAll(() => teardown());

describe('pseudonymized investigation', () => {
  it('is on for a new organization', async () => {
    const org = await getOrganization(actorFor(a, 'admin'));
    expect(org.settings.investigation).toEqual({
      pseudonymize: true,
      managersSeeReportSignals: false,
    });
  });

  it('shows compliance a stable pseudonym, no id, and masks identifiers in texts', async () => {
    const first = await list(a, 'compliance');
    const row = first.items.find((s) => s.id === junSignal)!;
    expect(isPseudonym(row.person.fullName)).toBe(true);
    expect(row.person.id).toBeNull();
    expect(row.explanation).not.toMatch(/jun|reyes/i);
    expect(row.explanation).toContain(row.person.fullName);
    // Stable across reads and pages (the signal page) and across members of the organization.
    const again = await list(a, 'admin');
    expect(again.items.find((s) => s.id === junSignal)!.person.fullName).toBe(row.person.fullName);
    const page = await getSignal(actorFor(a, 'compliance'), { signalId: junSignal });
    expect(page.person.fullName).toBe(row.person.fullName);
    expect(page.person.email).toBeNull();
    expect(JSON.stringify(page)).not.toMatch(/jun\.reyes|Jun Reyes/i);
    expect(page.reveal.canReveal).toBe(false);
    // Another person a signal names (a reused identifier's other holder) is masked too.
    const shared = await signal(a, annaId, 'phone of anna.berg is also on Jun Reyes (employee)', {
      sharedWith: [{ personId: junId, type: 'employee' }],
    });
    const sharedRow = (await list(a, 'compliance')).items.find((s) => s.id === shared)!;
    expect(sharedRow.explanation).toBe(
      `phone of ${sharedRow.person.fullName} is also on ${row.person.fullName} (employee)`,
    );
    await rawRows(sql`delete from signals where org_id = ${a.id} and id = ${shared}`);
    // Through the router too (the boundary the browser uses).
    const caller = await callerFor(a, 'compliance');
    const viaRouter = await caller.signals.get({ signalId: junSignal });
    expect(viaRouter.person.fullName).toBe(row.person.fullName);
  });

  it('shows auditors names', async () => {
    const row = (await list(a, 'auditor')).items.find((s) => s.id === junSignal)!;
    expect(row.person).toEqual({ id: junId, fullName: 'Jun Reyes', pseudonymized: false });
  });

  it('refuses a person filter and drops the person page’s signals while pseudonymized', async () => {
    expect(await refusal(list(a, 'compliance', { personId: junId }))).toMatch(/pseudonymized/);
    const timeline = await personTimeline(actorFor(a, 'compliance'), {
      personId: junId,
      limit: 50,
    });
    expect(timeline.filter((t) => t.type === 'signal')).toEqual([]);
  });

  it('reveals with a reason only with the permission, audited, to that member only', async () => {
    const compliance = actorFor(a, 'compliance');
    const input = revealPersonSchema.parse({
      signalId: junSignal,
      reason: 'Matches an HR complaint filed last week',
    });
    expect(await refusal(revealPerson(compliance, input))).toMatch(/reveal permission/);
    expect(() => revealPersonSchema.parse({ signalId: junSignal, reason: 'why' })).toThrow();

    await setRevealPermission(actorFor(a, 'admin'), {
      userId: a.users.compliance.id,
      canReveal: true,
    });
    expect((await getSignal(compliance, { signalId: junSignal })).reveal.canReveal).toBe(true);
    const { revealId } = await revealPerson(compliance, input);

    const page = await getSignal(compliance, { signalId: junSignal });
    expect(page.person.fullName).toBe('Jun Reyes');
    expect(page.explanation).toContain('jun.reyes');
    expect((await list(a, 'compliance', { personId: junId })).items).toHaveLength(1);
    // Only to the member who revealed: the admin still sees the pseudonym.
    const adminRow = (await list(a, 'admin')).items.find((s) => s.id === junSignal)!;
    expect(isPseudonym(adminRow.person.fullName)).toBe(true);

    const [entry] = await rawRows<{ action: string; after: Record<string, unknown> }>(
      sql`select action, after from audit_log where org_id = ${a.id} and entity_id = ${revealId}`,
    );
    expect(entry!.action).toBe('person.revealed');
    expect(entry!.after.reason).toBe('Matches an HR complaint filed last week');
    expect(entry!.after.pseudonym).toBe(adminRow.person.fullName);
    expect(JSON.stringify(entry)).not.toContain(junId);
    const granted = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${a.id} and action = 'member.reveal_granted'`,
    );
    expect(granted).toHaveLength(1);

    // Auditors see every reveal with the name; admins see the pseudonym.
    const forAuditor = await listReveals(actorFor(a, 'auditor'));
    expect(forAuditor[0]).toMatchObject({
      by: 'compliance@pseudalpha.test',
      reason: 'Matches an HR complaint filed last week',
      person: { fullName: 'Jun Reyes' },
      active: true,
    });
    const forAdmin = await listReveals(actorFor(a, 'admin'));
    expect(forAdmin[0]!.person).toEqual(adminRow.person);
    expect(await refusal(revealPerson(compliance, input))).toMatch(/already/);
  });

  it('shows the name once a case is opened on the person, and the pseudonym after it closes', async () => {
    const admin = actorFor(a, 'admin');
    const opened = await openCase(
      admin,
      openCaseSchema.parse({ title: 'Bulk export', severity: 'high', signalIds: [annaSignal] }),
    );
    const row = (await list(a, 'admin')).items.find((s) => s.id === annaSignal)!;
    expect(row.person).toEqual({ id: annaId, fullName: 'Anna Berg', pseudonymized: false });
    await closeCase(
      admin,
      closeCaseSchema.parse({
        caseId: opened.id,
        outcome: 'unsubstantiated',
        rationale: 'Approved export, nothing to see',
      }),
    );
    const after = (await list(a, 'admin')).items.find((s) => s.id === annaSignal)!;
    expect(isPseudonym(after.person.fullName)).toBe(true);
  });

  it('keeps managers out of their reports’ signals unless the organization allows it', async () => {
    const manager = actorFor(a, 'manager');
    expect(await refusal(list(a, 'manager'))).toMatch(/Managers do not see signals/);
    expect(await refusal(getSignal(manager, { signalId: junSignal }))).toMatch(/Managers/);
    const admin = actorFor(a, 'admin');
    const org = await getOrganization(admin);
    await updateOrganization(admin, {
      name: org.name,
      settings: {
        ...org.settings,
        investigation: { pseudonymize: true, managersSeeReportSignals: true },
      },
    });
    const seen = await list(a, 'manager');
    // Only the direct report's signal, and by pseudonym.
    expect(seen.items.map((s) => s.id)).toEqual([junSignal]);
    expect(isPseudonym(seen.items[0]!.person.fullName)).toBe(true);
    expect(await refusal(getSignal(manager, { signalId: annaSignal }))).toMatch(/No such signal/);
  });

  it('shows names to everyone when the organization turns it off', async () => {
    const admin = actorFor(a, 'admin');
    const org = await getOrganization(admin);
    await updateOrganization(admin, {
      name: org.name,
      settings: {
        ...org.settings,
        investigation: { pseudonymize: false, managersSeeReportSignals: false },
      },
    });
    const row = (await list(a, 'admin')).items.find((s) => s.id === junSignal)!;
    expect(row.person.fullName).toBe('Jun Reyes');
    await updateOrganization(admin, { name: org.name, settings: org.settings });
  });

  it('gives the same person id different pseudonyms in different organizations', async () => {
    // The same id in both organizations: only the organization's key differs.
    await rawRows(sql`insert into people (org_id, id, email, full_name, type)
      values (${b.id}, ${junId}, 'jun.reyes@pseudbravo.test', 'Jun Reyes', 'employee')`);
    const bSignal = await signal(b, junId, 'exported');
    const inA = (await list(a, 'admin')).items.find((s) => s.id === junSignal)!;
    const inB = (await list(b, 'admin')).items.find((s) => s.id === bSignal)!;
    expect(isPseudonym(inB.person.fullName)).toBe(true);
    expect(inB.person.fullName).not.toBe(inA.person.fullName);
    // Mailed notices (critical signals, digests) name people as the organization's views do.
    const label = await withTenant({ orgId: b.id, userId: null }, (tx) => noticeLabeler(tx, b.id));
    expect(label(junId, 'Jun Reyes')).toBe(inB.person.fullName);
  });

  it('ranks people by pseudonym on the overview and the risk list, and a name search finds no one', async () => {
    const carlId = await person(a, 'carl.stone@pseudalpha.test', 'Carl Stone');
    await rawRows(sql`insert into person_risk_scores
      (org_id, person_id, bribery, compromise, risk, band, bribery_band, compromise_band, fingerprint, computed_at)
      values (${a.id}, ${carlId}, 10, 80, 80, 'critical', 'low', 'critical', 'test', now())`);
    const compliance = actorFor(a, 'compliance');
    const top = (await overviewDashboard(compliance)).risk!.topPeople;
    expect(top[0]).toMatchObject({ id: null, band: 'critical' });
    expect(isPseudonym(top[0]!.name)).toBe(true);
    expect((await overviewDashboard(actorFor(a, 'auditor'))).risk!.topPeople[0]!.name).toBe(
      'Carl Stone',
    );

    const ranked = await listPeople(compliance, listPeopleSchema.parse({ sort: 'risk' }));
    expect(ranked.people[0]).toMatchObject({ id: null, email: '', risk: 80 });
    expect(ranked.people[0]!.fullName).toBe(top[0]!.name);
    const searched = await listPeople(
      compliance,
      listPeopleSchema.parse({ sort: 'risk', q: 'Carl' }),
    );
    expect(searched.people).toEqual([]);
    // The directory still names Carl, without his risk.
    const directory = await listPeople(compliance, listPeopleSchema.parse({ q: 'Carl' }));
    expect(directory.people[0]).toMatchObject({ fullName: 'Carl Stone', risk: null });
    const risk = await getPersonRisk(compliance, { personId: carlId });
    expect(risk).toMatchObject({ withheld: true, score: null, factors: [] });
    expect((await getPersonRisk(actorFor(a, 'auditor'), { personId: carlId })).score?.risk).toBe(
      80,
    );
  });
});
