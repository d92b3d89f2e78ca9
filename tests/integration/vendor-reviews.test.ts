import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import {
  changeVendorStatusSchema,
  listVendorsSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { vendorRiskSchema } from '@/server/domain/risk/inputs';
import { updateOrganizationSchema } from '@/server/domain/tenancy/organization-inputs';
import { isoDay } from '@/server/domain/time';
import { addMonths } from '@/server/domain/vendor-reviews/cadence';
import {
  addFindingSchema,
  decideVendorReviewSchema,
  listVendorReviewsSchema,
  returnVendorReviewSchema,
  reviewIdSchema,
  saveAnswersSchema,
  startVendorReviewSchema,
  submitVendorReviewSchema,
  updateFindingSchema,
  updateQuestionnaireSchema,
  vendorReviewSummarySchema,
} from '@/server/domain/vendor-reviews/inputs';
import { DEFAULT_REVIEW_QUESTIONS } from '@/server/domain/vendor-reviews/questionnaire';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { listVendors } from '@/server/services/inventory/vendor-queries';
import { overviewDashboard } from '@/server/services/overview/overview-queries';
import { getVendorRisk } from '@/server/services/risk/queries';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import type { OrgActor } from '@/server/services/shared/actor';
import { addUserAsOperator } from '@/server/services/tenancy/members';
import { updateOrganization } from '@/server/services/tenancy/organizations';
import {
  openReviewAttachment,
  uploadReviewAttachment,
} from '@/server/services/vendor-reviews/attachments';
import * as findings from '@/server/services/vendor-reviews/findings';
import * as questionnaire from '@/server/services/vendor-reviews/questionnaire';
import * as commands from '@/server/services/vendor-reviews/review-commands';
import * as queries from '@/server/services/vendor-reviews/review-queries';
import { scheduleVendorReviews } from '@/server/services/vendor-reviews/scheduler';
import { databaseError, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, TEST_PASSWORD, type TestOrg } from '../helpers/fixtures';
import { parsing } from '../helpers/parsed';

const addReviewFinding = parsing(addFindingSchema, findings.addReviewFinding);
const updateReviewFinding = parsing(updateFindingSchema, findings.updateReviewFinding);
const updateReviewQuestionnaire = parsing(
  updateQuestionnaireSchema,
  questionnaire.updateReviewQuestionnaire,
);
const startVendorReview = parsing(startVendorReviewSchema, commands.startVendorReview);
const saveReviewAnswers = parsing(saveAnswersSchema, commands.saveReviewAnswers);
const submitVendorReview = parsing(submitVendorReviewSchema, commands.submitVendorReview);
const returnVendorReview = parsing(returnVendorReviewSchema, commands.returnVendorReview);
const decideVendorReview = parsing(decideVendorReviewSchema, commands.decideVendorReview);
const listVendorReviews = parsing(listVendorReviewsSchema, queries.listVendorReviews);
const getVendorReview = parsing(reviewIdSchema, queries.getVendorReview);
const vendorReviewSummary = parsing(vendorReviewSummarySchema, queries.vendorReviewSummary);

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let second: OrgActor;
let n = 0;

const compliance = () => actorFor(a, 'compliance');
const admin = () => actorFor(a, 'admin');
const today = () => isoDay(new Date());
const allYes = Object.fromEntries(
  DEFAULT_REVIEW_QUESTIONS.map((q) => [q.id, q.kind === 'yes_no' ? 'yes' : 'Described in full']),
);

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { code: e.code ?? 'unknown', message: e.message ?? String(error) };
  }
  throw new Error('expected a refusal');
}

async function activeVendor(org: TestOrg, name: string, fundsAccess = false) {
  const actor = actorFor(org, 'admin');
  const v = await createVendor(
    actor,
    vendorInputSchema.parse({
      name,
      country: 'PH',
      questionnaire: { productionAccess: true, fundsAccess },
    }),
  );
  for (const status of ['onboarding', 'active'] as const)
    await changeVendorStatus(
      actor,
      changeVendorStatusSchema.parse({ vendorId: v.id, status, reason: 'test setup' }),
    );
  return v;
}

