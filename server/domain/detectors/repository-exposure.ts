import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import {
  EXPOSURE_PRIVILEGE,
  TRANSFER_OUT_ACTIONS,
  VISIBILITY_ACTION,
  gitHubGrantsAt,
  repoOf,
} from './github-actions';
import { isoMinute, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

/** How an event exposes a repository, or null when it does not. */
function exposureOf(e: DetectorEvent): { how: string; severity: Severity } | null {
  if (e.outcome !== 'success') return null;
  if (TRANSFER_OUT_ACTIONS.has(e.action))
    return e.action === 'private_repository_forking.enable'
      ? { how: 'forking of private repositories allowed', severity: 'high' }
      : { how: 'transferred out of the organization', severity: 'critical' };
  if (e.action !== VISIBILITY_ACTION) return null;
  const visibility = /\(visibility: (\w+)\)$/.exec(e.resource ?? '')?.[1];
  if (visibility === 'public') return { how: 'made public', severity: 'critical' };
  // Older exports do not say which way the visibility went.
  if (visibility === undefined)
    return { how: 'visibility changed (to what, the log does not say)', severity: 'medium' };
  return null; // private or internal: less exposed, not more
}

/**
 * repository_exposure (docs/DETECTORS.md §GitHub): a repository made public (`repo.access` to
 * public), transferred out of the organization (`repo.transfer_outgoing`, `repo.transfer_start`)
 * or opened to private forks, by a person with no grant approving it: a GitHub grant whose
 * privilege names visibility, publishing, open source, releases or transfers, or an admin / owner
 * privilege. Critical for public and transferred repositories (the code is out and cannot be taken
 * back); high for private forking; medium when an older log does not say the new visibility.
 */
export function detectRepositoryExposure(
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
    const exposure = exposureOf(e);
    if (!exposure) continue;
    const { active, backed } = gitHubGrantsAt(person, e, grace, EXPOSURE_PRIVILEGE);
    if (backed) continue;
    const repo = repoOf(e);
    out.push(
      makeSignal({
        kind: 'repository_exposure',
        person,
        severity: exposure.severity,
        evidence: [e],
        keyParts: [e.id],
        explanation:
          `${repo} ${exposure.how} (${e.action}) at ${isoMinute(e.occurredAt)} with no approved ` +
          `Vigil grant for it; ${active.length} active grants on GitHub.`,
        stats: {
          repository: repo,
          exposure: exposure.how,
          action: e.action,
          activeGrantsOnSystem: active.length,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
