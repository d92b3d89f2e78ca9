import Link from 'next/link';
import { SeverityBadge } from '@/components/signals/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import type { VendorStatus } from '@/server/domain/inventory/vendor';
import type { ReviewDecision } from '@/server/domain/vendor-reviews/cadence';
import type {
  FindingSeverity,
  FindingStatus,
  ReviewStatus,
} from '@/server/domain/vendor-reviews/review';
import { FindingStatusBadge, ReviewStatusBadge } from './badges';
import { REVIEW_KIND_LABELS } from './labels';
import { StartReviewForm } from './start-review-form';

interface Summary {
  lastReviewAt: string | null;
  nextReviewAt: string | null;
  overdue: boolean;
  openReviewId: string | null;
  reviews: {
    id: string;
    kind: string;
    status: ReviewStatus;
    dueOn: string | null;
    decision: ReviewDecision | null;
    completedAt: Date | null;
    createdAt: Date;
    reviewer: string | null;
    approver: string | null;
    overdue: boolean;
  }[];
  openFindings: {
    id: string;
    reviewId: string;
    title: string;
    severity: FindingSeverity;
    status: FindingStatus;
    owner: string | null;
    dueOn: string | null;
  }[];
}

const suggestedKind = (status: VendorStatus, reviewed: boolean) =>
  status === 'offboarding'
    ? ('offboarding' as const)
    : !reviewed && (status === 'prospect' || status === 'onboarding')
      ? ('onboarding' as const)
      : ('periodic' as const);

/** The vendor page's reviews: whether one is overdue, open findings, history, and a start. */
export function VendorReviewsSection({
  vendorId,
  vendorStatus,
  summary,
  canStart,
}: {
  vendorId: string;
  vendorStatus: VendorStatus;
  summary: Summary;
  canStart: boolean;
}) {
  const s = summary;
  return (
    <section
      className="card mt-16"
      aria-labelledby="reviews-heading"
      data-testid="vendor-reviews-section"
    >
      <div className="card-header">
        <h2 id="reviews-heading">Reviews</h2>
        <span className="row small gap-8">
          <span>
            Last reviewed <strong>{formatDate(s.lastReviewAt)}</strong>
          </span>
          <span>
            Next review <strong>{formatDate(s.nextReviewAt)}</strong>
          </span>
          {s.overdue && (
            <span className="badge badge-danger" data-testid="vendor-review-overdue">
              Review overdue
            </span>
          )}
        </span>
      </div>
      {canStart && vendorStatus !== 'terminated' && (
        <div className="mb-12">
          {s.openReviewId ? (
            <p className="small flush">
              A review is under way:{' '}
              <Link href={`/vendor-reviews/${s.openReviewId}`}>continue it</Link>.
            </p>
          ) : (
            <StartReviewForm
              vendorId={vendorId}
              suggested={suggestedKind(vendorStatus, s.lastReviewAt !== null)}
            />
          )}
        </div>
      )}
      {s.openFindings.length > 0 && (
        <div className="mb-12">
          <h3 className="flush mb-6">Open findings</h3>
          <div className="table-wrap">
            <table data-testid="vendor-open-findings">
              <thead>
                <tr>
                  <th>Finding</th>
                  <th>Severity</th>
                  <th>Owner</th>
                  <th>Due</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {s.openFindings.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link href={`/vendor-reviews/${f.reviewId}`}>{f.title}</Link>
                    </td>
                    <td>
                      <SeverityBadge severity={f.severity} />
                    </td>
                    <td className="small">{f.owner ?? <span className="muted">No owner</span>}</td>
                    <td className="small">{formatDate(f.dueOn)}</td>
                    <td>
                      <FindingStatusBadge status={f.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {s.reviews.length === 0 ? (
        <EmptyState title="Never reviewed">
          {canStart
            ? 'Start an onboarding review above; periodic reviews then open on schedule by tier.'
            : 'Reviews appear here once compliance starts one.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="vendor-review-history">
            <thead>
              <tr>
                <th>Review</th>
                <th>Status</th>
                <th>Due</th>
                <th>Reviewer</th>
                <th>Approver</th>
              </tr>
            </thead>
            <tbody>
              {s.reviews.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/vendor-reviews/${r.id}`} className="strong">
                      {REVIEW_KIND_LABELS[r.kind]}
                    </Link>
                    <div className="muted small">started {formatDate(r.createdAt)}</div>
                  </td>
                  <td>
                    <ReviewStatusBadge
                      status={r.status}
                      decision={r.decision}
                      overdue={r.overdue}
                    />
                    {r.completedAt && (
                      <div className="muted small">{formatDate(r.completedAt)}</div>
                    )}
                  </td>
                  <td className="small">{formatDate(r.dueOn)}</td>
                  <td className="small">
                    {r.reviewer ?? <span className="muted">Unclaimed</span>}
                  </td>
                  <td className="small">{r.approver ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
