import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { accessGrants, auditLog, jobs, people } from '@/db/schema';
import {
  decideAccessStepSchema,
  listGrantsSchema,
  revokeAccessGrantSchema,
} from '@/server/domain/access/inputs';
import {
  changeVendorStatusSchema,
  personInputSchema,
  systemInputSchema,
  toxicPairInputSchema,
  updatePersonSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { JOB_HANDLERS } from '@/server/jobs/handlers';
import { runDueJobs, scheduleRecurringJobs } from '@/server/jobs/worker';
import { revokeAccessGrant } from '@/server/services/access/grant-changes';
import { approvalInbox, getGrant, listGrants } from '@/server/services/access/grant-queries';
import { sweepOrganizationGrants } from '@/server/services/access/lifecycle';
import {
  decideAccessStep,
  requestAccess,
  withdrawAccessRequest,
} from '@/server/services/access/requests';
import { createPerson, updatePerson } from '@/server/services/inventory/people-commands';
import { addToxicPair, createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { claimJobs, enqueueJob, failJob } from '@/server/services/jobs/queue';
import { UserFacingError } from '@/server/services/shared/errors';
import { asOwner, databaseError, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

let teardown: () => Promise<void>;
let org: TestOrg;
let managerPersonId: string;
let adaId: string; // employee reporting to the manager, fully screened
let vendorStaffId: string; // unscreened contractor of an onboarding vendor
let vendorId: string;
let priv: Record<string, string>;

async function refused(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  // Bad input fails zod parsing before the service runs; refusals are UserFacingErrors.
  expect(error instanceof UserFacingError || error instanceof ZodError).toBe(true);
  expect((error as Error).message).toMatch(pattern);
}

const compliance = () => actorFor(org, 'compliance');
const manager = () => actorFor(org, 'manager');
const admin = () => actorFor(org, 'admin');

async function grantStatus(grantId: string) {
  const [row] = await asOwner((tx) =>
    tx
      .select({ status: accessGrants.status })
      .from(accessGrants)
      .where(eq(accessGrants.id, grantId)),
  );
  return row?.status;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('acc');
  const mgr = await createPerson(
    compliance(),
    personInputSchema.parse({
      email: org.users.manager.email,
      fullName: 'Mona Manager',
      type: 'employee',
      identityVerified: true,
      backgroundCheckStatus: 'clear',
    }),
  );
  managerPersonId = mgr.id;
  await asOwner((tx) =>
    tx.update(people).set({ userId: org.users.manager.id }).where(eq(people.id, managerPersonId)),
  );
  adaId = (
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'ada@acc.test',
        fullName: 'Ada Okafor',
        type: 'employee',
        managerId: managerPersonId,
        identityVerified: true,
        backgroundCheckStatus: 'clear',
      }),
    )
  ).id;
  const vendor = await createVendor(
    compliance(),
    vendorInputSchema.parse({
      name: 'Manila Support',
      questionnaire: { dataCategories: ['customer_pii'] },
    }),
  );
  vendorId = vendor.id;
  await changeVendorStatus(
    compliance(),
    changeVendorStatusSchema.parse({ vendorId, status: 'onboarding', reason: 'Signed MSA' }),
  );
  vendorStaffId = (
    await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'jun@manila.test',
        fullName: 'Jun Reyes',
        type: 'vendor_staff',
        vendorId,
        managerId: managerPersonId,
      }),
    )
  ).id;
  // The admin owns the system: manager → owner (admin) → compliance for critical.
  const system = await createSystem(
    compliance(),
    systemInputSchema.parse({
      name: 'Treasury Payments',
      ownerUserId: org.users.admin.id,
      criticality: 'critical',
      privileges: [
        { name: 'view_payments', sensitivity: 'medium' },
        { name: 'create_payee', sensitivity: 'high' },
        { name: 'approve_payment', sensitivity: 'critical' },
      ],
    }),
  );
  const detail = await getSystem(compliance(), { systemId: system.id });
  priv = Object.fromEntries(detail.privileges.map((p) => [p.name, p.id]));
  await addToxicPair(
    compliance(),
    toxicPairInputSchema.parse({
      privilegeA: priv.create_payee!,
      privilegeB: priv.approve_payment!,
      reason: 'Maker and checker of the same payment',
    }),
  );
});
afterAll(() => teardown());

