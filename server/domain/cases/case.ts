import { INVESTIGATORS, type Role } from '../tenancy/roles';

// docs/PRODUCT.md §Cases: open → investigating → closed, with an outcome.
export const CASE_STATUSES = ['open', 'investigating', 'closed'] as const;
export const CASE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const CASE_OUTCOMES = ['substantiated', 'unsubstantiated'] as const;
export const CASE_EVENT_KINDS = [
  'opened',
  'note',
  'status_changed',
  'assigned',
  'subjects_added',
  'action',
  'closed',
] as const;
export const CASE_ACTIONS = ['revoke_grant', 'suspend_vendor', 'rescreen_person'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Signals that may join a case (when not already in one): any without an outcome. `escalated`
 * covers signals escalated before cases existed, which no case holds yet.
 */
export const ESCALATABLE_SIGNAL_STATUSES = ['open', 'acknowledged', 'escalated'] as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A timeline entry's details: status from/to, assignee, subjects added, an action and its result. */
export type CaseEventData = { [key: string]: Json };

/** `7` → `CASE-0007`: the per-organization number people quote. */
export function caseReference(number: number): string {
  return `CASE-${String(number).padStart(4, '0')}`;
}

/** `CASE-0007` (any case, leading zeros optional) → 7, or null. */
export function parseCaseReference(text: string): number | null {
  const m = /^\s*case-0*(\d{1,9})\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['investigating', 'closed'],
  investigating: ['closed'],
  // Closed is final: new evidence opens a new case, so an outcome that fed precision never moves.
  closed: [],
};

export function checkCaseTransition(from: CaseStatus, to: CaseStatus): string | null {
  if (from === to) return `The case is already ${to}.`;
  if (from === 'closed') return 'This case is closed and its outcome is final; open a new case.';
  return TRANSITIONS[from].includes(to) ? null : `A case cannot go from ${from} to ${to}.`;
}

/** Why `role` may not change a case in `status`, or null when it may. */
export function caseChangeRefusal(role: Role, status: CaseStatus): string | null {
  if (!INVESTIGATORS.includes(role)) return 'Only compliance officers and admins work cases.';
  if (status === 'closed') return 'This case is closed and its record is final.';
  return null;
}

/** Cases are assigned to the people who investigate: compliance officers and admins. */
export function canBeAssigned(role: Role): boolean {
  return INVESTIGATORS.includes(role);
}

/** Closing a case decides its signals (docs/DETECTORS.md §Triage and precision). */
export function signalStatusForOutcome(outcome: CaseOutcome): 'confirmed' | 'dismissed' {
  return outcome === 'substantiated' ? 'confirmed' : 'dismissed';
}

/** confirmed ÷ (confirmed + dismissed); null until a signal of the kind has an outcome. */
export function detectorPrecision(counts: { confirmed: number; dismissed: number }): number | null {
  const decided = counts.confirmed + counts.dismissed;
  return decided === 0 ? null : counts.confirmed / decided;
}
