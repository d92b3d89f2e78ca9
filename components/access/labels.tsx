import { Alert } from '@/components/ui/alert';
import type { GateFinding } from '@/server/domain/access/access-gate';
import type { StepKind, StepStatus } from '@/server/domain/access/approval-plan';
import type { GrantStatus } from '@/server/domain/access/grant';

export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved, starts later',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

const GRANT_STATUS_BADGES: Record<GrantStatus, string> = {
  pending: 'badge-warn',
  approved: 'badge-brand',
  denied: 'badge-danger',
  withdrawn: '',
  active: 'badge-ok',
  expired: '',
  revoked: 'badge-danger',
};

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  return (
    <span className={`badge ${GRANT_STATUS_BADGES[status]}`} data-testid="grant-status">
      {GRANT_STATUS_LABELS[status]}
    </span>
  );
}

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  manager: 'Manager',
  system_owner: 'System owner',
  compliance: 'Compliance',
};

const STEP_STATUS_BADGES: Record<StepStatus, string> = {
  pending: 'badge-warn',
  approved: 'badge-ok',
  denied: 'badge-danger',
  skipped: '',
};

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <span className={`badge ${STEP_STATUS_BADGES[status]}`}>{status}</span>;
}

/** The pre-access gate's findings: what blocks approval, in words. */
export function GateFindings({ findings }: { findings: GateFinding[] }) {
  if (findings.length === 0)
    return (
      <Alert tone="ok" testId="gate-clear">
        The pre-access gate is clear: screening, watchlist, vendor and separation of duties all
        pass.
      </Alert>
    );
  return (
    <Alert tone="error" testId="gate-blocked" role="status">
      <strong>
        The pre-access gate blocks approval ({findings.length}{' '}
        {findings.length === 1 ? 'reason' : 'reasons'}):
      </strong>
      <ul className="flush mt-6 indent">
        {findings.map((f) => (
          <li key={`${f.code}:${f.message}`} data-code={f.code}>
            {f.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function GateSummary({ findings }: { findings: GateFinding[] }) {
  return findings.length === 0 ? (
    <span className="badge badge-ok">Gate clear</span>
  ) : (
    <span className="badge badge-danger" title={findings.map((f) => f.message).join('\n')}>
      Blocked: {findings.length} {findings.length === 1 ? 'reason' : 'reasons'}
    </span>
  );
}