describe('access requests', () => {
  it('runs manager request → owner approval → active, with every step audited', async () => {
    const { grantId, gate } = await requestAccess(manager(), {
      personId: adaId,
      privilegeId: priv.view_payments!,
      justification: 'Triage of payment incidents this quarter',
      durationDays: 30,
    });
    expect(gate).toEqual([]);
    const detail = await getGrant(manager(), { grantId });
    expect(detail.steps.map((s) => `${s.kind}:${s.status}`)).toEqual([
      'manager:skipped',
      'system_owner:pending',
    ]);
    // The requester never approves; the owner's inbox holds it.
    await refused(decideAccessStep(manager(), { grantId, decision: 'approve' }), /own request/);
    expect((await approvalInbox(admin())).map((g) => g.id)).toContain(grantId);
    expect((await approvalInbox(compliance())).map((g) => g.id)).not.toContain(grantId);
    const result = await decideAccessStep(admin(), { grantId, decision: 'approve', comment: 'ok' });
    expect(result.status).toBe('active');
    const active = await getGrant(compliance(), { grantId });
    expect(active.status).toBe('active');
    expect(active.expiresAt!.getTime() - active.startsAt!.getTime()).toBe(30 * 86_400_000);
    const actions = await asOwner((tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.entityId, grantId))),
    );
    expect(actions.map((a) => a.action)).toEqual([
      'access.requested',
      'access.step_approved',
      'access.grant_activated',
    ]);
    // A second request for the same privilege is a duplicate.
    await refused(
      requestAccess(manager(), {
        personId: adaId,
        privilegeId: priv.view_payments!,
        justification: 'Asking again for the same access',
        durationDays: 10,
      }),
      /already has an open request or grant/,
    );
  });

  it('adds a compliance step for critical privileges and keeps one person to one step', async () => {
    const { grantId } = await requestAccess(compliance(), {
      personId: adaId,
      privilegeId: priv.approve_payment!,
      justification: 'Second approver for payment runs',
      durationDays: 30,
    });
    const steps = (await getGrant(compliance(), { grantId })).steps;
    expect(steps.map((s) => `${s.kind}:${s.status}`)).toEqual([
      'manager:pending',
      'system_owner:pending',
      'compliance:pending',
    ]);
    // The requester (compliance) cannot take the compliance step either.
    await refused(decideAccessStep(admin(), { grantId, decision: 'approve' }), /waits for/);
    await decideAccessStep(manager(), { grantId, decision: 'approve' });
    await decideAccessStep(admin(), { grantId, decision: 'approve' });
    await refused(decideAccessStep(compliance(), { grantId, decision: 'approve' }), /own request/);
    await withdrawAccessRequest(compliance(), { grantId });
    expect(await grantStatus(grantId)).toBe('withdrawn');
  });

  it('refuses over-long durations from settings', async () => {
    await refused(
      requestAccess(manager(), {
        personId: adaId,
        privilegeId: priv.approve_payment!,
        justification: 'A whole year of approvals please',
        durationDays: 31,
      }),
      /at most 30 days/,
    );
  });

  it('gate blocks an unscreened vendor contractor and says why, changing nothing', async () => {
    const { grantId, gate } = await requestAccess(manager(), {
      personId: vendorStaffId,
      privilegeId: priv.view_payments!,
      justification: 'Support agent needs payment status lookups',
      durationDays: 14,
    });
    expect(gate.map((g) => g.code).sort()).toEqual([
      'background_check',
      'identity_unverified',
      'vendor_not_active',
    ]);
    const inbox = await approvalInbox(admin());
    expect(inbox.find((g) => g.id === grantId)?.gate.length).toBe(3);
    await refused(
      decideAccessStep(admin(), { grantId, decision: 'approve' }),
      /pre-access gate refuses approval: .*identity has not been verified.*not clear.*onboarding, not active/,
    );
    expect(await grantStatus(grantId)).toBe('pending');
    await refused(
      (async () =>
        decideAccessStep(admin(), decideAccessStepSchema.parse({ grantId, decision: 'deny' })))(),
      /Say why/,
    );
    await decideAccessStep(admin(), { grantId, decision: 'deny', comment: 'Not screened yet' });
    expect(await grantStatus(grantId)).toBe('denied');
  });

  it('gate blocks a toxic pair', async () => {
    const first = await requestAccess(manager(), {
      personId: adaId,
      privilegeId: priv.create_payee!,
      justification: 'Onboard new payees for the quarter',
      durationDays: 60,
    });
    await decideAccessStep(admin(), { grantId: first.grantId, decision: 'approve' });
    const second = await requestAccess(manager(), {
      personId: adaId,
      privilegeId: priv.approve_payment!,
      justification: 'Also approve the payments she creates',
      durationDays: 7,
    });
    expect(second.gate.map((g) => g.code)).toEqual(['toxic_pair']);
    await refused(
      decideAccessStep(admin(), { grantId: second.grantId, decision: 'approve' }),
      /toxic pair: Maker and checker/,
    );
  });

  it('managers see and request only within their scope; auditors act on nothing', async () => {
    const outsider = await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'zed@acc.test',
        fullName: 'Zed Outside',
        type: 'employee',
      }),
    );
    await refused(
      requestAccess(manager(), {
        personId: outsider.id,
        privilegeId: priv.view_payments!,
        justification: 'Not my report but anyway',
        durationDays: 5,
      }),
      /only for themselves and their direct reports/,
    );
    const list = await listGrants(manager(), listGrantsSchema.parse({ status: 'all' }));
    expect(list.items.every((g) => g.person.id !== outsider.id)).toBe(true);
    expect(await approvalInbox(actorFor(org, 'auditor'))).toEqual([]);
  });
});