async function* chunksOf(bytes: Uint8Array, size = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const pdf = (body = 'evidence') => new TextEncoder().encode(`%PDF-1.7\n${body}\n%%EOF\n`);

async function submittedReview(vendorId: string, by = compliance()) {
  const { id } = await startVendorReview(by, { vendorId, kind: 'periodic' });
  await saveReviewAnswers(by, { reviewId: id, answers: allYes });
  await submitVendorReview(by, { reviewId: id });
  return id;
}

async function auditCount(orgId: string) {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from audit_log where org_id = ${orgId}`,
  );
  return row!.n;
}

async function vendorDates(vendorId: string) {
  const [row] = await rawRows<{ last: string | null; next: string | null }>(
    sql`select last_review_at::text as last, next_review_at::text as next from vendors where id = ${vendorId}`,
  );
  return row!;
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('vralpha');
  b = await createTestOrg('vrbravo');
  const added = await addUserAsOperator(a.id, {
    email: 'second@vralpha.test',
    role: 'compliance',
    password: TEST_PASSWORD,
  });
  if (added.kind === 'invited') throw new Error('expected an account');
  second = { ...compliance(), userId: added.userId, email: 'second@vralpha.test' };
});
afterAll(() => teardown());

describe('vendor review workflow', () => {
  it('runs a review to approved with conditions, by an approver other than the reviewer', async () => {
    const vendor = await activeVendor(a, 'Flow Vendor');
    const { id } = await startVendorReview(compliance(), {
      vendorId: vendor.id,
      kind: 'onboarding',
    });
    expect((await refusal(submitVendorReview(compliance(), { reviewId: id }))).message).toMatch(
      /Answer every required question/,
    );
    await saveReviewAnswers(compliance(), { reviewId: id, answers: allYes });
    await submitVendorReview(compliance(), { reviewId: id });

    // The reviewer may not decide, and trying changes nothing.
    const auditBefore = await auditCount(a.id);
    const datesBefore = await vendorDates(vendor.id);
    const refused = await refusal(
      decideVendorReview(compliance(), {
        reviewId: id,
        decision: 'approved_with_conditions',
        conditions: 'Renew ISO 27001 within 60 days',
      }),
    );
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/reviewer ≠ approver/);
    expect(await auditCount(a.id)).toBe(auditBefore);
    expect(await vendorDates(vendor.id)).toEqual(datesBefore);
    expect((await getVendorReview(admin(), { reviewId: id })).status).toBe('awaiting_decision');

    // Conditions are required for a conditional approval.
    expect(
      (
        await refusal(
          decideVendorReview(admin(), { reviewId: id, decision: 'approved_with_conditions' }),
        )
      ).message,
    ).toMatch(/conditions/);

    const decided = await decideVendorReview(admin(), {
      reviewId: id,
      decision: 'approved_with_conditions',
      conditions: 'Renew ISO 27001 within 60 days',
    });
    const review = await getVendorReview(compliance(), { reviewId: id });
    expect(review).toMatchObject({
      status: 'decided',
      decision: 'approved_with_conditions',
      conditions: 'Renew ISO 27001 within 60 days',
      reviewer: a.users.compliance.email,
      approver: a.users.admin.email,
    });
    expect(review.completedAt).not.toBeNull();
    // Production access without funds: a high-tier vendor, next review in 12 months (default).
    const [tier] = await rawRows<{ tier: string }>(
      sql`select tier from vendors where id = ${vendor.id}`,
    );
    const months = { critical: 6, high: 12, medium: 24, low: 36 }[tier!.tier as 'high'];
    const expected = addMonths(new Date(`${today()}T00:00:00Z`), months)
      .toISOString()
      .slice(0, 10);
    expect(decided).toMatchObject({ lastReviewAt: today(), nextReviewAt: expected });
    expect(await vendorDates(vendor.id)).toEqual({ last: today(), next: expected });
    const actions = await rawRows<{ action: string }>(
      sql`select action from audit_log where org_id = ${a.id} and (entity_id = ${id} or entity_id = ${vendor.id}) order by seq`,
    );
    expect(actions.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'vendor_review.started',
        'vendor_review.answers_saved',
        'vendor_review.submitted',
        'vendor_review.decided',
        'vendor.review_dates_changed',
      ]),
    );
  });

  it('uses the organization’s cadence for the tier', async () => {
    const org = await rawRows<{ name: string; settings: Record<string, unknown> }>(
      sql`select name, settings from organizations where id = ${a.id}`,
    );
    await updateOrganization(
      admin(),
      updateOrganizationSchema.parse({
        name: org[0]!.name,
        settings: {
          ...org[0]!.settings,
          reviewCadenceMonths: { critical: 3, high: 3, medium: 3, low: 3 },
        } as never,
      }),
    );
    const vendor = await activeVendor(a, 'Cadence Vendor');
    const id = await submittedReview(vendor.id);
    const result = await decideVendorReview(admin(), { reviewId: id, decision: 'approved' });
    expect(result.nextReviewAt).toBe(
      addMonths(new Date(`${today()}T00:00:00Z`), 3)
        .toISOString()
        .slice(0, 10),
    );
  });

  it('refuses anyone who answered, and a rejection without rationale', async () => {
    const vendor = await activeVendor(a, 'Answered Vendor');
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'ad_hoc' });
    // The admin answers too: now neither may decide; a third member can.
    await saveReviewAnswers(admin(), { reviewId: id, answers: allYes });
    await submitVendorReview(compliance(), { reviewId: id });
    expect(
      (await refusal(decideVendorReview(admin(), { reviewId: id, decision: 'approved' }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await refusal(decideVendorReview(second, { reviewId: id, decision: 'rejected' }))).message,
    ).toMatch(/rejection/i);
    // Sent back, edited, resubmitted, then rejected with a rationale.
    await returnVendorReview(second, { reviewId: id, reason: 'Attach the pen-test report' });
    await saveReviewAnswers(compliance(), { reviewId: id, answers: allYes });
    await submitVendorReview(compliance(), { reviewId: id });
    const before = await vendorDates(vendor.id);
    await decideVendorReview(second, {
      reviewId: id,
      decision: 'rejected',
      rationale: 'No MFA on administrator accounts',
    });
    // A rejection does not move the next review date.
    expect((await vendorDates(vendor.id)).next).toBe(before.next);
  });

  it('blocks a plain approval while a serious finding is open; findings feed vendor risk', async () => {
    const vendor = await activeVendor(a, 'Finding Vendor');
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'periodic' });
    const finding = await addReviewFinding(compliance(), {
      reviewId: id,
      title: 'No MFA for support agents',
      severity: 'critical',
      remediation: 'Enforce MFA in the vendor IdP',
      ownerUserId: a.users.compliance.id,
      dueOn: today(),
    });
    const jobs = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from jobs where kind = 'risk.recompute_org' and payload->>'orgId' = ${a.id}`,
    );
    expect(jobs[0]!.n).toBeGreaterThan(0);
    await recomputeOrgRisk(a.id);
    const risk = await getVendorRisk(compliance(), vendorRiskSchema.parse({ vendorId: vendor.id }));
    expect(JSON.stringify(risk)).toContain('vendor:open_finding_critical');

    await saveReviewAnswers(compliance(), { reviewId: id, answers: allYes });
    await submitVendorReview(compliance(), { reviewId: id });
    expect(
      (await refusal(decideVendorReview(admin(), { reviewId: id, decision: 'approved' }))).message,
    ).toMatch(/Open high or critical findings/);

    expect(
      (
        await refusal(
          updateReviewFinding(compliance(), {
            findingId: finding.id,
            status: 'accepted_risk',
            ownerUserId: null,
            dueOn: null,
            note: '',
          }),
        )
      ).message,
    ).toMatch(/reason/);
    await updateReviewFinding(compliance(), {
      findingId: finding.id,
      status: 'remediated',
      ownerUserId: a.users.compliance.id,
      dueOn: null,
      note: 'MFA enforced, screenshot attached',
    });
    await decideVendorReview(admin(), { reviewId: id, decision: 'approved' });
    await recomputeOrgRisk(a.id);
    const after = await getVendorRisk(
      compliance(),
      vendorRiskSchema.parse({ vendorId: vendor.id }),
    );
    expect(JSON.stringify(after)).not.toContain('vendor:open_finding_critical');
    const summary = await vendorReviewSummary(compliance(), { vendorId: vendor.id });
    expect(summary.openFindings).toEqual([]);
    expect(summary.reviews[0]).toMatchObject({ decision: 'approved', status: 'decided' });
  });

  it('lists reviews a page at a time, open ones first, in one stable order', async () => {
    const whole = await listVendorReviews(compliance(), { status: 'all', limit: 200 });
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listVendorReviews(compliance(), { status: 'all', limit: 2, cursor });
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(whole.items.map((r) => r.id));
    const decidedAt = whole.items.findIndex((r) => r.status === 'decided');
    if (decidedAt >= 0)
      expect(whole.items.slice(decidedAt).every((r) => r.status === 'decided')).toBe(true);
    await expect(
      listVendorReviews(compliance(), { status: 'all', cursor: 'bogus' }),
    ).rejects.toThrow(/no longer valid/);
  });

  it("corrects a finding's terms while the review is open, and keeps them once decided", async () => {
    const vendor = await activeVendor(a, 'Wording Vendor');
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'ad_hoc' });
    const finding = await addReviewFinding(compliance(), {
      reviewId: id,
      title: 'Shared admin acount',
      severity: 'high',
      remediation: 'Split the account',
    });
    const keep = { findingId: finding.id, status: 'open', ownerUserId: null, dueOn: null } as const;
    await updateReviewFinding(compliance(), {
      ...keep,
      title: 'Shared admin account',
      severity: 'medium',
      remediation: 'Give each agent a named account',
    });
    const [row] = await rawRows<{ title: string; severity: string; remediation: string }>(
      sql`select title, severity, remediation from vendor_review_findings where id = ${finding.id}`,
    );
    expect(row).toEqual({
      title: 'Shared admin account',
      severity: 'medium',
      remediation: 'Give each agent a named account',
    });
    const [entry] = await rawRows<{ before: { severity: string }; after: { severity: string } }>(
      sql`select before, after from audit_log where org_id = ${a.id} and entity_id = ${finding.id}
        and action = 'vendor_review.finding_updated' order by seq desc limit 1`,
    );
    expect([entry!.before.severity, entry!.after.severity]).toEqual(['high', 'medium']);
    expect(
      (await refusal(updateReviewFinding(compliance(), { ...keep, title: 'ab' }))).message,
    ).toMatch(/title/);

    await saveReviewAnswers(compliance(), { reviewId: id, answers: allYes });
    await submitVendorReview(compliance(), { reviewId: id });
    await decideVendorReview(admin(), {
      reviewId: id,
      decision: 'approved_with_conditions',
      conditions: 'Named accounts within 30 days',
    });
    // After the decision the terms it was taken on stay; the remediation still moves along.
    expect(
      (await refusal(updateReviewFinding(compliance(), { ...keep, severity: 'low' }))).message,
    ).toMatch(/keep their title, severity and remediation/);
    await updateReviewFinding(compliance(), { ...keep, status: 'in_progress', note: 'Started' });
    const [after] = await rawRows<{ severity: string; status: string }>(
      sql`select severity, status from vendor_review_findings where id = ${finding.id}`,
    );
    expect(after).toEqual({ severity: 'medium', status: 'in_progress' });
  });

  it('allows one open review per vendor and none by auditors or managers', async () => {
    const vendor = await activeVendor(a, 'Single Vendor');
    await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'periodic' });
    expect(
      (await refusal(startVendorReview(admin(), { vendorId: vendor.id, kind: 'ad_hoc' }))).code,
    ).toBe('CONFLICT');
    for (const role of ['auditor', 'manager'] as const)
      expect(
        (
          await refusal(
            startVendorReview(actorFor(a, role), { vendorId: vendor.id, kind: 'ad_hoc' }),
          )
        ).code,
      ).toBe('FORBIDDEN');
  });

  it('snapshots the questionnaire a review started with', async () => {
    const vendor = await activeVendor(a, 'Snapshot Vendor');
    await updateReviewQuestionnaire(compliance(), {
      questions: [
        {
          id: 'encrypts_backups',
          prompt: 'Are backups encrypted?',
          kind: 'yes_no',
          required: true,
        },
      ],
    });
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'ad_hoc' });
    await updateReviewQuestionnaire(compliance(), { questions: DEFAULT_REVIEW_QUESTIONS });
    const review = await getVendorReview(compliance(), { reviewId: id });
    expect(review.questions.map((q) => q.id)).toEqual(['encrypts_backups']);
  });
});

