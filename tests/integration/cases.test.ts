import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import {
  addCaseSubjectsSchema,
  listCasesSchema,
  openCaseSchema,
} from '@/server/domain/cases/inputs';
import {
  changeVendorStatusSchema,
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { triageSignalSchema } from '@/server/domain/signals/inputs';
import { previewAccessRequest } from '@/server/services/access/grant-queries';
import {
  rescreenPersonFromCase,
  revokeGrantFromCase,
  suspendVendorFromCase,
} from '@/server/services/cases/case-actions';
import {
  addCaseNote,
  addCaseSubjects,
  closeCase,
  openCase,
  startInvestigation,
} from '@/server/services/cases/case-commands';
import { getCase, listCases } from '@/server/services/cases/case-queries';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { rowsOf } from '@/server/services/shared/sql-helpers';
import { detectorStats, getSignal } from '@/server/services/signals/queries';
import { triageSignal } from '@/server/services/signals/triage';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let vendorId: string;
let personId: string;
let privilegeIds: string[];
let grantId: string;

const compliance = () => actorFor(a, 'compliance');
let n = 0;

async function signal(kind: string, orgId = a.id, person = personId): Promise<string> {
  n += 1;
  const [row] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key, explanation, detector_version)
    values (${orgId}, ${kind}, ${person}, ${orgId === a.id ? vendorId : null}, 'high', now(), now(), ${`test:${kind}:${n}`}, 'test signal', 'test')
    returning id`);
  return row!.id;
}

async function grant(privilegeId: string, status = 'active'): Promise<string> {
  const system = await rawRows<{ system_id: string }>(
    sql`select system_id from privileges where org_id = ${a.id} and id = ${privilegeId}`,
  );
  const [row] = await rawRows<{ id: string }>(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at)
    values (${a.id}, ${personId}, ${system[0]!.system_id}, ${privilegeId}, ${status}, 'import', 'test grant', now())
    returning id`);
  return row!.id;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await rawRows<{ action: string }>(
    sql`select action from audit_log where org_id = ${a.id} and entity_id = ${entityId} order by seq`,
  );
  return rows.map((r) => r.action);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('casealpha');
  b = await createTestOrg('casebravo');
  const admin = actorFor(a, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: 'Manila Support Co',
      questionnaire: { productionAccess: true },
      country: 'PH',
    }),
  );
  vendorId = vendor.id;
  await changeVendorStatus(
    admin,
    changeVendorStatusSchema.parse({ vendorId, status: 'onboarding', reason: 'contract signed' }),
  );
  await changeVendorStatus(
    admin,
    changeVendorStatusSchema.parse({ vendorId, status: 'active', reason: 'review approved' }),
  );
  const person = await createPerson(
    admin,
    personInputSchema.parse({
      email: 'jun@manila.test',
      fullName: 'Jun Reyes',
      type: 'vendor_staff',
      vendorId,
    }),
  );
  personId = person.id;
  const system = await createSystem(
    admin,
    systemInputSchema.parse({
      name: 'Customer Admin Console',
      privileges: [
        { name: 'view_customer', sensitivity: 'high' },
        { name: 'export', sensitivity: 'critical' },
        { name: 'view_tickets', sensitivity: 'low' },
      ],
    }),
  );
  privilegeIds = (await getSystem(admin, { systemId: system.id })).privileges.map((p) => p.id);
  grantId = await grant(privilegeIds[0]!);
});
afterAll(() => teardown());

