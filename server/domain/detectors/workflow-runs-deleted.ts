import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { CONTROL_PRIVILEGE, WORKFLOW_RUN_DELETE_ACTIONS, gitHubGrantsAt } from './github-actions';
import { localTime } from './local-time';
import { makeSignal, raise } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

/**
 * workflow_runs_deleted (docs/DETECTORS.md §GitHub): GitHub Actions workflow runs (and with them
 * their logs) deleted. A run's log is the record of what a workflow did with the repository's
 * secrets; deleting it removes the trace of a workflow changed to print or send them. One signal
 * per person and local day: medium, high at `workflowRunDeleteHigh` runs; one step lower when every
 * deletion is approved by a GitHub grant (security, protection, maintenance, admin or owner):
 * housekeeping by a maintainer.
 */
export function detectWorkflowRunsDeleted(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const grace = t.grantGraceMinutes * 60_000;
  const byDay = new Map<string, DetectorEvent[]>();
  for (const e of events) {
    if (!WORKFLOW_RUN_DELETE_ACTIONS.has(e.action) || e.outcome !== 'success') continue;
    const day = localTime(e.occurredAt, person.timezone).day;
    const list = byDay.get(day) ?? [];
    list.push(e);
    byDay.set(day, list);
  }
  const out: Signal[] = [];
  for (const [day, deleted] of byDay) {
    const approvedRuns = deleted.filter(
      (e) => gitHubGrantsAt(person, e, grace, CONTROL_PRIVILEGE).backed,
    ).length;
    const approved = approvedRuns === deleted.length;
    let severity: Severity = deleted.length >= t.workflowRunDeleteHigh ? 'high' : 'medium';
    if (approved) severity = raise(severity, -1);
    const repos = [...new Set(deleted.map((e) => e.resource).filter((r): r is string => !!r))];
    out.push(
      makeSignal({
        kind: 'workflow_runs_deleted',
        person,
        severity,
        evidence: deleted,
        keyParts: [day],
        explanation:
          `${deleted.length} workflow runs deleted on ${day}` +
          (repos.length ? ` in ${repos.slice(0, 3).join(', ')}` : '') +
          (approved ? '; approved by a GitHub grant.' : '; no approved Vigil grant for it.'),
        stats: {
          day,
          runs: deleted.length,
          repositories: repos.slice(0, 5).join(', '),
          approvedRuns,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
