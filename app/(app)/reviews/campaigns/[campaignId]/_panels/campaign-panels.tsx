import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import {
  DeleteDraftCampaignButton,
  LaunchCampaignButton,
  ReassignItemForm,
} from '@/components/access-reviews/campaign-controls';
import {
  BasisLabel,
  DecisionBadge,
  ProgressBar,
  RemediationNote,
} from '@/components/access-reviews/labels';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import type { AppRouter } from '@/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type Campaign = Outputs['accessReviews']['campaign'];
type Reviewers = Outputs['accessReviews']['reviewerOptions'];
type ScopeCount = Outputs['accessReviews']['scopeCount'];

/** Scope, and for a draft the launch and delete controls (launch needs the count in scope). */
export async function CampaignScope({
  c,
  runs,
  scopeCount,
}: {
  c: Campaign;
  runs: boolean;
  scopeCount: Promise<ScopeCount | null>;
}) {
  const inScope = await scopeCount;
  return (
    <section className="card">
      <h2>Scope</h2>
      <dl className="facts">
        <dt>Systems</dt>
        <dd>
          {c.scope.systems.length ? c.scope.systems.map((s) => s.name).join(', ') : 'All systems'}
        </dd>
        <dt>Vendors</dt>
        <dd>
          {c.scope.vendors.length ? c.scope.vendors.map((v) => v.name).join(', ') : 'Everyone'}
        </dd>
        <dt>Sensitivity</dt>
        <dd>{c.scope.minSensitivity === 'low' ? 'Any' : `${c.scope.minSensitivity} and above`}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(c.createdAt)}
          {c.createdBy ? ` by ${c.createdBy}` : ''}
        </dd>
        <dt>Snapshot</dt>
        <dd data-testid="snapshot-at">
          {c.launchedAt
            ? `${formatDateTime(c.launchedAt)}${c.launchedBy ? ` by ${c.launchedBy}` : ''}`
            : 'Not launched yet'}
        </dd>
        {c.completedAt && (
          <>
            <dt>Completed</dt>
            <dd>{formatDateTime(c.completedAt)}</dd>
          </>
        )}
      </dl>
      {runs && c.status === 'draft' && (
        <div className="card-actions">
          {inScope && <LaunchCampaignButton campaignId={c.id} inScope={inScope.grants} />}
          <div>
            <DeleteDraftCampaignButton campaignId={c.id} />
          </div>
        </div>
      )}
    </section>
  );
}

