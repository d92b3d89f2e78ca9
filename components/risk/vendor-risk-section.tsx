import Link from 'next/link';
import { RiskTrendChart } from '@/components/charts/risk-trend-chart';
import { PersonName } from '@/components/privacy/person-name';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { BandBadge } from './band-badge';
import { FactorLedger, type LedgerRow } from './factor-ledger';

export interface VendorRiskView {
  vendor: { id: string; name: string };
  score: { risk: number; band: string; peopleCount: number; computedAt: Date } | null;
  factors: LedgerRow[];
  topPeople: {
    id: string | null;
    fullName: string;
    email: string | null;
    bribery: number;
    compromise: number;
    risk: number;
    band: string;
  }[];
  history: { day: string; risk: number }[];
}

/** Vendor risk: its people rolled up (max and a high quantile) plus vendor-level factors. */
export function VendorRiskSection({ risk }: { risk: VendorRiskView }) {
  const { score } = risk;
  return (
    <section
      className="card stack mt-16"
      aria-labelledby="vendor-risk-heading"
      data-testid="vendor-risk"
    >
      <div className="card-header flush">
        <h2 id="vendor-risk-heading">Risk</h2>
        {score && <span className="muted small">Computed {formatDateTime(score.computedAt)}</span>}
      </div>
      {!score ? (
        <EmptyState title="Not scored yet">
          Vendor risk is computed with its people&apos;s scores.
        </EmptyState>
      ) : (
        <>
          <div className="grid cols-2">
            <div className="stat" data-testid="vendor-risk-score">
              <div className="muted small">Vendor risk</div>
              <div className="row gap-8 align-baseline">
                <span className="score-figure">{score.risk.toFixed(1)}</span>
                <BandBadge band={score.band} />
              </div>
              <div className="muted small">
                Its {score.peopleCount} {score.peopleCount === 1 ? 'person' : 'people'} roll up as
                the riskiest and a high quantile (never the mean), plus vendor factors.
              </div>
            </div>
            <div>
              <h3 className="flush mb-6">Last 90 days</h3>
              <RiskTrendChart
                label={`Risk of ${risk.vendor.name} over the last 90 days`}
                data={risk.history}
                series={[{ key: 'risk', label: 'Vendor risk', color: '#1f4fd1' }]}
              />
            </div>
          </div>
          <div>
            <h3 className="mb-6">Why this score</h3>
            {risk.factors.length === 0 ? (
              <p className="muted small flush">Nothing adds to this vendor&apos;s risk.</p>
            ) : (
              <FactorLedger rows={risk.factors} testId="vendor-risk-ledger" />
            )}
          </div>
        </>
      )}
      <div>
        <h3 className="mb-6">Riskiest people</h3>
        {risk.topPeople.length === 0 ? (
          <p className="muted small flush">No scored people at this vendor.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="vendor-top-people">
              <thead>
                <tr>
                  <th>Person</th>
                  <th className="text-right">Bribery</th>
                  <th className="text-right">Compromise</th>
                  <th>Band</th>
                </tr>
              </thead>
              <tbody>
                {risk.topPeople.map((p) => (
                  <tr key={p.id ?? p.fullName}>
                    <td>
                      {p.id ? (
                        <Link href={`/people/${p.id}#risk-heading`}>{p.fullName}</Link>
                      ) : (
                        <PersonName person={p} />
                      )}
                      {p.email && <div className="muted small">{p.email}</div>}
                    </td>
                    <td className="text-right">{p.bribery.toFixed(1)}</td>
                    <td className="text-right">{p.compromise.toFixed(1)}</td>
                    <td>
                      <BandBadge band={p.band} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
