import Link from 'next/link';
import { CompletionBar } from '@/components/attestations/completion-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/components/ui/format';
import type { OverviewDashboard } from '@/server/services/overview/overview-queries';

/** Attestation completion across active campaigns; each campaign drills down to its requests. */
export function AttestationPanel({
  data,
}: {
  data: NonNullable<OverviewDashboard['attestations']>;
}) {
  return (
    <div className="card" style={{ marginTop: 16 }} data-testid="attestation-panel">
      <div className="card-header">
        <h2>Attestation completion</h2>
        <Link href="/attestations">All campaigns</Link>
      </div>
      {data.campaigns.length === 0 ? (
        <EmptyState title="No active attestation campaigns">
          <Link href="/attestations">Launch one</Link> to have staff and vendor personnel sign a
          policy.
        </EmptyState>
      ) : (
        <>
          <p className="small" style={{ marginTop: 0 }} data-testid="attestation-figure">
            <strong>{data.percent ?? 0}%</strong> signed ({data.signed} of {data.total}) across
            active campaigns
            {data.overdue > 0 && (
              <>
                {' · '}
                <span className="badge badge-danger">{data.overdue} overdue</span>
              </>
            )}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Campaign</th>
                  <th>Due</th>
                  <th>Completion</th>
                </tr>
              </thead>
              <tbody>
                {data.campaigns.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link href={`/attestations/${c.id}`}>{c.name}</Link>
                    </td>
                    <td className="small">{formatDate(c.dueAt)}</td>
                    <td>
                      {c.completion.overdue > 0 ? (
                        <Link href={`/attestations/${c.id}?status=overdue`}>
                          <CompletionBar c={c.completion} />
                        </Link>
                      ) : (
                        <CompletionBar c={c.completion} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
