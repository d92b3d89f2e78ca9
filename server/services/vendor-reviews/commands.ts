import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  memberships,
  users,
  vendorReviewEvidence,
  vendorReviewFindings,
  vendorReviewQuestionnaires,
  vendorReviews,
  vendors,
} from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { checkReviewDecision, nextReviewDate } from '@/server/domain/vendor-reviews/cadence';
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
import {
  cleanAnswers,
  DEFAULT_REVIEW_QUESTIONS,
  readQuestionSet,
  unansweredQuestions,
  type Answers,
  type Question,
} from '@/server/domain/vendor-reviews/questionnaire';
import {
  countSeriousOpenFindings,
  DECISION_REFUSAL_MESSAGES,
  defaultDueOn,
  findingEditRefusal,
  isFindingOpen,
  isReviewPastDue,
  OPEN_FINDING_STATUSES,
  OPEN_REVIEW_STATUSES,
  REVIEW_EDITING_ROLES,
  reviewDatesAfterDecision,
  reviewEditRefusal,
  SCHEDULED_VENDOR_STATUSES,
  vendorsDueForReview,
  type FindingSeverity,
  type FindingStatus,
  type ReviewStatus,
} from '@/server/domain/vendor-reviews/review';
import { vendorWarnings } from '@/server/domain/inventory/vendor';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { loadOrgSettings } from '@/server/services/access/facts';
import { appendAudit, auditMemberChange, type AuditActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { afterCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { thenRecompute } from '@/server/services/risk/triggers';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';
import { isoDay } from '@/server/domain/time';

/** The scheduler, as it appears in the audit log and as a review's creator. */
const SCHEDULER: AuditActor = { type: 'system', id: null, label: 'vendor review scheduler' };

const todayUtc = (now = new Date()) => isoDay(now);

/**
 * Managers read the reviews of vendors they own, nothing else (spec/README.md: managers do not see
 * what is outside their scope); everyone else in the organization reads them all.
 */
function vendorScope(actor: OrgActor, vendorIdColumn: SQL | typeof vendorReviews.vendorId) {
  if (actor.role !== 'manager') return undefined;
  return sql`exists (select 1 from vendors sv where sv.org_id = ${actor.orgId} and sv.id = ${vendorIdColumn} and sv.owner_user_id = ${actor.userId})`;
}

function assertEditor(actor: OrgActor) {
  if (!REVIEW_EDITING_ROLES.includes(actor.role))
    throw new UserFacingError(
      'FORBIDDEN',
      'Only compliance officers and admins run vendor reviews.',
    );
}

async function audit(
  tx: Tx,
  actor: OrgActor,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await auditMemberChange(tx, actor, {
    action,
    entityType,
    entityId,
    before,
    after,
  });
}

// ---------------------------------------------------------------------------------------------
// Questionnaire

async function loadQuestions(tx: Tx, orgId: string): Promise<Question[]> {
  const [row] = await tx
    .select({ questions: vendorReviewQuestionnaires.questions })
    .from(vendorReviewQuestionnaires)
    .where(eq(vendorReviewQuestionnaires.orgId, orgId));
  return row ? readQuestionSet(row.questions) : DEFAULT_REVIEW_QUESTIONS;
}

export async function getReviewQuestionnaire(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        questions: vendorReviewQuestionnaires.questions,
        updatedAt: vendorReviewQuestionnaires.updatedAt,
        updatedBy: users.email,
      })
      .from(vendorReviewQuestionnaires)
      .leftJoin(users, eq(users.id, vendorReviewQuestionnaires.updatedBy))
      .where(eq(vendorReviewQuestionnaires.orgId, actor.orgId));
    return {
      questions: row ? readQuestionSet(row.questions) : DEFAULT_REVIEW_QUESTIONS,
      isDefault: !row,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

/** Replaces the organization's question set; reviews already started keep theirs. */
export async function updateReviewQuestionnaire(
  actor: OrgActor,
  input: z.input<typeof updateQuestionnaireSchema>,
) {
  assertEditor(actor);
  const { questions } = updateQuestionnaireSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const before = await loadQuestions(tx, actor.orgId);
    await tx
      .insert(vendorReviewQuestionnaires)
      .values({ orgId: actor.orgId, questions, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: vendorReviewQuestionnaires.orgId,
        set: { questions, updatedBy: actor.userId, updatedAt: new Date() },
      });
    await audit(
      tx,
      actor,
      'vendor_review.questionnaire_updated',
      'organization',
      actor.orgId,
      { questions: before },
      { questions },
    );
    return { questions: questions.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

const reviewer = alias(users, 'reviewer');
const approver = alias(users, 'approver');

export async function listVendorReviews(
  actor: OrgActor,
  input: z.input<typeof listVendorReviewsSchema>,
) {
  const f = listVendorReviewsSchema.parse(input);
  const today = todayUtc();
  const conditions: SQL[] = [eq(vendorReviews.orgId, actor.orgId)];
  const scope = vendorScope(actor, vendorReviews.vendorId);
  if (scope) conditions.push(scope);
  if (f.status === 'open' || f.overdue)
    conditions.push(inArray(vendorReviews.status, [...OPEN_REVIEW_STATUSES]));
  else if (f.status !== 'all') conditions.push(eq(vendorReviews.status, f.status));
  if (f.overdue) conditions.push(sql`${vendorReviews.dueOn} < ${today}`);
  if (f.kind) conditions.push(eq(vendorReviews.kind, f.kind));
  if (f.vendorId) conditions.push(eq(vendorReviews.vendorId, f.vendorId));
  // Open reviews first, soonest due first, then oldest started: one ascending keyset.
  const keys = [
    sql`(case when ${vendorReviews.status} = 'decided' then 1 else 0 end)`,
    sql`coalesce(${vendorReviews.dueOn}, date '9999-12-31')`,
    sql`${vendorReviews.createdAt}`,
    sql`${vendorReviews.id}`,
  ];
  const cursor = requireCursor(f.cursor, keys.length);
  if (cursor) conditions.push(afterCursor(keys, cursor));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: vendorReviews.id,
        vendorId: vendorReviews.vendorId,
        vendorName: vendors.name,
        vendorTier: vendors.tier,
        kind: vendorReviews.kind,
        status: vendorReviews.status,
        source: vendorReviews.source,
        dueOn: vendorReviews.dueOn,
        decision: vendorReviews.decision,
        completedAt: vendorReviews.completedAt,
        createdAt: vendorReviews.createdAt,
        reviewer: reviewer.email,
        approver: approver.email,
        openFindings: sql<number>`(select count(*)::int from vendor_review_findings f where f.org_id = ${vendorReviews.orgId} and f.review_id = ${vendorReviews.id} and f.status in ('open', 'in_progress'))`,
        evidence: sql<number>`(select count(*)::int from vendor_review_evidence e where e.org_id = ${vendorReviews.orgId} and e.review_id = ${vendorReviews.id})`,
        // The sort key as the database has it (microseconds included), for the next page's cursor.
        sortKey: sql<
          [number, string, string]
        >`json_build_array(${keys[0]}, ${keys[1]}::text, ${vendorReviews.createdAt}::text)`,
      })
      .from(vendorReviews)
      .innerJoin(
        vendors,
        and(eq(vendors.orgId, vendorReviews.orgId), eq(vendors.id, vendorReviews.vendorId)),
      )
      .leftJoin(reviewer, eq(reviewer.id, vendorReviews.reviewerUserId))
      .leftJoin(approver, eq(approver.id, vendorReviews.approverUserId))
      .where(and(...conditions))
      .orderBy(...keys.map((k) => asc(k)))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = rows.length > f.limit ? page.at(-1) : undefined;
  return {
    items: page.map(({ sortKey: _key, ...r }) => ({ ...r, overdue: isReviewPastDue(r, today) })),
    nextCursor: last ? encodeCursor([...last.sortKey, last.id]) : null,
  };
}

/** Review counts for the navigation and the overview: open, awaiting decision, past due. */
export async function vendorReviewCounts(actor: OrgActor) {
  const today = todayUtc();
  const scope = vendorScope(actor, vendorReviews.vendorId);
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        open: sql<number>`count(*) filter (where ${vendorReviews.status} <> 'decided')::int`,
        awaitingDecision: sql<number>`count(*) filter (where ${vendorReviews.status} = 'awaiting_decision')::int`,
        overdue: sql<number>`count(*) filter (where ${vendorReviews.status} <> 'decided' and ${vendorReviews.dueOn} < ${today})::int`,
      })
      .from(vendorReviews)
      .where(and(eq(vendorReviews.orgId, actor.orgId), scope)),
  );
  return row ?? { open: 0, awaitingDecision: 0, overdue: 0 };
}