describe('cases', () => {
  it('opens a case from signals, escalating them and linking their person and vendor', async () => {
    const s1 = await signal('off_hours');
    const s2 = await signal('off_hours');
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Night exports',
        severity: 'high',
        signalIds: [s1, s2],
        assigneeUserId: a.users.compliance.id,
      }),
    );
    expect(opened.reference).toMatch(/^CASE-\d{4}$/);
    const c = await getCase(compliance(), { caseId: opened.id });
    expect(c.status).toBe('open');
    expect(c.signals.map((s) => s.status)).toEqual(['escalated', 'escalated']);
    expect(c.people.map((p) => p.fullName)).toEqual(['Jun Reyes']);
    expect(c.vendors.map((v) => v.name)).toEqual(['Manila Support Co']);
    expect(c.assignee?.email).toBe(a.users.compliance.email);
    expect(c.events.map((e) => e.kind)).toEqual(['opened']);
    expect((await getSignal(compliance(), { signalId: s1 })).case?.reference).toBe(
      opened.reference,
    );
    expect(await auditActions(s1)).toEqual(['signal.escalate']);
    expect(await auditActions(opened.id)).toEqual(['case.opened']);
    // A signal in a case is worked through the case, and belongs to one case only.
    expect(
      await refusal(
        triageSignal(compliance(), triageSignalSchema.parse({ signalId: s1, action: 'reopen' })),
      ),
    ).toMatch(/part of CASE-/);
    const other = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Another',
        severity: 'low',
        personIds: [personId],
      }),
    );
    expect(other.number).toBe(opened.number + 1);
    expect(
      await refusal(
        addCaseSubjects(
          compliance(),
          addCaseSubjectsSchema.parse({ caseId: other.id, signalIds: [s1] }),
        ),
      ),
    ).toMatch(/already part of CASE-/);
    // Adding a new signal to an existing case escalates it too.
    const s3 = await signal('new_country');
    await addCaseSubjects(
      compliance(),
      addCaseSubjectsSchema.parse({ caseId: opened.id, signalIds: [s3] }),
    );
    expect((await getSignal(compliance(), { signalId: s3 })).status).toBe('escalated');
  });

  it('revokes a grant from the case through the access path, recording the result', async () => {
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Revoke test',
        severity: 'medium',
        personIds: [personId],
      }),
    );
    await revokeGrantFromCase(compliance(), {
      caseId: opened.id,
      grantId,
      reason: 'Exported customers at night',
    });
    const [g] = await rawRows<{ status: string; end_reason: string; revoked_by: string }>(
      sql`select status, end_reason, revoked_by from access_grants where id = ${grantId}`,
    );
    expect(g).toMatchObject({ status: 'revoked', revoked_by: a.users.compliance.id });
    expect(g!.end_reason).toContain(opened.reference);
    expect(await auditActions(grantId)).toEqual(['access.grant_revoked']);
    const c = await getCase(compliance(), { caseId: opened.id });
    const action = c.events.find((e) => e.kind === 'action');
    expect(action?.data).toMatchObject({
      action: 'revoke_grant',
      target: { grantId, system: 'Customer Admin Console' },
      result: { status: 'revoked', from: 'active' },
    });
    expect(action?.body).toBe('Exported customers at night');
    expect(await auditActions(opened.id)).toEqual(['case.opened', 'case.action']);
    // Reason required; a grant of someone outside the case is refused; nothing half-done.
    const caller = await callerFor(a, 'compliance');
    expect(
      await refusal(caller.cases.revokeGrant({ caseId: opened.id, grantId, reason: '' })),
    ).toMatch(/reason/i);
    expect(
      await refusal(
        revokeGrantFromCase(compliance(), { caseId: opened.id, grantId, reason: 'again please' }),
      ),
    ).toMatch(/already revoked/);
    expect((await getCase(compliance(), { caseId: opened.id })).events).toHaveLength(2);
  });

  it('re-screens a person in the case', async () => {
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Screening test',
        severity: 'low',
        personIds: [personId],
      }),
    );
    const result = await rescreenPersonFromCase(compliance(), {
      caseId: opened.id,
      personId,
    });
    expect(result.screened).toBe(1);
    const [p] = await rawRows<{ last_screened_at: Date | null }>(
      sql`select last_screened_at from people where id = ${personId}`,
    );
    expect(p!.last_screened_at).not.toBeNull();
    const c = await getCase(compliance(), { caseId: opened.id });
    expect(c.events.at(-1)?.data).toMatchObject({ action: 'rescreen_person' });
  });

  it('suspends a vendor: live grants revoked, the gate refuses new access', async () => {
    const live = await grant(privilegeIds[2]!);
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Vendor hold',
        severity: 'critical',
        vendorIds: [vendorId],
      }),
    );
    await startInvestigation(compliance(), { caseId: opened.id });
    const result = await suspendVendorFromCase(compliance(), {
      caseId: opened.id,
      vendorId,
      reason: 'Agent exporting customers',
    });
    expect(result.revokedGrants).toBe(1);
    const [v] = await rawRows<{ status: string }>(
      sql`select status from vendors where id = ${vendorId}`,
    );
    expect(v!.status).toBe('suspended');
    const [g] = await rawRows<{ status: string }>(
      sql`select status from access_grants where id = ${live}`,
    );
    expect(g!.status).toBe('revoked');
    const preview = await previewAccessRequest(compliance(), {
      personId,
      privilegeId: privilegeIds[1]!,
    });
    expect(preview.gate.map((f) => f.code)).toContain('vendor_not_active');
    const c = await getCase(compliance(), { caseId: opened.id });
    expect(c.events.at(-1)?.data).toMatchObject({
      action: 'suspend_vendor',
      result: { from: 'active', status: 'suspended', revokedGrants: 1 },
    });
    expect(await auditActions(vendorId)).toContain('vendor.status_changed');
  });

  it('closing substantiated confirms its signals and raises that detector’s precision', async () => {
    const kind = 'impossible_travel';
    const dismissed = await signal(kind);
    await triageSignal(
      compliance(),
      triageSignalSchema.parse({
        signalId: dismissed,
        action: 'dismiss',
        reason: 'Known VPN exit',
      }),
    );
    const before = (await detectorStats(compliance())).find((d) => d.kind === kind)!;
    expect(before).toMatchObject({ confirmed: 0, dismissed: 1, precision: 0 });
    const s = await signal(kind);
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Travel',
        severity: 'high',
        signalIds: [s],
      }),
    );
    await addCaseNote(compliance(), { caseId: opened.id, body: 'Called the vendor.' });
    // No rationale: refused, and nothing changes.
    const caller = await callerFor(a, 'compliance');
    expect(
      await refusal(
        caller.cases.close({ caseId: opened.id, outcome: 'substantiated', rationale: '' }),
      ),
    ).toMatch(/Explain the outcome/);
    expect((await getCase(compliance(), { caseId: opened.id })).status).toBe('open');
    expect((await getSignal(compliance(), { signalId: s })).status).toBe('escalated');

    await closeCase(compliance(), {
      caseId: opened.id,
      outcome: 'substantiated',
      rationale: 'The vendor confirmed the account was shared.',
    });
    const c = await getCase(compliance(), { caseId: opened.id });
    expect(c).toMatchObject({ status: 'closed', outcome: 'substantiated' });
    expect(c.closedAt).not.toBeNull();
    expect(c.events.map((e) => e.kind)).toEqual(['opened', 'note', 'closed']);
    expect((await getSignal(compliance(), { signalId: s })).status).toBe('confirmed');
    const after = (await detectorStats(compliance())).find((d) => d.kind === kind)!;
    expect(after).toMatchObject({ confirmed: 1, dismissed: 1, total: 2, precision: 0.5 });
    expect(await auditActions(s)).toEqual(['signal.escalate', 'signal.confirmed']);
    expect((await auditActions(opened.id)).at(-1)).toBe('case.closed');
    // Closed is final.
    expect(await refusal(addCaseNote(compliance(), { caseId: opened.id, body: 'late' }))).toMatch(
      /closed/,
    );

    // Unsubstantiated dismisses the signals.
    const s2 = await signal(kind);
    const second = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Travel two',
        severity: 'low',
        signalIds: [s2],
      }),
    );
    await closeCase(compliance(), {
      caseId: second.id,
      outcome: 'unsubstantiated',
      rationale: 'Travel was booked and approved.',
    });
    expect((await getSignal(compliance(), { signalId: s2 })).status).toBe('dismissed');
    const last = (await detectorStats(compliance())).find((d) => d.kind === kind)!;
    expect(last.precision).toBeCloseTo(1 / 3);
    // Every detector kind is listed, with "no outcome" as null.
    expect((await detectorStats(compliance())).find((d) => d.kind === 'mfa_tampering')).toEqual({
      kind: 'mfa_tampering',
      open: 0,
      inCase: 0,
      confirmed: 0,
      dismissed: 0,
      total: 0,
      precision: null,
    });
  });

  it('refuses managers and auditors changes; auditors read', async () => {
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Roles',
        severity: 'low',
        personIds: [personId],
      }),
    );
    const manager = await callerFor(a, 'manager');
    for (const call of [
      () => manager.cases.list({}),
      () => manager.cases.get({ caseId: opened.id }),
      () => manager.cases.addNote({ caseId: opened.id, body: 'x' }),
      () => manager.signals.detectors(),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe('FORBIDDEN');
    }
    const auditor = await callerFor(a, 'auditor');
    expect((await auditor.cases.get({ caseId: opened.id })).title).toBe('Roles');
    const err = await auditor.cases
      .close({ caseId: opened.id, outcome: 'unsubstantiated', rationale: 'not mine to close' })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe('FORBIDDEN');
    expect(
      await refusal(
        openCase(
          actorFor(a, 'auditor'),
          openCaseSchema.parse({
            title: 'Auditor case',
            severity: 'low',
            personIds: [personId],
          }),
        ),
      ),
    ).toMatch(/compliance officers and admins/);
    // Assignees are investigators only.
    expect(
      await refusal(
        openCase(
          compliance(),
          openCaseSchema.parse({
            title: 'Bad assignee',
            severity: 'low',
            personIds: [personId],
            assigneeUserId: a.users.manager.id,
          }),
        ),
      ),
    ).toMatch(/active compliance officer or admin/);
  });

  it('keeps tenants apart (row-level security)', async () => {
    const opened = await openCase(
      compliance(),
      openCaseSchema.parse({
        title: 'Alpha only',
        severity: 'low',
        personIds: [personId],
      }),
    );
    const bCompliance = actorFor(b, 'compliance');
    expect((await listCases(bCompliance, listCasesSchema.parse({ status: 'all' }))).items).toEqual(
      [],
    );
    expect(await refusal(getCase(bCompliance, { caseId: opened.id }))).toMatch(/No such case/);
    expect(
      await refusal(addCaseNote(bCompliance, { caseId: opened.id, body: 'cross-tenant' })),
    ).toMatch(/No such case/);
    // B cannot link A's signal or person into a case of its own.
    const aSignal = await signal('off_hours');
    expect(
      await refusal(
        openCase(
          bCompliance,
          openCaseSchema.parse({ title: 'Steal', severity: 'low', signalIds: [aSignal] }),
        ),
      ),
    ).toMatch(/do not exist here/);
    // Even a raw read under B's tenant sees none of A's case rows.
    const seen = await withTenant({ orgId: b.id, userId: b.users.admin.id }, async (tx) => {
      const count = async (table: string) =>
        rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
        )[0]?.n;
      return {
        cases: await count('cases'),
        events: await count('case_events'),
        signals: await count('case_signals'),
        people: await count('case_people'),
      };
    });
    expect(seen).toEqual({ cases: 0, events: 0, signals: 0, people: 0 });
  });
});
