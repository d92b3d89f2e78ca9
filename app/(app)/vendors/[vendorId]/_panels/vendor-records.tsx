import Link from 'next/link';
import { Note } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { StatusBadge } from '@/components/vendors/badges';
import {
  BACKGROUND_CHECK_BADGES,
  BACKGROUND_CHECK_LABELS,
  PERSON_TYPE_LABELS,
} from '@/components/vendors/labels';
import { isoDay } from '@/server/domain/time';
import type { VendorDetail } from './types';

const DAY = 86_400_000;

/** Matches the warning horizon the server uses (30 days). */
function certificationState(expiresOn: string, today: string) {
  const left = Math.round((Date.parse(expiresOn) - Date.parse(today)) / DAY);
  if (left < 0) return { label: 'Expired', badge: 'badge-danger' };
  if (left <= 30) return { label: `Expires in ${left} days`, badge: 'badge-warn' };
  return { label: 'Valid', badge: 'badge-ok' };
}

/** Certifications and sub-processors, side by side. */
export function VendorRecords({ v }: { v: VendorDetail }) {
  const today = isoDay(new Date());
  return (
    <div className="grid cols-2 mt-16">
      <div className="card">
        <h2 className="mb-12">Certifications</h2>
        {v.certifications.length === 0 ? (
          <Note>None recorded.</Note>
        ) : (
          <table data-testid="certifications">
            <thead>
              <tr>
                <th>Name</th>
                <th>Expires</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {v.certifications.map((c) => {
                const state = certificationState(c.expiresOn, today);
                return (
                  <tr key={`${c.name}-${c.expiresOn}`}>
                    <td>{c.name}</td>
                    <td className="small">{formatDate(c.expiresOn)}</td>
                    <td>
                      <span className={`badge ${state.badge}`}>{state.label}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2 className="mb-12">Sub-processors</h2>
        {v.subProcessors.length === 0 ? (
          <Note>None recorded.</Note>
        ) : (
          <table data-testid="sub-processors">
            <thead>
              <tr>
                <th>Name</th>
                <th>Country</th>
                <th>Service</th>
              </tr>
            </thead>
            <tbody>
              {v.subProcessors.map((s, i) => (
                <tr key={`${s.name}-${i}`}>
                  <td>{s.name}</td>
                  <td className="mono">{s.country ?? '—'}</td>
                  <td className="small">{s.service ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** The vendor's staff (managers see only their own people: the server scopes the read). */
export function VendorPeople({ people }: { people: VendorDetail['people'] }) {
  return (
    <div className="card mt-16">
      <h2 className="mb-12">People</h2>
      {people.length === 0 ? (
        <EmptyState title="No people linked to this vendor">
          Vendor staff appear here once they are added under People with this vendor.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="vendor-people">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Identity verified</th>
                <th>Background check</th>
                <th>End date</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-testid={`vendor-person-${p.email}`}>
                  <td>
                    <Link className="strong" href={`/people/${p.id}`}>
                      {p.fullName}
                    </Link>
                    <div className="muted small">
                      {p.title ? `${p.title} · ` : ''}
                      {p.email}
                    </div>
                  </td>
                  <td className="small">{PERSON_TYPE_LABELS[p.type] ?? p.type}</td>
                  <td>
                    {p.identityVerifiedAt ? (
                      <span className="badge badge-ok" title={formatDateTime(p.identityVerifiedAt)}>
                        Yes
                      </span>
                    ) : (
                      <span className="badge badge-warn">No</span>
                    )}
                  </td>
                  <td>
                    <span
                      className={`badge ${BACKGROUND_CHECK_BADGES[p.backgroundCheckStatus] ?? ''}`}
                    >
                      {BACKGROUND_CHECK_LABELS[p.backgroundCheckStatus] ?? p.backgroundCheckStatus}
                    </span>
                  </td>
                  <td className="small">{formatDate(p.endDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function VendorHistory({ history }: { history: VendorDetail['history'] }) {
  return (
    <div className="card mt-16">
      <h2 className="mb-12">Status history</h2>
      <ol className="timeline" data-testid="status-history">
        {history.map((h) => (
          <li key={h.id}>
            <div className="row gap-6">
              {h.fromStatus && (
                <>
                  <StatusBadge status={h.fromStatus} />
                  <span className="muted" aria-label="to">
                    →
                  </span>
                </>
              )}
              <StatusBadge status={h.toStatus} />
              <span className="muted small">
                {formatDateTime(h.changedAt)}
                {h.changedBy ? ` · ${h.changedBy}` : ''}
              </span>
            </div>
            <div className="small">{h.reason}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}
