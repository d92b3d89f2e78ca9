import Link from 'next/link';
import { RiskDistributionChart } from '@/components/charts/risk-distribution-chart';
import { PersonName } from '@/components/privacy/person-name';
import { BandBadge } from '@/components/risk/band-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import type { OverviewDashboard } from '@/server/services/overview/overview-queries';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function Stat(props: { label: string; value: number; hint: string; href: string; testId: string }) {
  return (
    <Link href={props.href} className="card stat stat-link" data-testid={props.testId}>
      <span className="label">{props.label}</span>
      <span className="value">{props.value}</span>
      <span className="hint">{props.hint}</span>
    </Link>
  );
}

/** Headline workload: each figure links to the list behind it. */
export function WorkloadStats({ data }: { data: OverviewDashboard }) {
  // Managers get none of these sections: no empty row.
  if (!data.cases && !data.risk && !data.overdue) return null;
  const highPeople = data.risk ? data.risk.people.high + data.risk.people.critical : 0;
  return (
    <div className="grid cols-4">
      {data.cases && (
        <Stat
          label="Open cases"
          value={data.cases.open}
          hint={
            data.cases.open === 0
              ? 'Nothing under investigation'
              : ['critical', 'high', 'medium', 'low']
                  .filter((s) => data.cases!.bySeverity[s])
                  .map((s) => `${data.cases!.bySeverity[s]} ${s}`)
                  .join(' · ')
          }
          href="/cases"
          testId="stat-open-cases"
        />
      )}
      {data.risk && (
        <Stat
          label="People at high risk or above"
          value={highPeople}
          hint={`${data.risk.people.critical} critical`}
          href="/people?sort=risk"
          testId="stat-high-risk-people"
        />
      )}
      {data.overdue && (
        <>
          <Stat
            label="Vendor reviews overdue"
            value={data.overdue.vendorReviews}
            hint={`${plural(data.overdue.endedContracts, 'active vendor')} past contract end`}
            href="/vendors?review=overdue"
            testId="stat-overdue-reviews"
          />
          <Stat
            label="Open watchlist matches"
            value={data.overdue.openWatchlistMatches}
            hint={`${plural(data.overdue.pendingRequests, 'access request')} pending · ${plural(data.overdue.grantsExpiringSoon, 'grant')} ending within 7 days`}
            href="/screening"
            testId="stat-watchlist"
          />
        </>
      )}
    </div>
  );
}

/** Risk by band (chart with drill-down) and the highest-risk people and vendors. */
export function RiskPanels({ risk }: { risk: NonNullable<OverviewDashboard['risk']> }) {
  return (
    <div className="grid cols-2 mt-16">
      <div className="card">
        <div className="card-header">
          <h2>Risk by band</h2>
          {risk.day && <span className="muted small">Scores of {risk.day}</span>}
        </div>
        {risk.day === null ? (
          <EmptyState title="No scores yet">
            Scores are computed after logs are ingested and whenever access, screening or signals
            change.
          </EmptyState>
        ) : (
          <>
            <RiskDistributionChart data={risk} />
            <p className="muted small flush mt-4 mb-8">
              Click a bar, or a count below, for the people or vendors in that band.
            </p>
            {/* The same figures as links: the drill-down without a pointer. */}
            <div className="table-wrap">
              <table data-testid="risk-band-counts">
                <thead>
                  <tr>
                    <th>Band</th>
                    <th className="num">People</th>
                    <th className="num">Vendors</th>
                  </tr>
                </thead>
                <tbody>
                  {RISK_BANDS.toReversed().map((band) => (
                    <tr key={band}>
                      <td>
                        <BandBadge band={band} />
                      </td>
                      <td className="num">
                        <Link href={`/people?band=${band}&sort=risk`}>{risk.people[band]}</Link>
                      </td>
                      <td className="num">
                        <Link href={`/vendors?band=${band}`}>{risk.vendors[band]}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
      <div className="card">
        <div className="card-header">
          <h2>Highest risk</h2>
          <Link href="/people?sort=risk">All people by risk</Link>
        </div>
        {risk.topPeople.length === 0 ? (
          <EmptyState title="Nobody scored yet">
            People get scores once they are imported and their access and logs arrive.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="top-people">
              <thead>
                <tr>
                  <th>Person</th>
                  <th className="num">Bribery</th>
                  <th className="num">Compromise</th>
                  <th>Band</th>
                </tr>
              </thead>
              <tbody>
                {risk.topPeople.map((p) => (
                  <tr key={p.id ?? p.name}>
                    <td>
                      <PersonName person={{ id: p.id, fullName: p.name }} />
                      {p.vendor && <div className="muted small">{p.vendor}</div>}
                    </td>
                    <td className="num">{p.bribery.toFixed(0)}</td>
                    <td className="num">{p.compromise.toFixed(0)}</td>
                    <td>
                      <BandBadge band={p.band} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {risk.topVendors.length > 0 && (
          <div className="table-wrap mt-12">
            <table data-testid="top-vendors">
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th className="num">Risk</th>
                  <th>Band</th>
                </tr>
              </thead>
              <tbody>
                {risk.topVendors.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link href={`/vendors/${v.id}`}>{v.name}</Link>
                    </td>
                    <td className="num">{v.risk.toFixed(0)}</td>
                    <td>
                      <BandBadge band={v.band} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
