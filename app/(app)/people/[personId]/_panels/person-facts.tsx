import Link from 'next/link';
import type { ReactNode } from 'react';
import {
  BACKGROUND_CHECK_BADGES,
  BACKGROUND_CHECK_LABELS,
  IDENTIFIER_LABELS,
  PERSON_TYPE_BADGES,
  PERSON_TYPE_LABELS,
  WORK_MODE_LABELS,
} from '@/components/people/labels';
import { ScreeningBadge } from '@/components/people/screening-badge';
import { Note } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/facts';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@/server/domain/inventory/identifiers';
import { isoDay } from '@/server/domain/time';
import type { PersonDetail } from './types';

const none = <span className="muted">—</span>;

function kindLabel(kind: string): string {
  return (IDENTIFIER_KINDS as readonly string[]).includes(kind)
    ? IDENTIFIER_LABELS[kind as IdentifierKind]
    : kind;
}

/** Profile and screening side by side; `watchlistAlert` streams into the screening card. */
export function PersonProfile({
  p,
  watchlistAlert,
}: {
  p: PersonDetail;
  watchlistAlert: ReactNode;
}) {
  return (
    <div className="grid cols-2">
      <section className="card stack" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="grid cols-2 flush gap-12">
          <Field label="Email" wide>
            {p.email}
          </Field>
          <Field label="Type">
            <span className={`badge ${PERSON_TYPE_BADGES[p.type]}`}>
              {PERSON_TYPE_LABELS[p.type]}
            </span>
          </Field>
          <Field label="Title">{p.title}</Field>
          <Field label="Department">{p.department}</Field>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="screening-heading">
        <div className="card-header flush">
          <h2 id="screening-heading">Screening</h2>
          <ScreeningBadge screening={p.screening} showMissing={false} />
        </div>
        {p.screening.state !== 'screened' && (
          <div className={`alert ${p.screening.state === 'failed' ? 'alert-error' : 'alert-warn'}`}>
            {p.screening.state === 'failed' ? 'Screening failed: ' : 'Still missing: '}
            {p.screening.missing.join(', ')}.
          </div>
        )}
        {watchlistAlert}
        <dl className="grid cols-2 flush gap-12">
          <Field label="Identity verified">
            {p.identityVerifiedAt ? formatDateTime(p.identityVerifiedAt) : 'Not verified'}
          </Field>
          <Field label="Background check">
            <span className={`badge ${BACKGROUND_CHECK_BADGES[p.backgroundCheckStatus]}`}>
              {BACKGROUND_CHECK_LABELS[p.backgroundCheckStatus]}
            </span>
            {p.backgroundCheckAt && (
              <span className="muted small"> on {formatDate(p.backgroundCheckAt)}</span>
            )}
          </Field>
        </dl>
      </section>
    </div>
  );
}

/**
 * Employment and direct reports. Managers see only themselves and their reports, so for them
 * `visible` (the people they may open) decides which names link; for the others it is null.
 */
export async function PersonEmployment({
  p,
  visible,
}: {
  p: PersonDetail;
  visible: Promise<Set<string> | null>;
}) {
  const open = await visible;
  const canOpen = (id: string) => open === null || open.has(id);
  const today = isoDay(new Date());
  const ended = p.endDate !== null && p.endDate < today;
  return (
    <section className="card stack mt-16" aria-labelledby="employment-heading">
      <h2 id="employment-heading">Employment</h2>
      <dl className="grid cols-4 flush gap-12">
        <Field label="Vendor">
          {p.vendorId && p.vendorName ? (
            <>
              <Link href={`/vendors/${p.vendorId}`}>{p.vendorName}</Link>
              {p.vendorStatus && p.vendorStatus !== 'active' && (
                <>
                  {' '}
                  <span className="badge badge-warn">{p.vendorStatus}</span>
                </>
              )}
            </>
          ) : (
            none
          )}
        </Field>
        <Field label="Manager">
          {p.managerId && p.managerName ? (
            canOpen(p.managerId) ? (
              <Link href={`/people/${p.managerId}`}>{p.managerName}</Link>
            ) : (
              p.managerName
            )
          ) : (
            none
          )}
        </Field>
        <Field label="Start date">{p.startDate ? formatDate(p.startDate) : none}</Field>
        <Field label="End date">
          {p.endDate ? (
            <>
              {formatDate(p.endDate)} {ended && <span className="badge">ended</span>}
            </>
          ) : (
            none
          )}
        </Field>
        <Field label="Location">{p.location}</Field>
        <Field label="Country">{p.country}</Field>
        <Field label="Time zone">{p.timezone}</Field>
        <Field label="Work mode">{p.workMode ? WORK_MODE_LABELS[p.workMode] : none}</Field>
      </dl>
      <div>
        <h3 className="mb-6">Direct reports</h3>
        {p.reports.length === 0 ? (
          <Note>Nobody reports to {p.fullName}.</Note>
        ) : (
          <ul className="flush indent" data-testid="reports">
            {p.reports.map((r) => (
              <li key={r.id}>
                {canOpen(r.id) ? <Link href={`/people/${r.id}`}>{r.fullName}</Link> : r.fullName}
                {r.title && <span className="muted small"> · {r.title}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function PersonIdentifiers({ identifiers }: { identifiers: PersonDetail['identifiers'] }) {
  return (
    <section className="card mt-16" aria-labelledby="identifiers-heading">
      <div className="card-header">
        <h2 id="identifiers-heading">Identifiers</h2>
        <span className="muted small">Normalized for exact matching</span>
      </div>
      {identifiers.length === 0 ? (
        <EmptyState title="No identifiers recorded" />
      ) : (
        <div className="table-wrap">
          <table data-testid="identifiers">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Normalized value</th>
                <th>As entered</th>
              </tr>
            </thead>
            <tbody>
              {identifiers.map((i) => (
                <tr key={`${i.kind}:${i.value}`} data-testid={`identifier-${i.kind}`}>
                  <td>{kindLabel(i.kind)}</td>
                  <td className="mono break-all">{i.value}</td>
                  <td className="muted small break-all">{i.raw}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
