import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { CONTROL_DISABLED_ACTIONS, CONTROL_PRIVILEGE, gitHubGrantsAt } from './github-actions';
import { localTime } from './local-time';
import { makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

/**
 * security_control_disabled (docs/DETECTORS.md §GitHub): branch protection removed, secret
 * scanning or push protection switched off, vulnerability (Dependabot) alerts or advanced security
 * disabled, on a repository, the organization or the enterprise. One signal per person and local
 * day. Each event is approved by a GitHub grant whose privilege names security, protection or
 * maintenance, or an admin / owner privilege: approved changes alone make it low (kept on record:
 * a maintainer switching protection off is still worth seeing next to what followed). Unapproved:
 * high; critical when two or more different controls went in one day (clearing the way for a
 * push that would otherwise be stopped).
 */
export function detectSecurityControlDisabled(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const grace = t.grantGraceMinutes * 60_000;
  const byDay = new Map<string, { e: DetectorEvent; control: string; backed: boolean }[]>();
  for (const e of events) {
    const control = CONTROL_DISABLED_ACTIONS[e.action];
    if (!control || e.outcome !== 'success') continue;
    const { backed } = gitHubGrantsAt(person, e, grace, CONTROL_PRIVILEGE);
    const day = localTime(e.occurredAt, person.timezone).day;
    const list = byDay.get(day) ?? [];
    list.push({ e, control, backed });
    byDay.set(day, list);
  }
  const out: Signal[] = [];
  for (const [day, items] of byDay) {
    const unapproved = items.filter((i) => !i.backed);
    const controls = [...new Set(items.map((i) => i.control))].sort();
    const unapprovedControls = new Set(unapproved.map((i) => i.control));
    const severity: Severity =
      unapproved.length === 0 ? 'low' : unapprovedControls.size >= 2 ? 'critical' : 'high';
    const targets = [...new Set(items.map((i) => i.e.resource).filter((r): r is string => !!r))];
    out.push(
      makeSignal({
        kind: 'security_control_disabled',
        person,
        severity,
        evidence: items.map((i) => i.e),
        keyParts: [day],
        explanation:
          `${controls.join(', ')} disabled on ${day} (${items.length} changes` +
          (targets.length ? ` on ${targets.slice(0, 3).join(', ')}` : '') +
          `); ${unapproved.length} without an approved Vigil grant for it.`,
        stats: {
          day,
          controls: controls.join(', '),
          changes: items.length,
          unapprovedChanges: unapproved.length,
          targets: targets.slice(0, 5).join(', '),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
