import Link from 'next/link';
import { formatDate } from '@/components/ui/format';
import { SCORE_LABELS } from './band-badge';

export interface LedgerRow {
  score?: 'bribery' | 'compromise';
  factor: string;
  label: string;
  points: number;
  evidenceKind: string;
  evidenceId: string | null;
  evidenceDetail: string;
  decaysAt?: Date | null;
}

/** Where a ledger row's evidence lives in the app, when it has a page of its own. */
function evidenceHref(row: LedgerRow, personId?: string): string | null {
  const id = row.evidenceId;
  switch (row.evidenceKind) {
    case 'signal':
      return id ? `/signals/${id}` : null;
    case 'grant':
      return id ? `/access/${id}` : personId ? `/people/${personId}#access-heading` : null;
    case 'vendor':
      return id ? `/vendors/${id}` : null;
    case 'person':
      return id ? `/people/${id}` : null;
    case 'screening':
      return personId ? `/people/${personId}#screening-heading` : null;
    default:
      return null;
  }
}

/** "Why is this score what it is": every point as a row (factor, points, evidence, decay). */
export function FactorLedger({
  rows,
  personId,
  testId = 'risk-ledger',
}: {
  rows: LedgerRow[];
  personId?: string;
  testId?: string;
}) {
  const showScore = rows.some((r) => r.score);
  const showDecay = rows.some((r) => r.decaysAt !== undefined);
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {showScore && <th>Score</th>}
            <th>Factor</th>
            <th className="text-right">Points</th>
            <th>Evidence</th>
            {showDecay && <th>Decays</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const href = evidenceHref(r, personId);
            return (
              <tr key={`${r.score ?? ''}-${r.factor}-${i}`} data-factor={r.factor}>
                {showScore && <td className="small">{r.score ? SCORE_LABELS[r.score] : ''}</td>}
                {/* Words on the page; the stable code stays in the export and on hover. */}
                <td title={r.factor}>{r.label}</td>
                <td className="num">
                  <strong>{r.points.toFixed(1)}</strong>
                </td>
                <td className="small">
                  {href ? <Link href={href}>{r.evidenceDetail}</Link> : r.evidenceDetail}
                </td>
                {showDecay && (
                  <td className="small muted">
                    {r.decaysAt
                      ? formatDate(r.decaysAt)
                      : r.evidenceKind === 'signal'
                        ? 'when triaged'
                        : 'while it stands'}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