async function loadReview(tx: Tx, actor: OrgActor, reviewId: string, lock = false) {
  const q = tx
    .select({
      review: vendorReviews,
      vendor: {
        id: vendors.id,
        name: vendors.name,
        tier: vendors.tier,
        status: vendors.status,
        lastReviewAt: vendors.lastReviewAt,
        nextReviewAt: vendors.nextReviewAt,
        ownerUserId: vendors.ownerUserId,
      },
    })
    .from(vendorReviews)
    .innerJoin(
      vendors,
      and(eq(vendors.orgId, vendorReviews.orgId), eq(vendors.id, vendorReviews.vendorId)),
    )
    .where(
      and(
        eq(vendorReviews.orgId, actor.orgId),
        eq(vendorReviews.id, reviewId),
        vendorScope(actor, vendorReviews.vendorId),
      ),
    );
  const [row] = lock ? await q.for('update', { of: vendorReviews }) : await q;
  if (!row) throw new UserFacingError('NOT_FOUND', 'No such vendor review in this organization.');
  return row;
}

/** Locks an open review for a change to its questionnaire or evidence. */
async function lockEditable(tx: Tx, actor: OrgActor, reviewId: string) {
  assertEditor(actor);
  const row = await loadReview(tx, actor, reviewId, true);
  const refusal = reviewEditRefusal(row.review.status);
  if (refusal) throw new UserFacingError('CONFLICT', refusal);
  return row;
}

