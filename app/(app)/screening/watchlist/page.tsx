import Link from 'next/link';
import { ExportIndicators } from '@/components/screening/export-indicators';
import { IdentifierGroups } from '@/components/screening/identifier-groups';
import { ImportIndicators } from '@/components/screening/import-indicators';
import { ScreeningTabs } from '@/components/screening/screening-tabs';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS, SCREENING_REVIEWERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Watchlist' };

export default async function WatchlistPage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([
    pageRole(),
    guarded(async () => {
      const [counts, entries, org] = await Promise.all([
        caller.screening.counts(),
        caller.screening.watchlist(),
        caller.organization.get(),
      ]);
      return { counts, entries, hashedOnly: org.settings.indicatorSharing.hashed };
    }),
  ]);
  if (!result.ok)
    return (
      <Refusal message="Watchlist screening is open to compliance officers, admins and auditors." />
    );
  const { counts, entries, hashedOnly } = result.data;
  const canImport = can(role, INVENTORY_EDITORS);
  const canShare = can(role, SCREENING_REVIEWERS);
  const sources = [...new Set(entries.map((e) => e.source))].sort();

  return (
    <>
      <PageHeader
        title="Screening"
        description="Profiles everyone is screened against: exact identifiers, and names or aliases at 90% similarity or more."
        actions={
          canImport && (
            <Link className="btn btn-primary" href="/imports">
              Import a watchlist
            </Link>
          )
        }
      />
      <ScreeningTabs current="watchlist" counts={counts} />
      <div className="stack">
        {canShare && (
          // docs/IMPOSTORS.md §Sharing: indicators out and in over STIX 2.1 (and MISP in).
          <div className="grid cols-2" data-testid="indicator-sharing">
            <div className="card stack">
              <h2>Export STIX bundle</h2>
              <ExportIndicators sources={sources} hashedOnly={hashedOnly} />
            </div>
            <div className="card stack">
              <h2>Import STIX / MISP</h2>
              <ImportIndicators />
            </div>
          </div>
        )}
        <div className="card">
          {entries.length === 0 ? (
            <EmptyState title="The watchlist is empty">
              {canImport ? (
                <>
                  <Link href="/imports">Import a watchlist</Link> (CSV or JSON) to screen every
                  person against it.
                </>
              ) : (
                'A compliance officer or admin imports watchlists.'
              )}
            </EmptyState>
          ) : (
            <>
              <div className="card-header">
                <h2>Watchlist entries</h2>
                <span className="muted small">
                  {entries.length} entr{entries.length === 1 ? 'y' : 'ies'}
                  {entries.length >= 2000 ? ' (the first 2,000)' : ''}
                </span>
              </div>
              <div className="table-wrap">
                <table data-testid="watchlist-table">
                  <thead>
                    <tr>
                      <th>Source</th>
                      <th>Name</th>
                      <th>Aliases</th>
                      <th>Identifiers</th>
                      <th>Notes</th>
                      <th>Matches</th>
                      <th>Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((e) => (
                      <tr key={e.id} id={`entry-${e.id}`} data-testid="watchlist-row">
                        <td>
                          <span className="badge">{e.source}</span>
                        </td>
                        <td className="strong">{e.name}</td>
                        <td className="small">
                          {e.aliases.length ? (
                            e.aliases.join(', ')
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                        <td className="max-w-280">
                          <IdentifierGroups identifiers={e.identifiers} />
                        </td>
                        <td className="small max-w-260">
                          {e.notes ?? <span className="muted">—</span>}
                        </td>
                        <td>
                          {e.matches > 0 ? (
                            <span className="badge badge-warn">{e.matches}</span>
                          ) : (
                            <span className="muted">0</span>
                          )}
                        </td>
                        <td className="small nowrap">{formatDateTime(e.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
