import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { ev, org, person } from './test-helpers';
import { detectWorkflowRunsDeleted } from './workflow-runs-deleted';

const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const runDeleted = (minute: number, action = 'workflows.delete_workflow_run') =>
  ev({
    at: new Date(Date.parse('2026-09-17T10:00:00Z') + minute * 60_000),
    system: 'GitHub',
    action,
    resource: 'acme/core',
    source: 'github',
  });

describe('detectWorkflowRunsDeleted', () => {
  it('fires medium for a couple of deleted runs, high from five in a day', () => {
    const p = person({ grants: [] });
    const [few] = detectWorkflowRunsDeleted([runDeleted(0), runDeleted(1)], p, none, null, o);
    expect(few).toMatchObject({
      kind: 'workflow_runs_deleted',
      severity: 'medium',
      dedupeKey: 'workflow_runs_deleted:p1:2026-09-17',
      stats: { runs: 2, repositories: 'acme/core', approvedRuns: 0 },
    });
    expect(few!.explanation).toBe(
      '2 workflow runs deleted on 2026-09-17 in acme/core; no approved Vigil grant for it.',
    );
    const many = detectWorkflowRunsDeleted(
      [0, 1, 2, 3, 4].map((m) => runDeleted(m)),
      p,
      none,
      null,
      o,
    );
    expect(many.map((s) => s.severity)).toEqual(['high']);
  });

  it('is one step lower when a maintainer grant approves it; ignores other actions', () => {
    const maintainer = person({
      grants: [{ system: 'GitHub', privilege: 'maintain', from: new Date('2026-01-01'), to: null }],
    });
    const [s] = detectWorkflowRunsDeleted([runDeleted(0)], maintainer, none, null, o);
    expect(s).toMatchObject({ severity: 'low', stats: { approvedRuns: 1 } });
    expect(
      detectWorkflowRunsDeleted(
        [
          ev({ at: '2026-09-17T10:00:00Z', action: 'workflows.completed_workflow_run' }),
          { ...runDeleted(0), outcome: 'failure' as const },
        ],
        maintainer,
        none,
        null,
        o,
      ),
    ).toEqual([]);
  });
});