const editorOptions = (tx: Tx, orgId: string) =>
  activeMembersInRoles(tx, orgId, REVIEW_EDITING_ROLES);

export async function getVendorReview(actor: OrgActor, input: z.input<typeof reviewIdSchema>) {
  const { reviewId } = reviewIdSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const { review, vendor } = await loadReview(tx, actor, reviewId);
    const emails = new Map<string, string>();
    const ids = [
      review.reviewerUserId,
      review.approverUserId,
      review.createdBy,
      ...review.answeredBy,
    ].filter((x): x is string => Boolean(x));
    if (ids.length > 0)
      for (const u of await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, ids)))
        emails.set(u.id, u.email);
    const uploader = alias(users, 'uploader');
    const evidence = await tx
      .select({
        id: vendorReviewEvidence.id,
        fileName: vendorReviewEvidence.fileName,
        sizeBytes: vendorReviewEvidence.sizeBytes,
        contentType: vendorReviewEvidence.contentType,
        sha256: vendorReviewEvidence.sha256,
        uploadedAt: vendorReviewEvidence.uploadedAt,
        uploadedBy: uploader.email,
      })
      .from(vendorReviewEvidence)
      .leftJoin(uploader, eq(uploader.id, vendorReviewEvidence.uploadedBy))
      .where(
        and(
          eq(vendorReviewEvidence.orgId, actor.orgId),
          eq(vendorReviewEvidence.reviewId, reviewId),
        ),
      )
      .orderBy(asc(vendorReviewEvidence.uploadedAt), asc(vendorReviewEvidence.id));
    const owner = alias(users, 'owner');
    const findings = await tx
      .select({
        id: vendorReviewFindings.id,
        title: vendorReviewFindings.title,
        severity: vendorReviewFindings.severity,
        remediation: vendorReviewFindings.remediation,
        status: vendorReviewFindings.status,
        statusNote: vendorReviewFindings.statusNote,
        ownerUserId: vendorReviewFindings.ownerUserId,
        owner: owner.email,
        dueOn: vendorReviewFindings.dueOn,
        createdAt: vendorReviewFindings.createdAt,
        resolvedAt: vendorReviewFindings.resolvedAt,
      })
      .from(vendorReviewFindings)
      .leftJoin(owner, eq(owner.id, vendorReviewFindings.ownerUserId))
      .where(
        and(
          eq(vendorReviewFindings.orgId, actor.orgId),
          eq(vendorReviewFindings.reviewId, reviewId),
        ),
      )
      .orderBy(asc(vendorReviewFindings.createdAt), asc(vendorReviewFindings.id));
    const questions = readQuestionSet(review.questions);
    const answers = (review.answers ?? {}) as Answers;
    const canEdit = REVIEW_EDITING_ROLES.includes(actor.role);
    const today = todayUtc();
    const excluded = new Set([review.reviewerUserId, ...review.answeredBy]);
    const editors = canEdit ? await editorOptions(tx, actor.orgId) : [];
    return {
      id: review.id,
      kind: review.kind,
      status: review.status,
      source: review.source,
      dueOn: review.dueOn,
      overdue: isReviewPastDue(review, today),
      decision: review.decision,
      conditions: review.conditions,
      rationale: review.rationale,
      submittedAt: review.submittedAt,
      completedAt: review.completedAt,
      createdAt: review.createdAt,
      reviewer: review.reviewerUserId ? (emails.get(review.reviewerUserId) ?? null) : null,
      approver: review.approverUserId ? (emails.get(review.approverUserId) ?? null) : null,
      createdBy: review.createdBy ? (emails.get(review.createdBy) ?? null) : 'scheduler',
      answeredBy: review.answeredBy.map((id) => emails.get(id) ?? id),
      vendor,
      questions,
      answers,
      unanswered: unansweredQuestions(questions, answers).map((q) => q.id),
      evidence,
      findings,
      seriousOpenFindings: countSeriousOpenFindings(findings),
      /** Who may change it, and whether the viewer may decide it (reviewer ≠ approver). */
      viewer: {
        canEdit,
        canDecide: canEdit && !excluded.has(actor.userId),
        reviewedIt: excluded.has(actor.userId),
      },
      /** Members who may decide: editors who neither reviewed nor answered it. */
      deciders: editors.filter((e) => !excluded.has(e.id)).map((e) => e.email),
      /** Finding owners to choose from. */
      owners: editors.map((e) => ({ id: e.id, email: e.email })),
    };
  });
}

