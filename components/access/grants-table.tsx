import Link from 'next/link';
import { SensitivityBadge } from '@/components/systems/labels';
import { formatDate } from '@/components/ui/format';
import type { GrantStatus } from '@/server/domain/access/grant';
import { GrantStatusBadge } from './labels';

export interface GrantListItem {
  id: string;
  status: GrantStatus;
  source: 'request' | 'import';
  requestedAt: Date;
  expiresAt: Date | null;
  endedAt: Date | null;
  requesterEmail: string | null;
  person: { id: string; fullName: string };
  vendor: { id: string; name: string } | null;
  system: { id: string; name: string };
  privilege: { id: string; name: string; sensitivity: string };
}

/** Requests and grants, newest first; `hidePerson` on a person's own page. */
export function GrantsTable({
  items,
  hidePerson = false,
  testId = 'grants-table',
}: {
  items: GrantListItem[];
  hidePerson?: boolean;
  testId?: string;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {!hidePerson && <th>Person</th>}
            <th>Access</th>
            <th>Status</th>
            <th>Requested</th>
            <th>Ends</th>
          </tr>
        </thead>
        <tbody>
          {items.map((g) => (
            <tr key={g.id} data-testid={`grant-${g.id}`}>
              {!hidePerson && (
                <td>
                  <Link href={`/people/${g.person.id}`} className="strong">
                    {g.person.fullName}
                  </Link>
                  {g.vendor && <div className="muted small">{g.vendor.name}</div>}
                </td>
              )}
              <td>
                <Link href={`/access/${g.id}`} className="strong">
                  {g.system.name} · {g.privilege.name}
                </Link>{' '}
                <SensitivityBadge value={g.privilege.sensitivity} />
              </td>
              <td>
                <GrantStatusBadge status={g.status} />
              </td>
              <td className="small">
                {formatDate(g.requestedAt)}
                <div className="muted">
                  {g.source === 'import' ? 'imported' : (g.requesterEmail ?? '—')}
                </div>
              </td>
              <td className="small">
                {g.endedAt ? formatDate(g.endedAt) : g.expiresAt ? formatDate(g.expiresAt) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
