import {
  count,
  dayFact,
  evidenceFact,
  fact,
  n,
  on,
  str,
  T,
  type Presenter,
} from './describe-shared';
import { num, plural } from './words';

const CREDENTIAL_WORDS: Record<string, string> = {
  deploy_key: 'A deploy key',
  personal_access_token: 'A personal access token',
  oauth_app: 'An OAuth app',
  github_app: 'A GitHub App',
};

const grantsClause = (active: number) =>
  active === 0
    ? ' — and no grant at all on GitHub'
    : ` — ${plural(active, 'other grant')} on GitHub, none for this`;

// The GitHub audit log's kinds (docs/DETECTORS.md §GitHub): code and the controls around it.
export const GITHUB_PRESENTERS: Record<string, Presenter> = {
  credential_outside_workflow(s) {
    const active = n(s, 'activeGrantsOnSystem') ?? 0;
    const what = CREDENTIAL_WORDS[str(s, 'credential') ?? ''] ?? 'A credential';
    return {
      why: `${what} added to GitHub with no approved grant behind it${grantsClause(active)}`,
      facts: [
        ...fact('Credential', what.replace(/^An? /, '')),
        ...fact('On', str(s, 'target')),
        ...fact('GitHub action', str(s, 'action')),
        ...fact('Their active grants on GitHub', num(active)),
        ...evidenceFact(s),
      ],
    };
  },

  repository_exposure(s) {
    const active = n(s, 'activeGrantsOnSystem') ?? 0;
    return {
      why: `${str(s, 'repository') ?? 'A repository'} ${str(s, 'exposure') ?? 'exposed'} with no approved grant behind it${grantsClause(active)}`,
      facts: [
        ...fact('Repository', str(s, 'repository')),
        ...fact('What changed', str(s, 'exposure')),
        ...fact('GitHub action', str(s, 'action')),
        ...fact('Their active grants on GitHub', num(active)),
        ...evidenceFact(s),
      ],
    };
  },

  security_control_disabled(s) {
    const unapproved = n(s, 'unapprovedChanges') ?? 0;
    const controls = str(s, 'controls') ?? 'Security controls';
    return {
      why:
        `${controls.charAt(0).toUpperCase()}${controls.slice(1)} disabled${on(s)}` +
        (unapproved === 0
          ? ' — every change approved by a GitHub grant'
          : ` — ${plural(unapproved, 'change')} with no approved grant`),
      facts: [
        ...fact('Controls disabled', str(s, 'controls')),
        ...dayFact(s),
        ...fact('Changes', count(n(s, 'changes'))),
        ...fact('Without an approved grant', num(unapproved)),
        ...fact('Where', str(s, 'targets')),
        ...evidenceFact(s),
      ],
    };
  },

  workflow_runs_deleted(s) {
    const runs = n(s, 'runs') ?? 0;
    const approved = runs > 0 && n(s, 'approvedRuns') === runs;
    return {
      why:
        `${plural(runs, 'workflow run')} deleted${on(s)}, their logs with them` +
        (approved
          ? ' — approved by a GitHub grant'
          : runs >= T.workflowRunDeleteHigh
            ? ` — ${num(T.workflowRunDeleteHigh)} or more in a day, with no approved grant`
            : ' — with no approved grant'),
      facts: [
        ...dayFact(s),
        ...fact('Runs deleted', num(runs)),
        ...fact('Repositories', str(s, 'repositories')),
        ...fact('Of them approved by a grant', num(n(s, 'approvedRuns') ?? 0)),
        ...evidenceFact(s),
      ],
    };
  },

  code_exfiltration(s) {
    const repos = n(s, 'repositories') ?? 0;
    const threshold = n(s, 'threshold');
    const mature = str(s, 'baseline') === 'mature';
    const before = n(s, 'daysBeforeEnd');
    return {
      why:
        `${plural(repos, 'distinct repository', 'distinct repositories')} cloned or downloaded${on(s)}` +
        (mature
          ? ` — their usual day reaches ${num(n(s, 'usualRepositories') ?? 0)}`
          : ' — no baseline of their own yet') +
        (threshold !== null ? `, the line is ${num(threshold)}` : '') +
        (before !== null ? `; ${plural(before, 'day')} before they leave` : ''),
      facts: [
        ...dayFact(s),
        ...fact('Distinct repositories', num(repos)),
        ...fact('Clones, fetches and downloads', count(n(s, 'pulls'))),
        ...fact('Downloaded as archives', count(n(s, 'archives'))),
        ...fact(
          'Their usual day (90th percentile)',
          mature ? count(n(s, 'usualRepositories')) : null,
        ),
        ...fact('Threshold', count(threshold)),
        ...fact('Some of the repositories', str(s, 'sampleRepositories')),
        ...fact('Days before their end date', count(before)),
        ...evidenceFact(s),
      ],
    };
  },
};
