import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import {
  users,
  vendorReviewEvidence,
  vendorReviewFindings,
  vendorReviews,
  vendors,
} from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { vendorWarnings } from '@/server/domain/inventory/vendor';
import type {
  ListVendorReviewsInput,
  ReviewIdInput,
  VendorReviewSummaryInput,
} from '@/server/domain/vendor-reviews/inputs';
import {
  readQuestionSet,
  unansweredQuestions,
  type Answers,
} from '@/server/domain/vendor-reviews/questionnaire';
import {
  countSeriousOpenFindings,
  isReviewPastDue,
  OPEN_FINDING_STATUSES,
  OPEN_REVIEW_STATUSES,
  REVIEW_EDITING_ROLES,
} from '@/server/domain/vendor-reviews/review';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { afterCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';
import { loadReview, todayUtc, vendorScope } from './review-access';

const reviewer = alias(users, 'reviewer');
const approver = alias(users, 'approver');

export async function listVendorReviews(actor: OrgActor, f: ListVendorReviewsInput) {
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

const editorOptions = (tx: Tx, orgId: string) =>
  activeMembersInRoles(tx, orgId, REVIEW_EDITING_ROLES);

export async function getVendorReview(actor: OrgActor, input: ReviewIdInput) {
  const { reviewId } = input;
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
    const attachments = await tx
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
      evidence: attachments,
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
export async function vendorReviewSummary(actor: OrgActor, input: VendorReviewSummaryInput) {
  const { vendorId } = input;
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

export type VendorReviewDetail = Awaited<ReturnType<typeof getVendorReview>>;
