import { newDeviceIn, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { ADMIN_RESOURCE_PATTERN, PRIVILEGE_GRANT_ACTIONS } from './defaults';
import { grantCovers } from './grants';
import { isoMinute, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/** `arn:aws:iam::aws:policy/AdministratorAccess` → `administratoraccess`. */
const shortName = (resource: string) => resource.split(/[/:]/).pop()!.trim().toLowerCase();

/** Whether the event grants administrative rights, per defaults.ts's action list. */
export function isAdminGrant(e: DetectorEvent): boolean {
  const rule = PRIVILEGE_GRANT_ACTIONS[e.action];
  if (!rule || e.outcome !== 'success') return false;
  return rule === 'admin' || (e.resource !== null && ADMIN_RESOURCE_PATTERN.test(e.resource));
}

/**
 * privilege_change_outside_workflow (docs/DETECTORS.md §Signal kinds): admin rights granted in a
 * source system (CloudTrail AttachUserPolicy, PutRolePolicy and kin with an admin policy, Okta
 * `user.account.privilege.grant`, Google `admin.ASSIGN_ROLE`) with no approved Vigil grant behind
 * it. "Behind it" means the acting person holds, at that time, a grant on the same system for that
 * privilege (or, when the event names none, an admin privilege). Critical when they hold no grant
 * on the system at all.
 */
export function detectPrivilegeChangeOutsideWorkflow(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const grace = t.grantGraceMinutes * 60_000;
  const out: Signal[] = [];
  for (const e of events) {
    if (!isAdminGrant(e)) continue;
    const granted = e.resource !== null ? shortName(e.resource) : null;
    const active = person.grants.filter(
      (g) => g.system === e.system && grantCovers(g, e.occurredAt, grace),
    );
    const backed = active.some(
      (g) =>
        g.privilege !== null &&
        (granted !== null
          ? shortName(g.privilege) === granted
          : ADMIN_RESOURCE_PATTERN.test(g.privilege)),
    );
    if (backed) continue;
    const device = newDeviceIn([e], baseline);
    out.push(
      makeSignal({
        kind: 'privilege_change_outside_workflow',
        person,
        severity: active.length === 0 ? 'critical' : 'high',
        evidence: [e],
        keyParts: [e.id],
        explanation:
          `${e.action}${e.resource ? ` granting ${e.resource}` : ''} on ${e.system ?? 'an unregistered system'} ` +
          `at ${isoMinute(e.occurredAt)} with no approved Vigil grant for it; ` +
          `${active.length} active grants on that system` +
          (device ? `; from a device not seen before (${device}).` : '.'),
        stats: {
          action: e.action,
          privilege: e.resource ?? '',
          system: e.system ?? '',
          activeGrantsOnSystem: active.length,
          ...(device ? { newDevice: device } : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