/** The vendor page's review panel: history, open findings and whether a review is overdue. */
export async function vendorReviewSummary(
  actor: OrgActor,
  input: z.input<typeof vendorReviewSummarySchema>,
) {
  const { vendorId } = vendorReviewSummarySchema.parse(input);
  const today = todayUtc();
  return withTenant(tenantOf(actor), async (tx) => {
    const [vendor] = await tx
      .select({
        id: vendors.id,
        status: vendors.status,
        contractEnd: vendors.contractEnd,
        lastReviewAt: vendors.lastReviewAt,
        nextReviewAt: vendors.nextReviewAt,
      })
      .from(vendors)
      .where(
        and(
          eq(vendors.orgId, actor.orgId),
          eq(vendors.id, vendorId),
          vendorScope(actor, sql`${vendors.id}`),
        ),
      );
    if (!vendor) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
    const reviews = await tx
      .select({
        id: vendorReviews.id,
        kind: vendorReviews.kind,
        status: vendorReviews.status,
        dueOn: vendorReviews.dueOn,
        decision: vendorReviews.decision,
        conditions: vendorReviews.conditions,
        completedAt: vendorReviews.completedAt,
        createdAt: vendorReviews.createdAt,
        reviewer: reviewer.email,
        approver: approver.email,
      })
      .from(vendorReviews)
      .leftJoin(reviewer, eq(reviewer.id, vendorReviews.reviewerUserId))
      .leftJoin(approver, eq(approver.id, vendorReviews.approverUserId))
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.vendorId, vendorId)))
      .orderBy(desc(vendorReviews.createdAt), asc(vendorReviews.id));
    const owner = alias(users, 'owner');
    const openFindings = await tx
      .select({
        id: vendorReviewFindings.id,
        reviewId: vendorReviewFindings.reviewId,
        title: vendorReviewFindings.title,
        severity: vendorReviewFindings.severity,
        status: vendorReviewFindings.status,
        owner: owner.email,
        dueOn: vendorReviewFindings.dueOn,
      })
      .from(vendorReviewFindings)
      .leftJoin(owner, eq(owner.id, vendorReviewFindings.ownerUserId))
      .where(
        and(
          eq(vendorReviewFindings.orgId, actor.orgId),
          eq(vendorReviewFindings.vendorId, vendorId),
          inArray(vendorReviewFindings.status, [...OPEN_FINDING_STATUSES]),
        ),
      )
      .orderBy(
        sql`case ${vendorReviewFindings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
        asc(vendorReviewFindings.createdAt),
      );
    // Overdue exactly as the vendor warnings, the access gate and the overview count it.
    const overdue = vendorWarnings({ ...vendor, certifications: [] }, today).some(
      (w) => w.kind === 'review_overdue',
    );
    return {
      lastReviewAt: vendor.lastReviewAt,
      nextReviewAt: vendor.nextReviewAt,
      overdue,
      openReviewId: reviews.find((r) => r.status !== 'decided')?.id ?? null,
      reviews: reviews.map((r) => ({ ...r, overdue: isReviewPastDue(r, today) })),
      openFindings,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Changing

const openReviewConflict = () =>
  new UserFacingError(
    'CONFLICT',
    'This vendor already has a review under way: finish or decide it before starting another.',
  );

/** Starts a review by hand: it snapshots the organization's questions; the starter reviews it. */
export async function startVendorReview(
  actor: OrgActor,
  input: z.input<typeof startVendorReviewSchema>,
) {
  assertEditor(actor);
  const f = startVendorReviewSchema.parse(input);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const [vendor] = await tx
        .select({
          id: vendors.id,
          name: vendors.name,
          status: vendors.status,
          next: vendors.nextReviewAt,
        })
        .from(vendors)
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, f.vendorId)))
        .for('update');
      if (!vendor) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
      if (vendor.status === 'terminated')
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `${vendor.name} is terminated; there is nothing left to review.`,
        );
      const [open] = await tx
        .select({ id: vendorReviews.id })
        .from(vendorReviews)
        .where(
          and(
            eq(vendorReviews.orgId, actor.orgId),
            eq(vendorReviews.vendorId, f.vendorId),
            inArray(vendorReviews.status, [...OPEN_REVIEW_STATUSES]),
          ),
        );
      if (open) throw openReviewConflict();
      const questions = await loadQuestions(tx, actor.orgId);
      const dueOn = f.dueOn ?? defaultDueOn(todayUtc(), vendor.next);
      const [row] = await tx
        .insert(vendorReviews)
        .values({
          orgId: actor.orgId,
          vendorId: f.vendorId,
          kind: f.kind,
          source: 'manual',
          questions,
          reviewerUserId: actor.userId,
          dueOn,
          createdBy: actor.userId,
        })
        .returning({ id: vendorReviews.id });
      await audit(tx, actor, 'vendor_review.started', 'vendor_review', row!.id, null, {
        vendorId: f.vendorId,
        vendor: vendor.name,
        kind: f.kind,
        dueOn,
        questions: questions.length,
      });
      return { id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw openReviewConflict();
    throw error;
  }
}

/** Marks the actor as having worked on the review; a scheduled review's first worker reviews it. */
function workedBy(review: { reviewerUserId: string | null; answeredBy: string[] }, userId: string) {
  return {
    reviewerUserId: review.reviewerUserId ?? userId,
    answeredBy: review.answeredBy.includes(userId)
      ? review.answeredBy
      : [...review.answeredBy, userId],
  };
}

export async function saveReviewAnswers(actor: OrgActor, input: z.input<typeof saveAnswersSchema>) {
  const f = saveAnswersSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, f.reviewId);
    const questions = readQuestionSet(review.questions);
    const cleaned = cleanAnswers(questions, f.answers);
    if (!cleaned.ok) throw new UserFacingError('BAD_REQUEST', cleaned.message);
    await tx
      .update(vendorReviews)
      .set({ answers: cleaned.answers, ...workedBy(review, actor.userId), updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.answers_saved',
      'vendor_review',
      review.id,
      { answers: review.answers },
      { answers: cleaned.answers },
    );
    return {
      answered: Object.keys(cleaned.answers).length,
      unanswered: unansweredQuestions(questions, cleaned.answers).length,
    };
  });
}

export async function submitVendorReview(
  actor: OrgActor,
  input: z.input<typeof submitVendorReviewSchema>,
) {
  const { reviewId } = submitVendorReviewSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, reviewId);
    const missing = unansweredQuestions(
      readQuestionSet(review.questions),
      (review.answers ?? {}) as Answers,
    );
    if (missing.length > 0)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `Answer every required question before submitting (${missing.length} left, starting with “${missing[0]!.prompt}”).`,
      );
    const now = new Date();
    await tx
      .update(vendorReviews)
      .set({
        status: 'awaiting_decision',
        submittedAt: now,
        reviewerUserId: review.reviewerUserId ?? actor.userId,
        updatedAt: now,
      })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, reviewId)));
    await audit(
      tx,
      actor,
      'vendor_review.submitted',
      'vendor_review',
      reviewId,
      { status: review.status },
      { status: 'awaiting_decision' },
    );
    return { status: 'awaiting_decision' as const };
  });
}

/** The approver sends a submitted review back for more work, with what needs changing. */
export async function returnVendorReview(
  actor: OrgActor,
  input: z.input<typeof returnVendorReviewSchema>,
) {
  assertEditor(actor);
  const f = returnVendorReviewSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await loadReview(tx, actor, f.reviewId, true);
    if (review.status !== 'awaiting_decision')
      throw new UserFacingError(
        'CONFLICT',
        'Only a review waiting for a decision can be sent back.',
      );
    await tx
      .update(vendorReviews)
      .set({ status: 'in_progress', submittedAt: null, updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.returned',
      'vendor_review',
      review.id,
      { status: review.status },
      { status: 'in_progress', reason: f.reason },
    );
    return { status: 'in_progress' as const };
  });
}

/**
 * Records the decision. The approver is neither the reviewer nor anyone who answered; in the same
 * transaction the vendor's last and next review dates move by its tier's cadence (settings).
 */
export async function decideVendorReview(
  actor: OrgActor,
  input: z.input<typeof decideVendorReviewSchema>,
) {
  assertEditor(actor);
  const f = decideVendorReviewSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const { review, vendor } = await loadReview(tx, actor, f.reviewId, true);
      if (review.status !== 'awaiting_decision')
        throw new UserFacingError(
          'CONFLICT',
          review.status === 'decided'
            ? 'This review is already decided.'
            : 'Submit the review for a decision first.',
        );
      const findings = await tx
        .select({ severity: vendorReviewFindings.severity, status: vendorReviewFindings.status })
        .from(vendorReviewFindings)
        .where(
          and(
            eq(vendorReviewFindings.orgId, actor.orgId),
            eq(vendorReviewFindings.reviewId, review.id),
          ),
        );
      const check = checkReviewDecision({
        reviewerUserId: review.reviewerUserId,
        approverUserId: actor.userId,
        answeredByUserIds: review.answeredBy,
        decision: f.decision,
        conditions: f.conditions || null,
        rationale: f.rationale || null,
        openSeriousFindings: countSeriousOpenFindings(findings),
      });
      if (!check.ok)
        throw new UserFacingError(
          check.reason === 'reviewer_cannot_approve' ? 'FORBIDDEN' : 'PRECONDITION_FAILED',
          DECISION_REFUSAL_MESSAGES[check.reason],
        );
      const now = new Date();
      const settings = await loadOrgSettings(tx, actor.orgId);
      const decidedOn = todayUtc(now);
      const dates = reviewDatesAfterDecision({
        kind: review.kind,
        decision: f.decision,
        decidedOn,
        nextByTier: todayUtc(
          nextReviewDate(
            vendor.tier,
            new Date(`${decidedOn}T00:00:00Z`),
            settings.reviewCadenceMonths,
          ),
        ),
        currentNext: vendor.nextReviewAt,
      });
      await tx
        .update(vendorReviews)
        .set({
          status: 'decided',
          decision: f.decision,
          conditions: f.conditions || null,
          rationale: f.rationale || null,
          approverUserId: actor.userId,
          completedAt: now,
          updatedAt: now,
        })
        .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
      await tx
        .update(vendors)
        .set({ ...dates, updatedAt: now })
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendor.id)));
      await audit(
        tx,
        actor,
        'vendor_review.decided',
        'vendor_review',
        review.id,
        { status: review.status },
        {
          status: 'decided',
          decision: f.decision,
          conditions: f.conditions || null,
          rationale: f.rationale || null,
        },
      );
      await audit(
        tx,
        actor,
        'vendor.review_dates_changed',
        'vendor',
        vendor.id,
        { lastReviewAt: vendor.lastReviewAt, nextReviewAt: vendor.nextReviewAt },
        { ...dates, reviewId: review.id, tier: vendor.tier },
      );
      return { decision: f.decision, ...dates };
    }),
  );
}

async function checkFindingOwner(tx: Tx, orgId: string, userId: string | null) {
  if (!userId) return null;
  const [m] = await tx
    .select({ status: memberships.status, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m || m.status !== 'active')
    throw new UserFacingError(
      'BAD_REQUEST',
      'A finding is owned by an active member of this organization.',
    );
  return m.email;
}

export async function addReviewFinding(actor: OrgActor, input: z.input<typeof addFindingSchema>) {
  assertEditor(actor);
  const f = addFindingSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const { review } = await loadReview(tx, actor, f.reviewId, true);
      const refusal = findingEditRefusal(review.status, true);
      if (refusal) throw new UserFacingError('CONFLICT', refusal);
      const owner = await checkFindingOwner(tx, actor.orgId, f.ownerUserId);
      const [row] = await tx
        .insert(vendorReviewFindings)
        .values({
          orgId: actor.orgId,
          reviewId: review.id,
          vendorId: review.vendorId,
          title: f.title,
          severity: f.severity,
          remediation: f.remediation,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          createdBy: actor.userId,
        })
        .returning({ id: vendorReviewFindings.id });
      await audit(
        tx,
        actor,
        'vendor_review.finding_added',
        'vendor_review_finding',
        row!.id,
        null,
        {
          reviewId: review.id,
          vendorId: review.vendorId,
          title: f.title,
          severity: f.severity,
          remediation: f.remediation,
          owner,
          dueOn: f.dueOn,
          status: 'open',
        },
      );
      return { id: row!.id };
    }),
  );
}

/**
 * Moves a finding's remediation along (or re-assigns it), which works after the review is
 * decided too; corrects its title, severity or remediation while the review is still open.
 */
export async function updateReviewFinding(
  actor: OrgActor,
  input: z.input<typeof updateFindingSchema>,
) {
  assertEditor(actor);
  const f = updateFindingSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select()
        .from(vendorReviewFindings)
        .where(
          and(
            eq(vendorReviewFindings.orgId, actor.orgId),
            eq(vendorReviewFindings.id, f.findingId),
          ),
        )
        .for('update');
      if (!before) throw new UserFacingError('NOT_FOUND', 'No such finding in this organization.');
      const terms = {
        title: f.title ?? before.title,
        severity: f.severity ?? before.severity,
        remediation: f.remediation ?? before.remediation,
      };
      const termsChanged =
        terms.title !== before.title ||
        terms.severity !== before.severity ||
        terms.remediation !== before.remediation;
      if (
        !termsChanged &&
        before.status === f.status &&
        before.ownerUserId === f.ownerUserId &&
        before.dueOn === f.dueOn &&
        !f.note
      )
        throw new UserFacingError('CONFLICT', 'Nothing changed.');
      if (termsChanged) {
        // The decision was taken on what the findings said then (open high or critical findings
        // block a plain approval), so a decided review's findings keep their terms.
        const [review] = await tx
          .select({ status: vendorReviews.status })
          .from(vendorReviews)
          .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, before.reviewId)));
        if (review?.status === 'decided')
          throw new UserFacingError(
            'CONFLICT',
            'This review is decided: its findings keep their title, severity and remediation. Record what changed in the note, or start an ad-hoc review.',
          );
      }
      await checkFindingOwner(tx, actor.orgId, f.ownerUserId);
      const now = new Date();
      const resolved = !isFindingOpen(f.status);
      await tx
        .update(vendorReviewFindings)
        .set({
          ...terms,
          status: f.status,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          statusNote: f.note || before.statusNote,
          resolvedAt: resolved ? (before.resolvedAt ?? now) : null,
          updatedAt: now,
        })
        .where(
          and(eq(vendorReviewFindings.orgId, actor.orgId), eq(vendorReviewFindings.id, before.id)),
        );
      await audit(
        tx,
        actor,
        'vendor_review.finding_updated',
        'vendor_review_finding',
        before.id,
        {
          title: before.title,
          severity: before.severity,
          remediation: before.remediation,
          status: before.status,
          ownerUserId: before.ownerUserId,
          dueOn: before.dueOn,
        },
        {
          ...terms,
          status: f.status,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          note: f.note || null,
        },
      );
      return { status: f.status };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Evidence (the bytes travel through route handlers; see vendor-review-evidence.ts)

/** Checks the review may take evidence from this actor, before any byte is read. */
export async function assertEvidenceUploadAllowed(actor: OrgActor, reviewId: string) {
  await withTenant(tenantOf(actor), async (tx) => {
    await lockEditable(tx, actor, reviewId);
  });
}

/** Records a stored file on the review, audited; the caller already hashed and stored it. */
export async function recordReviewEvidence(
  actor: OrgActor,
  file: {
    reviewId: string;
    id: string;
    fileName: string;
    sizeBytes: number;
    contentType: string;
    sha256: string;
    content: Uint8Array | null;
    storageKey: string | null;
  },
  commitFile: () => Promise<void> = async () => {},
) {
  return withTenant(tenantOf(actor), async (tx) => {
    const { review } = await lockEditable(tx, actor, file.reviewId);
    await tx.insert(vendorReviewEvidence).values({
      orgId: actor.orgId,
      id: file.id,
      reviewId: review.id,
      fileName: file.fileName,
      sizeBytes: file.sizeBytes,
      contentType: file.contentType,
      sha256: file.sha256,
      storage: file.storageKey ? 'folder' : 'database',
      content: file.content,
      storageKey: file.storageKey,
      uploadedBy: actor.userId,
    });
    await tx
      .update(vendorReviews)
      .set({ ...workedBy(review, actor.userId), updatedAt: new Date() })
      .where(and(eq(vendorReviews.orgId, actor.orgId), eq(vendorReviews.id, review.id)));
    await audit(
      tx,
      actor,
      'vendor_review.evidence_uploaded',
      'vendor_review_evidence',
      file.id,
      null,
      {
        reviewId: review.id,
        fileName: file.fileName,
        sizeBytes: file.sizeBytes,
        contentType: file.contentType,
        sha256: file.sha256,
      },
    );
    // Last, so a refused insert leaves no file behind; a failure here rolls the row back.
    await commitFile();
    return {
      id: file.id,
      fileName: file.fileName,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    };
  });
}

/** Reads one evidence file for download; the download itself is an audit-log entry. */
export async function readReviewEvidence(actor: OrgActor, evidenceId: string) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        id: vendorReviewEvidence.id,
        reviewId: vendorReviewEvidence.reviewId,
        fileName: vendorReviewEvidence.fileName,
        sizeBytes: vendorReviewEvidence.sizeBytes,
        sha256: vendorReviewEvidence.sha256,
        content: vendorReviewEvidence.content,
        storageKey: vendorReviewEvidence.storageKey,
      })
      .from(vendorReviewEvidence)
      .innerJoin(
        vendorReviews,
        and(
          eq(vendorReviews.orgId, vendorReviewEvidence.orgId),
          eq(vendorReviews.id, vendorReviewEvidence.reviewId),
        ),
      )
      .where(
        and(
          eq(vendorReviewEvidence.orgId, actor.orgId),
          eq(vendorReviewEvidence.id, evidenceId),
          vendorScope(actor, vendorReviews.vendorId),
        ),
      );
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such evidence file in this organization.');
    await audit(
      tx,
      actor,
      'vendor_review.evidence_downloaded',
      'vendor_review_evidence',
      row.id,
      null,
      {
        reviewId: row.reviewId,
        fileName: row.fileName,
        sha256: row.sha256,
      },
    );
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Risk and schedule

/** Open findings per vendor, for the vendor risk scorer (spec/signals.md "Risk scoring"). */
export async function openFindingsByVendor(
  tx: Tx,
  orgId: string,
): Promise<Map<string, { id: string; severity: FindingSeverity }[]>> {
  const rows = await tx
    .select({
      id: vendorReviewFindings.id,
      vendorId: vendorReviewFindings.vendorId,
      severity: vendorReviewFindings.severity,
    })
    .from(vendorReviewFindings)
    .where(
      and(
        eq(vendorReviewFindings.orgId, orgId),
        inArray(vendorReviewFindings.status, [...OPEN_FINDING_STATUSES]),
      ),
    );
  const byVendor = new Map<string, { id: string; severity: FindingSeverity }[]>();
  for (const r of rows) {
    const list = byVendor.get(r.vendorId) ?? [];
    list.push({ id: r.id, severity: r.severity });
    byVendor.set(r.vendorId, list);
  }
  return byVendor;
}

/**
 * Opens periodic reviews for live vendors whose next review falls within the window and that have
 * no review open (spec/domain.md "Vendor review": created on schedule, cadence by tier).
 * Idempotent: the one-open-review-per-vendor index makes a second run (or a racing worker) a no-op.
 */
export async function scheduleVendorReviews(
  orgId: string,
  now = new Date(),
): Promise<{ opened: number; vendors: string[] }> {
  const today = todayUtc(now);
  return withSystem(
    async (tx) => {
      const candidates = await tx
        .select({
          id: vendors.id,
          name: vendors.name,
          status: vendors.status,
          nextReviewAt: vendors.nextReviewAt,
          hasOpenReview: sql<boolean>`exists (select 1 from vendor_reviews r where r.org_id = ${vendors.orgId} and r.vendor_id = ${vendors.id} and r.status <> 'decided')`,
        })
        .from(vendors)
        .where(
          and(eq(vendors.orgId, orgId), inArray(vendors.status, [...SCHEDULED_VENDOR_STATUSES])),
        );
      const due = vendorsDueForReview(candidates, today);
      if (due.length === 0) return { opened: 0, vendors: [] };
      const questions = await loadQuestions(tx, orgId);
      const inserted = await tx
        .insert(vendorReviews)
        .values(
          due.map((v) => ({
            orgId,
            vendorId: v.id,
            kind: 'periodic' as const,
            source: 'schedule' as const,
            questions,
            dueOn: v.nextReviewAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: vendorReviews.id, vendorId: vendorReviews.vendorId });
      const names = new Map(due.map((v) => [v.id, v]));
      for (const r of inserted)
        await appendAudit(tx, {
          orgId,
          actor: SCHEDULER,
          action: 'vendor_review.scheduled',
          entityType: 'vendor_review',
          entityId: r.id,
          before: null,
          after: {
            vendorId: r.vendorId,
            vendor: names.get(r.vendorId)?.name,
            kind: 'periodic',
            dueOn: names.get(r.vendorId)?.nextReviewAt,
          },
          requestId: null,
          ip: null,
        });
      return { opened: inserted.length, vendors: inserted.map((r) => names.get(r.vendorId)!.name) };
    },
    { orgId },
  );
}

export type VendorReviewDetail = Awaited<ReturnType<typeof getVendorReview>>;
export type { ReviewStatus, FindingStatus };
