import type { SignalKind } from '../detectors/types';
import type { RiskSignal } from './person-input';
import type { RiskWeights } from './weights';

const DAY = 86_400_000;

/** Kinds that are incident-grade whatever their stats (docs/RISK.md §Incident-grade signals). */
const ALWAYS: ReadonlySet<SignalKind> = new Set<SignalKind>([
  'privilege_change_outside_workflow',
  'impossible_travel',
  'mfa_tampering',
  'incident_chain',
]);

/**
 * GitHub kinds that are incident-grade when high or critical (docs/RISK.md §Incident-grade
 * signals): code made public or taken, a credential that outlives offboarding, controls cleared.
 */
const GITHUB_INCIDENT_KINDS: readonly SignalKind[] = [
  'credential_outside_workflow',
  'repository_exposure',
  'security_control_disabled',
  'workflow_runs_deleted',
  'code_exfiltration',
];
const GITHUB_INCIDENT: ReadonlySet<SignalKind> = new Set(GITHUB_INCIDENT_KINDS);

/**
 * Kinds that can be incident-grade: the service loads their untriaged signals whatever their age,
 * since those do not fade (server/services/risk/score-inputs.ts).
 */
export const INCIDENT_CANDIDATE_KINDS: readonly SignalKind[] = [
  ...ALWAYS,
  'access_after_termination',
  'access_without_grant',
  'shared_infrastructure',
  'identity_reuse',
  ...GITHUB_INCIDENT_KINDS,
];

const severe = (s: Pick<RiskSignal, 'severity'>) =>
  s.severity === 'high' || s.severity === 'critical';

/**
 * One event that is an incident on its own, not a pattern (docs/RISK.md §Incident-grade signals):
 * - access after termination that succeeded (high or critical; failed attempts alone, medium, are
 *   a stale device retrying as often as a person trying, and the control held);
 * - access without a grant to a restricted system: the signal touched sensitive records (the
 *   detector makes it high then) or the system's criticality is high or critical;
 * - shared infrastructure with a person who has an open or confirmed watchlist match;
 * - identity reuse of an identifier that is on a watchlist entry, or of a strong one (phone,
 *   wallet, device, bank account: the detector makes that high) between people: two employees of
 *   different firms paid into one wallet is the impostor tell, not a pattern to wait out;
 * - privilege changes outside the workflow, impossible travel, MFA tampering, incident chains;
 * - the GitHub kinds when high or critical (a repository made public or transferred without a
 *   grant, a credential added outside the workflow, controls disabled without approval, a burst of
 *   code pulls far past the person's own reach).
 */
export function isIncidentGrade(
  s: Pick<
    RiskSignal,
    'kind' | 'severity' | 'restrictedSystem' | 'watchlistedPeer' | 'watchlistIdentity'
  >,
): boolean {
  if (ALWAYS.has(s.kind)) return true;
  if (GITHUB_INCIDENT.has(s.kind)) return severe(s);
  switch (s.kind) {
    case 'access_after_termination':
      return severe(s);
    case 'access_without_grant':
      return s.restrictedSystem || severe(s);
    case 'shared_infrastructure':
      return s.watchlistedPeer;
    case 'identity_reuse':
      return s.watchlistIdentity || severe(s);
    default:
      return false;
  }
}

export interface SignalClock {
  incident: boolean;
  /** Points do not fade: an untriaged incident, or any signal in an open case. */
  frozen: boolean;
  /** The person is held at the incident floor because of this signal. */
  holds: boolean;
  /** Where decay is measured from when not frozen. */
  from: Date;
}

/**
 * When a signal's points start to fade (docs/RISK.md §Decay):
 * - incident-grade: not while open or escalated (an incident nobody triaged must not sink); from
 *   triage (status_at) once acknowledged or confirmed by a case;
 * - every kind in an open case (escalated): not while the case is open;
 * - ordinary kinds otherwise from the event: most are never triaged one by one, and a pattern
 *   that stopped weeks ago must leave the list;
 * - a case that confirms the signal restarts its clock at the closing.
 * Incident-grade signals hold the person at the floor while open or escalated, and for
 * `holds.confirmedHoldDays` after a case confirmed them.
 */
export function signalClock(s: RiskSignal, w: RiskWeights, now: Date): SignalClock {
  const incident = isIncidentGrade(s);
  const triagedAt = s.statusAt ?? s.windowEnd;
  if (s.status === 'escalated') return { incident, frozen: true, holds: incident, from: now };
  if (s.status === 'confirmed') {
    const holds = incident && now.getTime() - triagedAt.getTime() < w.holds.confirmedHoldDays * DAY;
    return { incident, frozen: false, holds, from: triagedAt };
  }
  if (incident && s.status === 'open') return { incident, frozen: true, holds: true, from: now };
  if (incident && s.status === 'acknowledged')
    return { incident, frozen: false, holds: false, from: triagedAt };
  return { incident, frozen: false, holds: false, from: s.windowEnd };
}
