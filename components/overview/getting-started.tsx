import Link from 'next/link';
import type { ReactNode } from 'react';
import type { GettingStarted } from '@/server/services/overview/getting-started';

function Step({
  done,
  title,
  children,
  testId,
}: {
  done: boolean;
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <li className="getting-started-step" data-testid={testId} data-done={done}>
      <span className={done ? 'badge badge-ok' : 'badge'}>{done ? 'Done' : 'To do'}</span>
      <div>
        <strong>{title}</strong>
        <p className="small muted flush">{children}</p>
      </div>
    </li>
  );
}

const template = (kind: string, label: string) => (
  <a href={`/api/import/templates/${kind}`} download>
    {label}
  </a>
);

/**
 * The first three things a new organization does, shown on the overview to admins and compliance
 * officers until they are done (docs/GUIDE.md §Getting started).
 */
export function GettingStartedPanel({
  state,
  isAdmin,
}: {
  state: GettingStarted;
  isAdmin: boolean;
}) {
  const inventory = state.people > 0 && (state.systems > 0 || state.vendors > 0);
  const logs = state.logBatches > 0 || state.connectors > 0;
  const team = state.members > 1 || state.openInvitations > 0;
  if (inventory && logs && team) return null;
  return (
    <section className="card mb-16" aria-labelledby="getting-started" data-testid="getting-started">
      <div className="card-header">
        <h2 id="getting-started">Getting started</h2>
        <span className="muted small">
          {[inventory, logs, team].filter(Boolean).length} of 3 done
        </span>
      </div>
      <ol className="getting-started">
        <Step done={inventory} title="Import who and what you govern" testId="step-inventory">
          Fill in the templates ({template('vendors', 'vendors')}, {template('systems', 'systems')},{' '}
          {template('people', 'people')}, {template('grants', 'existing access')}) and load them on
          the <Link href="/imports">import page</Link>; you see every row’s outcome before anything
          is written.
        </Step>
        <Step done={logs} title="Bring in access logs" testId="step-logs">
          {isAdmin ? (
            <>
              <Link href="/settings/connectors">Connect Okta</Link> so logs arrive by
              themselves,{' '}
            </>
          ) : (
            'Ask an admin to connect Okta so logs arrive by themselves, '
          )}
          or <Link href="/logs">upload a log file</Link> (Okta, CloudTrail, Google Workspace).
          Detection runs on every batch.
        </Step>
        <Step done={team} title="Invite your team" testId="step-team">
          {isAdmin ? <Link href="/settings/members">Invite</Link> : 'Ask an admin to invite'} the
          managers who approve access and certify their people, and an auditor who reads everything.
        </Step>
      </ol>
    </section>
  );
}
