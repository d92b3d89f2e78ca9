import type { Role } from '../tenancy/roles';

// docs/PRIVACY.md §Pseudonymized investigation: who sees a person's name in an investigation
// view (signals, risk rankings, charts), and why.

export interface InvestigationSettings {
  /** Investigators see pseudonyms until a case or a reveal (on for new organizations). */
  pseudonymize: boolean;
  /** Managers may read their direct reports' signals (off by default). */
  managersSeeReportSignals: boolean;
}

/**
 * Roles that see pseudonyms when the organization pseudonymizes. Auditors do not: they read
 * everything and change nothing (docs/PRODUCT.md §Roles and permissions), and their reads are the
 * check on the investigators, including on every reveal.
 */
export const PSEUDONYMIZED_ROLES: readonly Role[] = ['admin', 'compliance', 'manager'];

/** How long a reveal shows the name to the member who made it. */
export const REVEAL_DAYS = 30;

export function seesPseudonyms(role: Role, settings: InvestigationSettings): boolean {
  return settings.pseudonymize && PSEUDONYMIZED_ROLES.includes(role);
}

/** Managers read signals only about their reports, and only if the organization allows it. */
export function mayReadSignals(role: Role, settings: InvestigationSettings): boolean {
  return role !== 'manager' || settings.managersSeeReportSignals;
}

export interface SubjectFacts {
  /** The person is a subject of a case that is not closed. */
  inOpenCase: boolean;
  /** The member holds a reveal of this person that has not expired. */
  revealedToViewer: boolean;
}

/** Name or pseudonym for one person, for one viewer. */
export function showsName(role: Role, settings: InvestigationSettings, facts: SubjectFacts) {
  if (!seesPseudonyms(role, settings)) return true;
  return facts.inOpenCase || facts.revealedToViewer;
}

export function revealExpiry(now: Date): Date {
  return new Date(now.getTime() + REVEAL_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * Why a reveal is refused, or null. The reason is what the works council reads later, so it must
 * say something; the permission is a member flag admins grant, not a role.
 */
export function revealRefusal(input: {
  pseudonymize: boolean;
  canReveal: boolean;
  alreadyShown: boolean;
}): string | null {
  if (!input.pseudonymize) return 'This organization does not pseudonymize investigations.';
  if (!input.canReveal)
    return 'Revealing a person needs the reveal permission: ask an admin to grant it on the members page.';
  if (input.alreadyShown) return 'You already see this person’s name.';
  return null;
}
