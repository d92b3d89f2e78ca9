import { ADMIN_RESOURCE_PATTERN } from './defaults';
import { grantCovers } from './grants';
import type { DetectorEvent, DetectorGrant, PersonContext } from './types';

// GitHub audit-log actions the GitHub detectors read (docs/DETECTORS.md §GitHub), by the names
// GitHub's organization and enterprise audit-log references give them (docs/INGEST.md §GitHub).

/** A credential that reaches the organization's code without a person signing in. */
export type CredentialKind = 'deploy_key' | 'personal_access_token' | 'oauth_app' | 'github_app';

export const CREDENTIAL_ACTIONS: Readonly<Record<string, CredentialKind>> = {
  'deploy_key.create': 'deploy_key',
  // An SSH key on a repository is a deploy key; on a user account it is the user's own key.
  'public_key.create': 'deploy_key',
  'personal_access_token.access_granted': 'personal_access_token',
  'personal_access_token.auto_approve_grant_requests': 'personal_access_token',
  'org_credential_authorization.grant': 'personal_access_token',
  // A user authorizing an app; `oauth_access.create` (every token the app mints) is left out.
  'oauth_authorization.create': 'oauth_app',
  'org.oauth_app_access_approved': 'oauth_app',
  'oauth_application.create': 'oauth_app',
  'integration_installation.create': 'github_app',
  'integration.create': 'github_app',
};

/** The grant privileges that approve each credential (any admin/owner privilege approves all). */
export const CREDENTIAL_PRIVILEGE: Readonly<Record<CredentialKind, RegExp>> = {
  deploy_key: /deploy[\s_-]?key/i,
  personal_access_token: /personal[\s_-]?access[\s_-]?token|\bpat\b|\btoken\b/i,
  oauth_app: /oauth|integration|\bapps?\b/i,
  github_app: /github[\s_-]?app|integration|\bapps?\b/i,
};

export const CREDENTIAL_WORDS: Readonly<Record<CredentialKind, string>> = {
  deploy_key: 'deploy key',
  personal_access_token: 'personal access token',
  oauth_app: 'OAuth app',
  github_app: 'GitHub App',
};

/** Repository visibility changes and transfers out of the organization. */
export const TRANSFER_OUT_ACTIONS = new Set([
  'repo.transfer_outgoing',
  'repo.transfer_start',
  'private_repository_forking.enable',
]);
export const VISIBILITY_ACTION = 'repo.access';
/** Approves making a repository public or moving it out (a release or open-source workflow). */
export const EXPOSURE_PRIVILEGE = /visibility|publish|open[\s_-]?source|release|transfer/i;

/** Security controls switched off: the control each action removes. */
export const CONTROL_DISABLED_ACTIONS: Readonly<Record<string, string>> = {
  'protected_branch.destroy': 'branch protection',
  'repository_ruleset.destroy': 'branch protection',
  'org.ruleset_destroy': 'branch protection',
  'repository_secret_scanning.disable': 'secret scanning',
  'secret_scanning.disable': 'secret scanning',
  'secret_scanning_new_repos.disable': 'secret scanning',
  'business_secret_scanning.disable': 'secret scanning',
  'business_secret_scanning.disabled_for_new_repos': 'secret scanning',
  'repository_secret_scanning_push_protection.disable': 'push protection',
  'repository_secret_scanning_custom_pattern_push_protection.disabled': 'push protection',
  'org.secret_scanning_push_protection_disable': 'push protection',
  'org.secret_scanning_push_protection_new_repos_disable': 'push protection',
  'org.secret_scanning_custom_pattern_push_protection_disabled': 'push protection',
  'business_secret_scanning_push_protection.disable': 'push protection',
  'business_secret_scanning_push_protection.disabled_for_new_repos': 'push protection',
  'business_secret_scanning_custom_pattern_push_protection.disabled': 'push protection',
  'repository_vulnerability_alerts.disable': 'vulnerability alerts',
  'dependabot_alerts.disable': 'vulnerability alerts',
  'dependabot_alerts_new_repos.disable': 'vulnerability alerts',
  'dependabot_security_updates.disable': 'vulnerability alerts',
  'repository_advanced_security.disable': 'code scanning and secret scanning',
  'business_advanced_security.disabled': 'code scanning and secret scanning',
};
/** Approves switching a control off (a repository administrator doing maintenance). */
export const CONTROL_PRIVILEGE = /security|protection|maintain/i;

export const WORKFLOW_RUN_DELETE_ACTIONS = new Set([
  'workflows.delete_workflow_run',
  'workflows.delete_workflow_run_logs',
]);

/** Reads of a repository's whole code: clones, fetches and archive downloads. */
export const CODE_PULL_ACTIONS = new Set([
  'git.clone',
  'git.fetch',
  'repo.download_zip',
  'repo.download_archive',
]);

export function isCodePull(e: DetectorEvent): boolean {
  return e.outcome === 'success' && CODE_PULL_ACTIONS.has(e.action);
}

/** The repository a code pull read (`org/repo`; a visibility suffix dropped). */
export function repoOf(e: DetectorEvent): string {
  return (e.resource ?? '').replace(/ \(visibility: \w+\)$/, '') || '(unnamed repository)';
}

const isGitHubGrant = (g: DetectorGrant, eventSystem: string | null) =>
  g.system === eventSystem || /github/i.test(g.system);

/**
 * The grants on GitHub that cover the event's time (with the provisioning grace) and whether one
 * of them approves it: a privilege matching `approves`, or an admin / owner privilege.
 */
export function gitHubGrantsAt(
  person: PersonContext,
  e: DetectorEvent,
  graceMs: number,
  approves: RegExp,
): { active: DetectorGrant[]; backed: boolean } {
  const active = person.grants.filter(
    (g) => isGitHubGrant(g, e.system) && grantCovers(g, e.occurredAt, graceMs),
  );
  const backed = active.some(
    (g) =>
      g.privilege !== null &&
      (approves.test(g.privilege) ||
        ADMIN_RESOURCE_PATTERN.test(g.privilege) ||
        /\bowner\b/i.test(g.privilege)),
  );
  return { active, backed };
}
