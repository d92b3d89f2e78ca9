import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import {
  CREDENTIAL_ACTIONS,
  CREDENTIAL_PRIVILEGE,
  CREDENTIAL_WORDS,
  gitHubGrantsAt,
} from './github-actions';
import { isoMinute, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * credential_outside_workflow (docs/DETECTORS.md §GitHub): a deploy key, a personal access token
 * (fine-grained approval or a classic token's SSO authorization) or an OAuth / GitHub App
 * authorized or installed on the organization's GitHub with no approved Vigil grant behind it.
 * "Behind it", as for privilege changes: at that time the person holds a grant on GitHub whose
 * privilege names that kind of credential (`deploy_key`, `personal_access_token`, `oauth_app`,
 * `github_app`) or is an admin / owner privilege. Critical when they hold no grant on GitHub at
 * all; high otherwise. Such credentials outlive the person's session and offboarding: the way in
 * that survives a revoked account.
 */
export function detectCredentialOutsideWorkflow(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const grace = t.grantGraceMinutes * 60_000;
  const out: Signal[] = [];
  for (const e of events) {
    const kind = CREDENTIAL_ACTIONS[e.action];
    if (!kind || e.outcome !== 'success') continue;
    // public_key.create on a user account is the user's own SSH key, not a deploy key.
    if (e.action === 'public_key.create' && !e.resource?.includes('/')) continue;
    const { active, backed } = gitHubGrantsAt(person, e, grace, CREDENTIAL_PRIVILEGE[kind]);
    if (backed) continue;
    const what = CREDENTIAL_WORDS[kind];
    out.push(
      makeSignal({
        kind: 'credential_outside_workflow',
        person,
        severity: active.length === 0 ? 'critical' : 'high',
        evidence: [e],
        keyParts: [e.id],
        explanation:
          `${what} added (${e.action}${e.resource ? ` on ${e.resource}` : ''}) at ${isoMinute(e.occurredAt)} ` +
          `with no approved Vigil grant for it; ${active.length} active grants on GitHub.`,
        stats: {
          credential: kind,
          action: e.action,
          target: e.resource ?? '',
          activeGrantsOnSystem: active.length,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