describe('revocation and expiry', () => {
  it('expires grants past their date through the durable job, once', async () => {
    const [grant] = (
      await listGrants(compliance(), listGrantsSchema.parse({ personId: adaId, status: 'active' }))
    ).items.filter((g) => g.privilege.name === 'view_payments');
    const grantId = grant!.id;
    await asOwner((tx) =>
      tx
        .update(accessGrants)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(accessGrants.id, grantId)),
    );
    await scheduleRecurringJobs();
    const run = await runDueJobs({ workerId: 'test-worker' });
    expect(run.dead).toBe(0);
    expect(run.done).toBeGreaterThanOrEqual(2); // the sweep and its per-organization job
    expect(await grantStatus(grantId)).toBe('expired');
    // Re-running the sweep finds nothing more (idempotent).
    expect((await sweepOrganizationGrants(org.id)).expired).toBe(0);
  });

  it('revokes a person’s grants when their end date is set in the past', async () => {
    const [grant] = (
      await listGrants(compliance(), listGrantsSchema.parse({ personId: adaId, status: 'active' }))
    ).items;
    expect(grant).toBeDefined();
    const result = await updatePerson(
      compliance(),
      updatePersonSchema.parse({
        personId: adaId,
        person: {
          email: 'ada@acc.test',
          fullName: 'Ada Okafor',
          type: 'employee',
          managerId: managerPersonId,
          identityVerified: true,
          backgroundCheckStatus: 'clear',
          endDate: '2026-01-31',
        },
      }),
    );
    expect(result.revokedGrants).toBeGreaterThanOrEqual(1);
    expect(await grantStatus(grant!.id)).toBe('revoked');
    expect(
      (await listGrants(compliance(), listGrantsSchema.parse({ personId: adaId, status: 'open' })))
        .items,
    ).toEqual([]);
  });

  it('revokes vendor staff grants when the vendor is offboarded', async () => {
    await changeVendorStatus(
      compliance(),
      changeVendorStatusSchema.parse({ vendorId, status: 'active', reason: 'Review passed' }),
    );
    await updatePerson(
      compliance(),
      updatePersonSchema.parse({
        personId: vendorStaffId,
        person: {
          email: 'jun@manila.test',
          fullName: 'Jun Reyes',
          type: 'vendor_staff',
          vendorId,
          managerId: managerPersonId,
          identityVerified: true,
          backgroundCheckStatus: 'clear',
        },
      }),
    );
    const { grantId } = await requestAccess(manager(), {
      personId: vendorStaffId,
      privilegeId: priv.view_payments!,
      justification: 'Support agent needs payment status lookups',
      durationDays: 14,
    });
    await decideAccessStep(admin(), { grantId, decision: 'approve' });
    expect(await grantStatus(grantId)).toBe('active');
    const moved = await changeVendorStatus(
      compliance(),
      changeVendorStatusSchema.parse({
        vendorId,
        status: 'offboarding',
        reason: 'Contract not renewed',
      }),
    );
    expect(moved.revokedGrants).toBe(1);
    expect(await grantStatus(grantId)).toBe('revoked');
  });

  it('lets compliance revoke with a reason, once', async () => {
    const bea = await createPerson(
      compliance(),
      personInputSchema.parse({
        email: 'bea@acc.test',
        fullName: 'Bea Santos',
        type: 'employee',
        managerId: managerPersonId,
        identityVerified: true,
        backgroundCheckStatus: 'clear',
      }),
    );
    const { grantId } = await requestAccess(manager(), {
      personId: bea.id,
      privilegeId: priv.create_payee!,
      justification: 'Cover payee set-up during holidays',
      durationDays: 10,
    });
    await decideAccessStep(admin(), { grantId, decision: 'approve' });
    await refused(
      (async () =>
        revokeAccessGrant(
          compliance(),
          revokeAccessGrantSchema.parse({ grantId, reason: 'no' }),
        ))(),
      /at least 5/,
    );
    await revokeAccessGrant(compliance(), { grantId, reason: 'Holiday cover ended' });
    expect(await grantStatus(grantId)).toBe('revoked');
    await refused(
      revokeAccessGrant(compliance(), { grantId, reason: 'Holiday cover ended' }),
      /already revoked/,
    );
  });
});

