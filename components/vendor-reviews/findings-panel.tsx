import { SeverityBadge } from '@/components/signals/labels';
import { Note } from '@/components/ui/alert';
import { formatDate } from '@/components/ui/format';
import { Table } from '@/components/ui/table';
import type { FindingSeverity, FindingStatus } from '@/server/domain/vendor-reviews/review';
import { AddFinding } from './add-finding-form';
import { FindingStatusBadge } from './badges';
import type { Owner } from './finding-fields';
import { UpdateFinding } from './update-finding-form';

export interface Finding {
  id: string;
  title: string;
  severity: FindingSeverity;
  remediation: string;
  status: FindingStatus;
  statusNote: string | null;
  ownerUserId: string | null;
  owner: string | null;
  dueOn: string | null;
}

/** A review's findings: each gap with its remediation, owner and status; and a way to add one. */
export function FindingsPanel({
  reviewId,
  findings,
  owners,
  canAdd,
  canUpdate,
}: {
  reviewId: string;
  findings: Finding[];
  owners: Owner[];
  canAdd: boolean;
  canUpdate: boolean;
}) {
  return (
    <div className="stack">
      {findings.length === 0 ? (
        <Note>
          No findings recorded
          {canAdd ? ': record each gap with a remediation task and an owner.' : '.'}
        </Note>
      ) : (
        <Table testId="findings" rowsTop>
          <thead>
            <tr>
              <th>Finding</th>
              <th>Severity</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr key={f.id} data-testid={`finding-${f.title}`}>
                <td className="finding-cell">
                  <div className="strong">{f.title}</div>
                  <div className="small pre-line">
                    <span className="muted">Remediation:</span> {f.remediation}
                  </div>
                  {f.statusNote && <div className="muted small">Note: {f.statusNote}</div>}
                  {canUpdate && (
                    // Until the decision the finding itself can be corrected; after it, only
                    // its remediation moves along.
                    <UpdateFinding finding={f} owners={owners} editTerms={canAdd} />
                  )}
                </td>
                <td>
                  <SeverityBadge severity={f.severity} />
                </td>
                <td className="small">{f.owner ?? <span className="muted">No owner</span>}</td>
                <td className="small">{formatDate(f.dueOn)}</td>
                <td>
                  <FindingStatusBadge status={f.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canAdd && <AddFinding reviewId={reviewId} owners={owners} />}
    </div>
  );
}