export function CampaignProgress({ c }: { c: Campaign }) {
  return (
    <section className="card">
      <h2>Progress</h2>
      {c.status === 'draft' ? (
        <p className="muted">Launch the campaign to create its items.</p>
      ) : (
        <>
          <ProgressBar percent={c.progress.percent} label="Campaign progress" />
          <p data-testid="campaign-progress">
            {c.progress.decided} of {c.progress.total} decided ({c.progress.percent}%)
            {c.progress.overdue > 0 && (
              <>
                {' · '}
                <Link href={`/reviews?status=overdue&campaignId=${c.id}`}>
                  {c.progress.overdue} overdue
                </Link>
              </>
            )}
          </p>
          <table data-testid="progress-by-reviewer">
            <thead>
              <tr>
                <th>Reviewer</th>
                <th>Decided</th>
                <th>Overdue</th>
              </tr>
            </thead>
            <tbody>
              {c.byReviewer.map((r) => (
                <tr key={r.reviewer}>
                  <td>{r.reviewer}</td>
                  <td>
                    {r.decided} / {r.total}
                  </td>
                  <td>{r.overdue || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The campaign's items; runners of an active campaign may reassign pending ones. */
export async function CampaignItems({
  c,
  cursor,
  canReassign,
  reviewerOptions,
}: {
  c: Campaign;
  cursor: string | undefined;
  canReassign: boolean;
  reviewerOptions: Promise<Reviewers>;
}) {
  const reviewers = await reviewerOptions;
  const pageHref = (next: string | undefined) =>
    `/reviews/campaigns/${c.id}${next ? `?cursor=${encodeURIComponent(next)}` : ''}#items`;
  return (
    <section className="card mt-16" id="items">
      <div className="card-header">
        <h2>
          Items{' '}
          <span className="muted small">
            ({c.progress.total}
            {c.progress.total > c.items.length ? `, ${c.items.length} on this page` : ''})
          </span>
        </h2>
        <Link className="btn btn-small" href={`/reviews?campaignId=${c.id}&status=all`}>
          Open in the inbox
        </Link>
      </div>
      {c.items.length === 0 ? (
        <EmptyState title="No grants were in scope at launch" />
      ) : (
        <div className="table-wrap">
          <table data-testid="campaign-items">
            <thead>
              <tr>
                <th>Access (as at launch)</th>
                <th>Reviewer</th>
                <th>Decision</th>
                <th>Live grant</th>
              </tr>
            </thead>
            <tbody>
              {c.items.map((i) => (
                <tr key={i.id} data-testid="campaign-item">
                  <td>
                    <strong>{i.person.name}</strong>
                    {i.vendor && <span className="muted small"> · {i.vendor.name}</span>}
                    <div>
                      {i.system.name} · <span className="mono">{i.privilege}</span>{' '}
                      <span className="muted small">{i.sensitivity}</span>
                    </div>
                  </td>
                  <td className="small">
                    {i.reviewer ? (i.reviewer.name ?? i.reviewer.email) : null}{' '}
                    <BasisLabel basis={i.reviewerBasis} />
                    {i.reviewerNote && !i.reviewer && <div className="muted">{i.reviewerNote}</div>}
                    {canReassign && i.status === 'pending' && (
                      <ReassignItemForm
                        itemId={i.id}
                        label={`${i.person.name} · ${i.system.name} ${i.privilege}`}
                        current={i.reviewer?.id ?? null}
                        granteeUserId={i.granteeUserId}
                        reviewers={reviewers}
                      />
                    )}
                  </td>
                  <td className="small">
                    <DecisionBadge decision={i.decision} newExpiresAt={i.newExpiresAt} />
                    {i.overdue && (
                      <Badge tone="danger" className="ml-6">
                        Overdue{i.escalatedAt ? ', escalated' : ''}
                      </Badge>
                    )}
                    {i.rationale && <div>“{i.rationale}”</div>}
                    <RemediationNote
                      decision={i.decision}
                      executedAt={i.remediation.executedAt}
                      verifiedAt={i.remediation.verifiedAt}
                      result={i.remediation.result}
                    />
                  </td>
                  <td className="small">
                    <Link href={`/access/${i.grantId}`}>{i.live.status ?? 'gone'}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <KeysetPager cursor={cursor} nextCursor={c.nextCursor} hrefFor={pageHref} />
    </section>
  );
}

export function CampaignDiff({ diff }: { diff: NonNullable<Campaign['diff']> }) {
  return (
    <section className="card" data-testid="campaign-diff">
      <h2>Since {diff.previous.name}</h2>
      <p className="muted small">
        Access compared by person and privilege with the last completed campaign (completed{' '}
        {formatDate(diff.previous.completedAt)}).
      </p>
      <div className="grid cols-2">
        {(
          [
            ['New', diff.added, 'diff-added'],
            ['Removed', diff.removed, 'diff-removed'],
          ] as const
        ).map(([title, rows, testId]) => (
          <div key={title} data-testid={testId}>
            <h3>
              {title} ({rows.length})
            </h3>
            {rows.length === 0 ? (
              <p className="muted small">None.</p>
            ) : (
              <ul className="plain-list small">
                {rows.map((r) => (
                  <li key={`${r.personId}:${r.privilegeId}`}>
                    {r.person} · {r.system} <span className="mono">{r.privilege}</span>
                    {title === 'Removed' && r.decision === 'revoke' && (
                      <span className="muted"> (revoked in that review)</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
      <details data-testid="diff-unchanged">
        <summary>Unchanged ({diff.unchanged.length})</summary>
        <ul className="plain-list small">
          {diff.unchanged.map((r) => (
            <li key={`${r.personId}:${r.privilegeId}`}>
              {r.person} · {r.system} <span className="mono">{r.privilege}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function CampaignHistory({ c }: { c: Campaign }) {
  return (
    <section className="card">
      <h2>Decision history</h2>
      <p className="muted small">
        Newest first
        {c.moreHistory
          ? `; the latest ${c.history.length} are shown (every decision is in the evidence package)`
          : ''}
        .
      </p>
      <ol className="timeline small" data-testid="decision-history">
        {c.history.map((h, n) => (
          <li key={n}>
            <strong>{formatDateTime(h.decidedAt)}</strong> · {h.decidedBy ?? 'unknown'}:{' '}
            <DecisionBadge decision={h.decision} newExpiresAt={h.newExpiresAt} /> {h.item}
            {h.rationale ? ` — “${h.rationale}”` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
