import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import type { RequestStatus } from '@/server/domain/attestations/campaign';
import { REQUEST_STATUS_BADGES, REQUEST_STATUS_LABELS } from './labels';

export interface PersonAttestation {
  id: string;
  campaignId: string;
  campaignName: string;
  title: string;
  dueAt: Date;
  status: RequestStatus;
  respondedAt: Date | null;
  disclosures: number;
  signedSha256: string | null;
}

/** A person's attestation history on their page. */
export function PersonAttestations({ items, name }: { items: PersonAttestation[]; name: string }) {
  return (
    <section className="card mt-16" aria-labelledby="attestations-heading">
      <div className="card-header">
        <h2 id="attestations-heading">Attestations</h2>
        <Link href="/attestations">All campaigns</Link>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No attestations yet">
          Campaigns that include {name} appear here with what they signed.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="person-attestations">
            <thead>
              <tr>
                <th>Attestation</th>
                <th>Due</th>
                <th>Status</th>
                <th>Answered</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/attestations/${a.campaignId}`}>{a.title}</Link>
                    <div className="muted small">{a.campaignName}</div>
                  </td>
                  <td className="small">{formatDate(a.dueAt)}</td>
                  <td>
                    <span className={`badge ${REQUEST_STATUS_BADGES[a.status]}`}>
                      {REQUEST_STATUS_LABELS[a.status]}
                    </span>
                    {a.disclosures > 0 && (
                      <span className="badge badge-danger ml-6">disclosed</span>
                    )}
                  </td>
                  <td className="small">
                    {formatDateTime(a.respondedAt)}
                    {a.signedSha256 && (
                      <div className="muted mono" title="SHA-256 of the signed document">
                        {a.signedSha256.slice(0, 16)}…
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
