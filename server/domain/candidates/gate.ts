import type { CandidateCheck } from './checks';

export const MIN_OVERRIDE_REASON = 20;

export type HireDecision =
  { allowed: true; overridden: string[] } | { allowed: false; reasons: string[] };

/** One line per check that is not passed: "Phone line type: failed: … ". */
export function blockingReasons(checks: readonly CandidateCheck[]): string[] {
  return checks
    .filter((c) => c.result !== 'pass')
    .map(
      (c) =>
        `${c.label}: ${c.result === 'fail' ? 'failed' : 'open'}${c.detail ? ` (${c.detail})` : ''}`,
    );
}

/**
 * The hire gate (docs/IMPOSTORS.md §The hire gate): a candidate becomes staff only with every check
 * passed. Otherwise the conversion is refused with every reason, unless an admin overrides with a
 * written reason; the overridden reasons are kept with it.
 */
export function decideHire(
  checks: readonly CandidateCheck[],
  request: { isAdmin: boolean; overrideReason: string | null },
): HireDecision {
  const reasons = blockingReasons(checks);
  if (reasons.length === 0) return { allowed: true, overridden: [] };
  const reason = request.overrideReason?.trim() ?? '';
  if (!reason) return { allowed: false, reasons };
  if (!request.isAdmin)
    return { allowed: false, reasons: [...reasons, 'Only an admin may override the hire gate.'] };
  if (reason.length < MIN_OVERRIDE_REASON)
    return {
      allowed: false,
      reasons: [
        ...reasons,
        `An override needs a written reason of at least ${MIN_OVERRIDE_REASON} characters.`,
      ],
    };
  return { allowed: true, overridden: reasons };
}
