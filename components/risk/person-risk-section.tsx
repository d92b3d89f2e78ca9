import Link from 'next/link';
import { RiskTrendChart } from '@/components/charts/risk-trend-chart';
import { kindLabel, SeverityBadge } from '@/components/signals/labels';
import { SensitivityBadge } from '@/components/systems/labels';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { BandBadge, SCORE_LABELS } from './band-badge';
import { FactorLedger, type LedgerRow } from './factor-ledger';

export interface PersonRiskView {
  person: { id: string; fullName: string };
  /** Pseudonymized investigation: the score is not shown beside the name (docs/PRIVACY.md). */
  withheld: boolean;
  score: {
    bribery: number;
    compromise: number;
    band: string;
    briberyBand: string;
    compromiseBand: string;
    computedAt: Date;
  } | null;
  /** Why the person is where they are, in one line (docs/RISK.md §Explaining a score). */
  headline: string;
  /** The largest reasons in words, largest first. */
  reasons: string[];
  factors: (LedgerRow & { score: 'bribery' | 'compromise' })[];
  history: { day: string; bribery: number | null; compromise: number | null }[];
  grants: {
    id: string;
    systemId: string;
    systemName: string;
    privilegeName: string;
    sensitivity: string;
    expiresAt: Date | null;
  }[];
  seesSignals: boolean;
  signals: {
    id: string;
    kind: string;
    severity: string;
    status: string;
    explanation: string;
    windowEnd: Date;
    counted: boolean;
  }[];
}

/** The person page's risk section: both scores, why (the ledger), the trend, and what feeds it. */
export function PersonRiskSection({ risk }: { risk: PersonRiskView }) {
  const { score } = risk;
  return (
    <section className="card stack mt-16" aria-labelledby="risk-heading" data-testid="person-risk">
      <div className="card-header flush">
        <h2 id="risk-heading">Risk</h2>
        {score && (
          <span className="muted small">Score last changed {formatDateTime(score.computedAt)}</span>
        )}
      </div>
      {risk.withheld ? (
        <EmptyState title="Pseudonymized">
          This organization pseudonymizes investigations: a person’s risk shows beside their name
          only once a case is opened on them or they are revealed to you from one of their signals.
        </EmptyState>
      ) : !score ? (
        <EmptyState title="Not scored yet">
          Scores are computed after ingest, on changes that affect them, and daily.
        </EmptyState>
      ) : (
        <>
          <Alert
            tone={
              score.band === 'high' || score.band === 'critical'
                ? 'error'
                : score.band === 'medium'
                  ? 'warn'
                  : 'ok'
            }
            testId="risk-headline"
          >
            <strong>{risk.headline}</strong>
            {risk.reasons.length > 1 && (
              <ul className="plain-list mt-6 small" data-testid="risk-reasons">
                {risk.reasons.slice(1).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </Alert>
          <div className="grid cols-2">
            {(['bribery', 'compromise'] as const).map((k) => (
              <div className="stat" key={k} data-testid={`risk-${k}`}>
                <div className="muted small">{SCORE_LABELS[k]}</div>
                <div className="row gap-8 align-baseline">
                  <span className="score-figure">{score[k].toFixed(1)}</span>
                  <BandBadge band={k === 'bribery' ? score.briberyBand : score.compromiseBand} />
                </div>
              </div>
            ))}
          </div>
          <div>
            <h3 className="mb-6">Last 90 days</h3>
            <RiskTrendChart
              label={`Risk scores of ${risk.person.fullName} over the last 90 days`}
              data={risk.history}
              series={[
                { key: 'bribery', label: SCORE_LABELS.bribery, color: '#8a5a00' },
                { key: 'compromise', label: SCORE_LABELS.compromise, color: '#b42318' },
              ]}
            />
          </div>
          <div>
            <h3 className="mb-6">Why these scores</h3>
            {risk.factors.length === 0 ? (
              <p className="muted small flush">Nothing adds to either score.</p>
            ) : (
              <>
                <p className="muted small mt-0">
                  Every point is a row; each score&apos;s rows add up to it. An incident-grade
                  signal holds the score until someone triages it; other signal points fade from the
                  event (incident-grade ones from triage) and stop showing on the decay date.
                  Access, records and vendor tier weigh evidence more; on their own they add only a
                  small base.
                </p>
                <FactorLedger rows={risk.factors} personId={risk.person.id} />
              </>
            )}
          </div>
        </>
      )}
      <div className="grid cols-2">
        {risk.seesSignals && (
          <div>
            <h3 className="mb-6">Signals behind it</h3>
            {risk.signals.length === 0 ? (
              <p className="muted small flush">No signals in the last 90 days.</p>
            ) : (
              <ul className="plain-list" data-testid="risk-signals">
                {risk.signals.map((s) => (
                  <li key={s.id} className="mb-6">
                    <div className="row gap-6">
                      <SeverityBadge severity={s.severity} />
                      <Link href={`/signals/${s.id}`}>{kindLabel(s.kind)}</Link>
                      <span className="muted small">
                        {formatDate(s.windowEnd)} · {s.status}
                      </span>
                      {s.counted ? (
                        <span className="badge badge-warn">counts</span>
                      ) : (
                        <span className="badge">not counted</span>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div>
          <h3 className="mb-6">Access that amplifies it</h3>
          {risk.grants.length === 0 ? (
            <p className="muted small flush">No active grants: nothing amplifies the signals.</p>
          ) : (
            <ul className="plain-list" data-testid="risk-grants">
              {risk.grants.map((g) => (
                <li key={g.id} className="mb-6">
                  <SensitivityBadge value={g.sensitivity} />{' '}
                  <Link href={`/access/${g.id}`}>
                    {g.systemName} · {g.privilegeName}
                  </Link>
                  <span className="muted small">
                    {g.expiresAt ? ` · until ${formatDate(g.expiresAt)}` : ' · no expiry'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