describe('job queue', () => {
  it('retries a failing job with backoff, then dead-letters it', async () => {
    await enqueueJob('test.fails', {}, { maxAttempts: 2 });
    // The real handlers too: earlier changes queued risk recomputes that may be due by now.
    const handlers = {
      ...JOB_HANDLERS,
      'test.fails': async () => {
        throw new Error('boom');
      },
    };
    const first = await runDueJobs({ workerId: 'w1', handlers });
    expect(first).toMatchObject({ retried: 1, dead: 0 });
    // Make the retry due now.
    await asOwner((tx) =>
      tx
        .update(jobs)
        .set({ runAt: new Date(0) })
        .where(eq(jobs.kind, 'test.fails')),
    );
    const second = await runDueJobs({ workerId: 'w1', handlers });
    expect(second).toMatchObject({ dead: 1 });
    const [row] = await asOwner((tx) => tx.select().from(jobs).where(eq(jobs.kind, 'test.fails')));
    expect(row).toMatchObject({ status: 'dead', attempts: 2, lastError: 'boom' });
  });

  it('never hands one job to two workers, and re-claims a job whose worker died', async () => {
    await enqueueJob('test.once', { n: 1 }, { dedupeKey: 'test.once:1' });
    expect(await enqueueJob('test.once', { n: 1 }, { dedupeKey: 'test.once:1' })).toBe(false);
    const [a, b] = await Promise.all([claimJobs('wa', 10, 60_000), claimJobs('wb', 10, 60_000)]);
    const claimed = [...a, ...b].filter((j) => j.kind === 'test.once');
    expect(claimed).toHaveLength(1);
    // The worker dies: its lease runs out and another worker takes the job.
    await asOwner((tx) =>
      tx
        .update(jobs)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(jobs.kind, 'test.once')),
    );
    const again = await claimJobs('wc', 10, 60_000);
    expect(again.map((j) => j.kind)).toContain('test.once');
    // The dead worker's late failure report changes nothing.
    await failJob(claimed[0]!, claimed[0]!.lockedBy!, 'late');
    const [row] = await asOwner((tx) => tx.select().from(jobs).where(eq(jobs.kind, 'test.once')));
    expect(row).toMatchObject({ status: 'running', lockedBy: 'wc', attempts: 2 });
  });

  it('is out of reach of the app role', async () => {
    const message = await databaseError(
      asOwner(async (tx) => {
        await tx.execute(sql`set local role vigil_app`);
        await tx.execute(sql`select count(*) from jobs`);
      }),
    );
    expect(message).toMatch(/permission denied/);
  });
});
