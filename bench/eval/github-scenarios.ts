// GitHub tactics and their look-alikes (docs/DETECTION-QUALITY.md): code taken, code published,
// controls cleared, next to a developer who pulls many repositories every day and a release
// engineer who publishes an SDK under a grant. Magnitudes follow reported cases, not detectors.
import { codePull, codeReach, githubEvent, homeRepos, REPOS } from './github-log';
import { entry, type Scenario } from './plant';

const MINUTE = 60_000;

export const GITHUB_SCENARIOS: Scenario[] = [
  {
    tactic: 'code_exfiltration_burst',
    kind: 'insider',
    summary:
      'Contract developer clones 38 repositories and downloads 8 more as archives in one afternoon',
    plant({ act, take, days }) {
      const p = take('contract_dev');
      return {
        entries: [
          entry(
            p,
            'code_exfiltration_burst',
            'insider',
            '46 distinct repositories (38 clones, 8 ZIP downloads) in ~2 h; usual day 1–3',
          ),
        ],
        events: () => {
          const d = days - 2;
          const start = act.at(p, d, p.behaviour.shiftStart + 4);
          const mine = new Set(homeRepos(p, 6));
          const others = REPOS.filter((r) => !mine.has(r));
          others.slice(0, 46).forEach((repo, i) => {
            const t = start + i * 2.5 * MINUTE + act.rng.int(0, 60) * 1000;
            codePull(act, p, t, repo, i < 38 ? 'git.clone' : 'repo.download_zip');
          });
        },
      };
    },
  },
  {
    tactic: 'repo_made_public',
    kind: 'insider',
    summary: 'Engineer switches the private matching engine repository to public (no grant for it)',
    plant({ act, take, days }) {
      const p = take('engineer');
      return {
        entries: [
          entry(
            p,
            'repo_made_public',
            'insider',
            'repo.access: exch/matching-engine private → public; member grant only',
          ),
        ],
        events: () => {
          const d = days - 4;
          const t = act.at(p, d, p.behaviour.shiftStart + 6);
          githubEvent(act, p, t, 'repo.access', {
            repo: 'exch/matching-engine',
            visibility: 'public',
            public_repo: true,
            operation_type: 'modify',
          });
        },
      };
    },
  },
  {
    tactic: 'secret_scanning_disabled',
    kind: 'insider',
    summary:
      'Engineer turns off push protection and secret scanning on the wallet service, then deletes three workflow runs',
    plant({ act, take, days }) {
      const p = take('engineer');
      return {
        entries: [
          entry(
            p,
            'secret_scanning_disabled',
            'insider',
            'push protection and secret scanning disabled on exch/wallet-service; 3 workflow runs deleted',
          ),
        ],
        events: () => {
          const d = days - 3;
          const t = act.at(p, d, p.behaviour.shiftStart + 5);
          const repo = { repo: 'exch/wallet-service', public_repo: false };
          githubEvent(act, p, t, 'repository_secret_scanning_push_protection.disable', repo);
          githubEvent(act, p, t + 2 * MINUTE, 'repository_secret_scanning.disable', repo);
          for (let i = 0; i < 3; i++)
            githubEvent(act, p, t + (40 + i) * MINUTE, 'workflows.delete_workflow_run', {
              ...repo,
              data: { workflow_run_id: 7_000_000 + i },
            });
        },
      };
    },
  },
  {
    tactic: 'heavy_cloner',
    kind: 'benign',
    summary:
      'Build engineer re-pulling 10–16 repositories every day (40–80 clones and fetches), as every day',
    plant({ take }) {
      const p = take('engineer');
      codeReach.set(p, { homeRepos: 20, reposPerDay: [10, 16], pullsPerRepo: [3, 5] });
      return {
        entries: [
          entry(
            p,
            'heavy_cloner',
            'benign',
            '10–16 distinct repositories and 30–80 pulls on every working day, the last days included',
          ),
        ],
      };
    },
  },
  {
    tactic: 'release_engineer_visibility',
    kind: 'benign',
    summary:
      'Release engineer makes the public SDK repository public, under a repo_visibility grant',
    plant({ act, take, grants, days }) {
      const p = take('engineer');
      grants.push({
        email: p.email,
        system: 'GitHub',
        privilege: 'repo_visibility',
        startsAt: p.startDate,
      });
      return {
        entries: [
          entry(
            p,
            'release_engineer_visibility',
            'benign',
            'repo.access: exch/public-sdk → public, with an approved repo_visibility grant',
          ),
        ],
        events: () => {
          const d = days - 3;
          const t = act.at(p, d, p.behaviour.shiftStart + 3);
          githubEvent(act, p, t, 'repo.access', {
            repo: 'exch/public-sdk',
            visibility: 'public',
            public_repo: true,
            operation_type: 'modify',
          });
        },
      };
    },
  },
];
