/** What stops an erasure, as the admin or operator reads it (docs/PRIVACY.md §Erasure). */
export interface ErasureFacts {
  erasedAt: Date | null;
  legalHold: string | null;
  /** References of open cases the person is a subject of, or whose signals are theirs. */
  openCases: string[];
}

export function erasureRefusals(f: ErasureFacts): string[] {
  if (f.erasedAt) return ['This person was already erased.'];
  const reasons: string[] = [];
  if (f.legalHold) reasons.push(`The person is under a legal hold: ${f.legalHold}`);
  if (f.openCases.length > 0)
    reasons.push(
      `The person is under ${f.openCases.length === 1 ? 'an open case' : 'open cases'} (${f.openCases.join(', ')}); close ${f.openCases.length === 1 ? 'it' : 'them'} first.`,
    );
  return reasons;
}

/** The typed confirmation is the person's email, as shown on the page. */
export function confirmsErasure(typed: string, email: string): boolean {
  return typed.trim().toLowerCase() === email.trim().toLowerCase();
}

/** The tombstone's email: unique per organization, says nothing about the person. */
export function erasedEmail(personId: string): string {
  return `erased-${personId}@erased.invalid`;
}

export const ERASED_NAME = 'Erased person';
