// The GitHub organization audit log of the exchange's code (docs/INGEST.md §GitHub): engineers'
// and contract developers' ordinary days (a few clones and fetches of their team's repositories,
// pull requests, reviews), written in the audit-log streaming shape. Drawn from its own random
// stream per person, so adding it left every other log of the tenant unchanged.
import type { Activity } from './activity';
import type { PersonSpec } from './model';
import type { Rng } from './rng';

export const GITHUB_ORG = 'exch';

/** The organization's repositories: services, libraries, infrastructure, tools. */
export const REPOS = [
  'matching-engine',
  'order-gateway',
  'wallet-service',
  'custody-signer',
  'ledger',
  'risk-engine',
  'kyc-hooks',
  'support-console',
  'treasury-console',
  'market-data',
  'price-oracle',
  'fees',
  'withdrawals',
  'deposits',
  'notifier',
  'reconciler',
  'auth-service',
  'api-gateway',
  'web-app',
  'mobile-app',
  'admin-panel',
  'reporting',
  'data-pipeline',
  'warehouse-models',
  'fraud-rules',
  'aml-screening',
  'travel-rule',
  'cold-storage',
  'hsm-tools',
  'infra-terraform',
  'k8s-manifests',
  'ci-templates',
  'helm-charts',
  'observability',
  'alerting',
  'feature-flags',
  'config-service',
  'rate-limiter',
  'sdk-js',
  'sdk-python',
  'sdk-go',
  'public-sdk',
  'docs-site',
  'status-page',
  'design-system',
  'shared-proto',
  'shared-utils',
  'test-harness',
  'load-tests',
  'chaos-tests',
  'incident-runbooks',
  'security-tools',
  'secrets-rotation',
  'backup-jobs',
  'archiver',
  'ledger-migrations',
  'market-maker-bots',
  'listing-tools',
  'partner-api',
  'payouts',
  'card-issuing',
  'bank-connector',
  'fx-rates',
  'earn-products',
].map((r) => `${GITHUB_ORG}/${r}`);

/** How far a developer's code work reaches: their team's repositories and a day's spread. */
export interface CodeReach {
  homeRepos: number;
  reposPerDay: [number, number];
  pullsPerRepo: [number, number];
}
const ORDINARY: CodeReach = { homeRepos: 6, reposPerDay: [1, 3], pullsPerRepo: [1, 3] };
/** Set by look-alikes (a build engineer re-pulling many repositories every day). */
export const codeReach = new WeakMap<PersonSpec, CodeReach>();

export function githubHandle(p: PersonSpec): string | null {
  const id = p.externalIds.find((x) => x.startsWith('github:'));
  return id ? id.slice('github:'.length) : null;
}

export function homeRepos(p: PersonSpec, n: number): string[] {
  return Array.from({ length: n }, (_, k) => REPOS[(p.index * 7 + k * 5) % REPOS.length]!);
}

/** Where the person is that day, for actor_location (trips and laptop farms included). */
function countryOn(p: PersonSpec, day: number): string {
  const trip = p.behaviour.trips.find((t) => day >= t.from && day < t.to);
  return (trip?.place ?? p.actualPlace ?? p.home).country;
}

/** One audit-log event as GitHub streams it. */
export function githubEvent(
  act: Activity,
  p: PersonSpec,
  t: number,
  action: string,
  fields: Record<string, unknown> = {},
): void {
  const actor = githubHandle(p);
  if (!actor) return;
  const day = Math.floor((t - act.cal.startMs) / 86_400_000);
  const record = {
    '@timestamp': t,
    // Its own id sequence: drawing from the shared one would renumber the other logs' ids.
    _document_id: `${t.toString(36)}-${p.index.toString(36)}-${act.sinks.github.length.toString(36)}`,
    action,
    actor,
    actor_id: 1_000_000 + p.index,
    actor_location: { country_code: countryOn(p, day) },
    business: 'exchange',
    created_at: t,
    org: GITHUB_ORG,
    user_agent: action.startsWith('git.') ? 'git/2.45.2' : p.userAgent,
    ...fields,
  };
  act.sinks.github.push({ t, json: JSON.stringify(record) });
}

export function codePull(
  act: Activity,
  p: PersonSpec,
  t: number,
  repo: string,
  action = 'git.clone',
) {
  githubEvent(act, p, t, action, {
    repo,
    repository: repo,
    repository_public: false,
    ...(action.startsWith('git.')
      ? {
          transport_protocol: 2,
          transport_protocol_name: 'ssh',
          programmatic_access_type: 'SSH key',
        }
      : {}),
  });
}

/** A working day's code: clones and fetches of a few team repositories, a PR or a review. */
function githubDay(act: Activity, rng: Rng, p: PersonSpec, day: number): void {
  const b = p.behaviour;
  const reach = codeReach.get(p) ?? ORDINARY;
  const home = homeRepos(p, reach.homeRepos);
  const at = () => act.at(p, day, b.shiftStart + 0.5 + rng.float() * (b.shiftHours - 1));
  const n = rng.int(reach.reposPerDay[0], reach.reposPerDay[1]);
  const today = new Set<string>();
  while (today.size < Math.min(n, home.length)) today.add(rng.pick(home));
  if (rng.chance(0.15)) today.add(rng.pick(REPOS));
  for (const repo of today) {
    const pulls = rng.int(reach.pullsPerRepo[0], reach.pullsPerRepo[1]);
    for (let i = 0; i < pulls; i++)
      codePull(act, p, at(), repo, i === 0 && rng.chance(0.3) ? 'git.clone' : 'git.fetch');
  }
  const repo = rng.pick(home);
  if (rng.chance(0.5))
    githubEvent(act, p, at(), 'pull_request.create', { repo, public_repo: false });
  if (rng.chance(0.5))
    githubEvent(act, p, at(), 'pull_request_review.submit', { repo, public_repo: false });
}

/** Every developer's ordinary GitHub days; `fork` gives each person their own stream. */
export function githubLogs(
  act: Activity,
  people: readonly PersonSpec[],
  days: number,
  fork: (p: PersonSpec) => Rng,
): void {
  for (const p of people) {
    if (!githubHandle(p)) continue;
    const rng = fork(p);
    const b = p.behaviour;
    for (let d = Math.max(0, b.activeFrom); d < Math.min(days, b.activeUntil); d++) {
      const weekday = act.cal.weekday(d);
      if (weekday === 0 || weekday === 6) continue;
      if (rng.chance(0.08)) continue; // a day of meetings, leave or other work
      githubDay(act, rng, p, d);
    }
  }
}