describe('evidence files', () => {
  let reviewId: string;
  beforeAll(async () => {
    const vendor = await activeVendor(a, 'Evidence Vendor');
    reviewId = (await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'periodic' }))
      .id;
  });

  const evidenceRows = () =>
    rawRows<{ n: number }>(
      sql`select count(*)::int as n from vendor_review_evidence where review_id = ${reviewId}`,
    );

  it('stores the file in the database with its SHA-256, and downloads it audited', async () => {
    const bytes = pdf('x'.repeat(5000));
    const stored = await uploadReviewAttachment(
      compliance(),
      { reviewId, fileName: '../SOC 2 report.pdf' },
      chunksOf(bytes),
    );
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stored).toMatchObject({ fileName: 'SOC 2 report.pdf', sizeBytes: bytes.length });
    const review = await getVendorReview(admin(), { reviewId });
    expect(review.evidence[0]).toMatchObject({
      sha256: stored.sha256,
      contentType: 'application/pdf',
    });
    // Uploading counts as working on the review: the uploader may not decide it.
    expect(review.answeredBy).toContain(a.users.compliance.email);

    const file = await openReviewAttachment(actorFor(a, 'auditor'), { attachmentId: stored.id });
    const read = new Uint8Array(await new Response(file.body).arrayBuffer());
    expect(createHash('sha256').update(read).digest('hex')).toBe(stored.sha256);
    const audit = await rawRows<{ action: string }>(
      sql`select action from audit_log where entity_id = ${stored.id} order by seq`,
    );
    expect(audit.map((r) => r.action)).toEqual([
      'vendor_review.evidence_uploaded',
      'vendor_review.evidence_downloaded',
    ]);
  });

  it('keeps evidence append-only for the app role', async () => {
    const tenant = { orgId: a.id, userId: a.users.admin.id };
    expect(
      await databaseError(
        withTenant(tenant, (tx) => tx.execute(sql`update vendor_review_evidence set sha256 = 'x'`)),
      ),
    ).toMatch(/permission denied/);
    expect(
      await databaseError(
        withTenant(tenant, (tx) => tx.execute(sql`delete from vendor_review_evidence`)),
      ),
    ).toMatch(/permission denied/);
  });

  it('refuses files over the size limit and of the wrong type, storing nothing', async () => {
    const [before] = await evidenceRows();
    const auditBefore = await auditCount(a.id);
    const big = await refusal(
      uploadReviewAttachment(
        compliance(),
        { reviewId, fileName: 'big.pdf' },
        chunksOf(pdf('y'.repeat(10_000))),
        { maxBytes: 4096 },
      ),
    );
    expect(big).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const exe = await refusal(
      uploadReviewAttachment(
        compliance(),
        { reviewId, fileName: 'tool.exe' },
        chunksOf(new Uint8Array([0x4d, 0x5a, 0x90, 0])),
      ),
    );
    expect(exe).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const renamed = await refusal(
      uploadReviewAttachment(
        compliance(),
        { reviewId, fileName: 'report.pdf' },
        chunksOf(new TextEncoder().encode('<html><script>alert(1)</script></html>')),
      ),
    );
    expect(renamed.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(renamed.message).toMatch(/not a PDF/);
    expect((await evidenceRows())[0]).toEqual(before);
    expect(await auditCount(a.id)).toBe(auditBefore);
    expect(
      (
        await refusal(
          uploadReviewAttachment(
            actorFor(a, 'auditor'),
            { reviewId, fileName: 'a.txt' },
            chunksOf(pdf()),
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('stores files in a configured folder, named by id', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-evidence-'));
    try {
      const bytes = new TextEncoder().encode('name,role\nAda,admin\n'.repeat(500));
      const stored = await uploadReviewAttachment(
        compliance(),
        { reviewId, fileName: 'roster.csv' },
        chunksOf(bytes, 777),
        { dir },
      );
      expect(await readdir(path.join(dir, a.id))).toEqual([stored.id]);
      const [row] = await rawRows<{ storage: string; content: unknown }>(
        sql`select storage, content from vendor_review_evidence where id = ${stored.id}`,
      );
      expect(row).toMatchObject({ storage: 'folder', content: null });
      const file = await openReviewAttachment(compliance(), { attachmentId: stored.id }, { dir });
      const read = new Uint8Array(await new Response(file.body).arrayBuffer());
      expect(createHash('sha256').update(read).digest('hex')).toBe(stored.sha256);
      // A refused upload leaves no partial file behind.
      await refusal(
        uploadReviewAttachment(
          compliance(),
          { reviewId, fileName: 'roster2.csv' },
          chunksOf(bytes, 777),
          { dir, maxBytes: 5000 },
        ),
      );
      expect(await readdir(path.join(dir, a.id))).toEqual([stored.id]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scheduled periodic reviews', () => {
  it('dates a live vendor never reviewed today and opens its onboarding review', async () => {
    const org = await createTestOrg(`first-review-${++n}`);
    const activated = await activeVendor(org, 'Activated Vendor');
    const imported = await activeVendor(org, 'Imported Vendor');
    // Activation dates the first review at once; a vendor imported as active has no date yet.
    const [row] = await rawRows<{ next: string }>(
      sql`select next_review_at::text as next from vendors where id = ${activated.id}`,
    );
    expect(row!.next).toBe(isoDay(new Date()));
    await rawRows(sql`update vendors set next_review_at = null where id = ${imported.id}`);
    expect((await scheduleVendorReviews(org.id)).opened).toBe(2);
    const list = await listVendorReviews(actorFor(org, 'compliance'), {});
    expect(list.items.map((r) => [r.vendorName, r.kind]).sort()).toEqual([
      ['Activated Vendor', 'onboarding'],
      ['Imported Vendor', 'onboarding'],
    ]);
    const audit = await rawRows<{ entity_id: string }>(
      sql`select entity_id from audit_log where org_id = ${org.id} and action = 'vendor.first_review_due'`,
    );
    expect(audit.map((a) => a.entity_id)).toEqual([imported.id]);
    expect((await scheduleVendorReviews(org.id)).opened).toBe(0);
  });

  it('opens one review per due vendor, however often it runs', async () => {
    const due = await activeVendor(b, `Due Vendor ${++n}`);
    const far = await activeVendor(b, `Far Vendor ${n}`);
    await rawRows(
      sql`update vendors set last_review_at = current_date - 300, next_review_at = current_date + 10 where id = ${due.id}`,
    );
    await rawRows(sql`update vendors set next_review_at = current_date + 200 where id = ${far.id}`);
    const runs = await Promise.all([scheduleVendorReviews(b.id), scheduleVendorReviews(b.id)]);
    expect(runs.reduce((s, r) => s + r.opened, 0)).toBe(1);
    expect((await scheduleVendorReviews(b.id)).opened).toBe(0);
    // The daily job fans out per organization and runs the same pass.
    expect(await JOB_HANDLERS['vendor_reviews.schedule_org']!({ orgId: b.id })).toEqual({
      opened: 0,
      vendors: [],
    });
    expect(SCHEDULE).toContainEqual({ kind: 'vendor_reviews.schedule', everyMs: 86_400_000 });
    const list = await listVendorReviews(actorFor(b, 'compliance'), {});
    expect(list.items.map((r) => [r.vendorName, r.kind, r.source])).toEqual([
      [`Due Vendor ${n}`, 'periodic', 'schedule'],
    ]);
    const [audit] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where org_id = ${b.id} and action = 'vendor_review.scheduled'`,
    );
    expect(audit!.n).toBe(1);
    // The first person to answer a scheduled review becomes its reviewer.
    const id = list.items[0]!.id;
    await saveReviewAnswers(actorFor(b, 'compliance'), { reviewId: id, answers: allYes });
    expect((await getVendorReview(actorFor(b, 'admin'), { reviewId: id })).reviewer).toBe(
      b.users.compliance.email,
    );
  });
});

describe('overdue', () => {
  it('the vendor page, vendor list and overview agree, and an approval clears it', async () => {
    const c = actorFor(b, 'compliance');
    const vendor = await activeVendor(b, 'Overdue Vendor');
    const overdueNow = async () => ({
      summary: (await vendorReviewSummary(c, { vendorId: vendor.id })).overdue,
      listed: (await listVendors(c, listVendorsSchema.parse({ reviewOverdue: true }))).vendors.some(
        (v) => v.id === vendor.id && v.reviewOverdue,
      ),
      overview: (await overviewDashboard(c)).overdue!.vendorReviews,
    });
    const before = (await overdueNow()).overview;
    await rawRows(
      sql`update vendors set next_review_at = current_date - 3 where id = ${vendor.id}`,
    );
    expect(await overdueNow()).toEqual({ summary: true, listed: true, overview: before + 1 });
    const id = await submittedReview(vendor.id, c);
    await decideVendorReview(actorFor(b, 'admin'), { reviewId: id, decision: 'approved' });
    expect(await overdueNow()).toEqual({ summary: false, listed: false, overview: before });
  });
});

describe('tenant isolation and scope', () => {
  it('keeps one organization’s reviews, evidence and findings from another', async () => {
    const vendor = await activeVendor(a, 'Private Vendor');
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'periodic' });
    const file = await uploadReviewAttachment(
      compliance(),
      { reviewId: id, fileName: 'private.pdf' },
      chunksOf(pdf()),
    );
    const outsider = actorFor(b, 'admin');
    expect((await refusal(getVendorReview(outsider, { reviewId: id }))).code).toBe('NOT_FOUND');
    expect((await refusal(openReviewAttachment(outsider, { attachmentId: file.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await refusal(saveReviewAnswers(outsider, { reviewId: id, answers: allYes }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          uploadReviewAttachment(outsider, { reviewId: id, fileName: 'x.pdf' }, chunksOf(pdf())),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await listVendorReviews(outsider, { status: 'all', vendorId: vendor.id })).items,
    ).toEqual([]);
    expect((await refusal(vendorReviewSummary(outsider, { vendorId: vendor.id }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('shows managers the reviews of the vendors they own only', async () => {
    const manager = actorFor(a, 'manager');
    const vendor = await activeVendor(a, 'Unowned Vendor');
    const { id } = await startVendorReview(compliance(), { vendorId: vendor.id, kind: 'periodic' });
    expect((await refusal(getVendorReview(manager, { reviewId: id }))).code).toBe('NOT_FOUND');
    await rawRows(
      sql`update vendors set owner_user_id = ${a.users.manager.id} where id = ${vendor.id}`,
    );
    const review = await getVendorReview(manager, { reviewId: id });
    expect(review.viewer).toMatchObject({ canEdit: false, canDecide: false });
    const listed = await listVendorReviews(manager, { status: 'all' });
    expect(listed.items.map((r) => r.vendorName)).toEqual(['Unowned Vendor']);
  });
});
