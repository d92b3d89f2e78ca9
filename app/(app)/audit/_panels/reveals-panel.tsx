import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { PersonName } from '@/components/privacy/person-name';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import type { AppRouter } from '@/server/trpc/root';

type Reveals = inferRouterOutputs<AppRouter>['privacy']['reveals'];

/** Every reveal of a pseudonymized person: who, whom, why, until when (docs/PRIVACY.md). */
export function RevealsPanel({ reveals }: { reveals: Reveals }) {
  return (
    <section className="card" aria-labelledby="reveals-heading" data-testid="reveals">
      <div className="card-header">
        <h2 id="reveals-heading">Reveals of pseudonymized people</h2>
        <span className="muted small">Newest first; each is also an audit entry below.</span>
      </div>
      {reveals.length === 0 ? (
        <EmptyState title="No reveals">
          Nobody has revealed a pseudonymized person in this organization.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>By</th>
                <th>Person</th>
                <th>Reason</th>
                <th>Until</th>
              </tr>
            </thead>
            <tbody>
              {reveals.map((r) => (
                <tr key={r.id}>
                  <td className="small nowrap">{formatDateTime(r.createdAt)}</td>
                  <td className="small">{r.by}</td>
                  <td>
                    <PersonName person={r.person} />
                    {r.signalId && (
                      <div className="small">
                        <Link href={`/signals/${r.signalId}`}>from a signal</Link>
                      </div>
                    )}
                  </td>
                  <td className="small max-w-340 break-word">{r.reason}</td>
                  <td className="small nowrap">
                    {formatDateTime(r.expiresAt)}{' '}
                    {r.active ? <Badge tone="ok">active</Badge> : null}
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
