import Link from 'next/link';
import { z } from 'zod';
import { Note } from '@/components/ui/alert';
import { Fact } from '@/components/ui/facts';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ReviewStatusBadge } from '@/components/vendor-reviews/badges';
import { EvidencePanel } from '@/components/vendor-reviews/evidence-panel';
import { FindingsPanel } from '@/components/vendor-reviews/findings-panel';
import { DECISION_LABELS, REVIEW_KIND_LABELS } from '@/components/vendor-reviews/labels';
import { QuestionnaireForm } from '@/components/vendor-reviews/questionnaire-form';
import {
  DecideReview,
  SendBackReview,
  SubmitReview,
} from '@/components/vendor-reviews/review-actions';
import { TierBadge } from '@/components/vendors/badges';
import { getEnv } from '@/server/env';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Vendor review' };

export default async function VendorReviewPage({
  params,
}: {
  params: Promise<{ reviewId: string }>;
}) {
  const { reviewId } = await params;
  if (!z.uuid().safeParse(reviewId).success)
    return (
      <Refusal title="Review not found" message="No such vendor review in this organization." />
    );
  const caller = await serverCaller();
  const result = await guarded(() => caller.vendorReviews.get({ reviewId }));
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Review not found' : undefined}
        message={result.message}
      />
    );
  const r = result.data;
  const editable = r.viewer.canEdit && r.status === 'in_progress';

  return (
    <>
      <PageHeader
        title={`${r.vendor.name}: ${REVIEW_KIND_LABELS[r.kind]?.toLowerCase()} review`}
        description={
          <span className="row gap-8">
            <ReviewStatusBadge status={r.status} decision={r.decision} overdue={r.overdue} />
            <TierBadge tier={r.vendor.tier} />
            <Link href={`/vendors/${r.vendor.id}`}>Vendor</Link>
            <Link href="/vendor-reviews">All reviews</Link>
          </span>
        }
      />

      {r.status === 'decided' && r.decision && (
        <div
          className={`alert ${r.decision === 'rejected' ? 'alert-error' : r.decision === 'approved' ? 'alert-ok' : 'alert-warn'}`}
          data-testid="decision-summary"
        >
          <strong>{DECISION_LABELS[r.decision]}</strong> by {r.approver} on{' '}
          {formatDateTime(r.completedAt)}. Next review of {r.vendor.name}:{' '}
          {formatDate(r.vendor.nextReviewAt)}.
          {r.conditions && (
            <div className="pre-line mt-6">
              <span className="muted">Conditions:</span> {r.conditions}
            </div>
          )}
          {r.rationale && (
            <div className="pre-line mt-6">
              <span className="muted">Rationale:</span> {r.rationale}
            </div>
          )}
        </div>
      )}

      <div className="grid cols-2 mt-16">
        <div className="card">
          <h2 className="mb-12">Review</h2>
          <dl className="facts">
            <Fact label="Vendor">
              <Link href={`/vendors/${r.vendor.id}`}>{r.vendor.name}</Link>
            </Fact>
            <Fact label="Kind">
              {REVIEW_KIND_LABELS[r.kind]}
              {r.source === 'schedule' && <span className="muted"> (opened on schedule)</span>}
            </Fact>
            <Fact label="Due">{formatDate(r.dueOn)}</Fact>
            <Fact label="Reviewer">
              <span data-testid="reviewer">
                {r.reviewer ?? <span className="muted">Whoever answers first</span>}
              </span>
            </Fact>
            <Fact label="Worked on by">
              {r.answeredBy.length > 0 ? (
                r.answeredBy.join(', ')
              ) : (
                <span className="muted">No one yet</span>
              )}
            </Fact>
            <Fact label="Approver">
              <span data-testid="approver">
                {r.approver ?? <span className="muted">Not decided</span>}
              </span>
            </Fact>
            <Fact label="Started">
              {formatDateTime(r.createdAt)} · {r.createdBy}
            </Fact>
            {r.submittedAt && <Fact label="Submitted">{formatDateTime(r.submittedAt)}</Fact>}
          </dl>
        </div>
        <div className="card" data-testid="review-actions">
          <h2 className="mb-12">Decision</h2>
          {r.status === 'in_progress' &&
            (r.viewer.canEdit ? (
              <SubmitReview reviewId={r.id} unanswered={r.unanswered.length} />
            ) : (
              <Note>The reviewer is still filling in the questionnaire.</Note>
            ))}
          {r.status === 'awaiting_decision' &&
            (r.viewer.canDecide ? (
              <div className="stack">
                <DecideReview reviewId={r.id} seriousOpenFindings={r.seriousOpenFindings} />
                <SendBackReview reviewId={r.id} />
              </div>
            ) : (
              <p className="small flush" data-testid="decider-hint">
                {r.viewer.reviewedIt
                  ? 'You worked on this review, so someone else decides it (reviewer ≠ approver). '
                  : 'Waiting for a decision. '}
                {r.deciders.length > 0 ? (
                  <>May decide: {r.deciders.join(', ')}.</>
                ) : (
                  <>No other compliance officer or admin can decide it yet: invite one.</>
                )}
              </p>
            ))}
          {r.status === 'decided' && (
            <Note>
              Decided {formatDateTime(r.completedAt)}. Findings stay open for remediation below.
            </Note>
          )}
        </div>
      </div>

      <section className="card mt-16" aria-labelledby="questionnaire-heading">
        <h2 className="mb-12" id="questionnaire-heading">
          Questionnaire
        </h2>
        <QuestionnaireForm
          reviewId={r.id}
          questions={r.questions}
          initial={r.answers}
          readOnly={!editable}
        />
      </section>

      <section className="card mt-16" aria-labelledby="evidence-heading">
        <h2 className="mb-12" id="evidence-heading">
          Evidence
        </h2>
        <EvidencePanel
          reviewId={r.id}
          files={r.evidence}
          canUpload={editable}
          maxBytes={getEnv().VIGIL_EVIDENCE_MAX_BYTES}
        />
      </section>

      <section className="card mt-16" aria-labelledby="findings-heading">
        <h2 className="mb-12" id="findings-heading">
          Findings
        </h2>
        <FindingsPanel
          reviewId={r.id}
          findings={r.findings}
          owners={r.owners}
          canAdd={r.viewer.canEdit && r.status !== 'decided'}
          canUpdate={r.viewer.canEdit}
        />
      </section>
    </>
  );
}
