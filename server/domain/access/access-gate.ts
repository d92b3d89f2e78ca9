/**
 * The pre-access gate (docs/PRODUCT.md §Pre-access gate): approval is refused, with every reason
 * shown, while any finding stands. Pure: the service loads the facts, this decides.
 */
export type GateCode =
  | 'person_ended'
  | 'identity_unverified'
  | 'background_check'
  | 'never_screened'
  | 'watchlist_open'
  | 'watchlist_confirmed'
  | 'vendor_not_active'
  | 'vendor_contract_ended'
  | 'vendor_review_overdue'
  | 'attestation_overdue'
  | 'toxic_pair';

export interface GateFinding {
  code: GateCode;
  message: string;
}

export interface GateFacts {
  today: string; // YYYY-MM-DD in UTC
  person: {
    fullName: string;
    endDate: string | null;
    identityVerifiedAt: Date | null;
    backgroundCheckStatus: string;
    lastScreenedAt: Date | null;
  };
  vendor: {
    name: string;
    status: string;
    contractEnd: string | null;
    nextReviewAt: string | null;
  } | null;
  watchlist: { open: number; confirmed: number };
  /** Toxic pairs the requested privilege would complete with privileges the person holds. */
  toxicConflicts: ToxicConflict[];
  /** Attestations the person has not signed by their due date (title, due date YYYY-MM-DD). */
  overdueAttestations?: { title: string; dueDate: string }[];
}

export interface ToxicConflict {
  heldPrivilege: string;
  requestedPrivilege: string;
  reason: string;
}

export function evaluateAccessGate(f: GateFacts): GateFinding[] {
  const out: GateFinding[] = [];
  const name = f.person.fullName;
  if (f.person.endDate !== null && f.person.endDate < f.today)
    out.push({ code: 'person_ended', message: `${name} left on ${f.person.endDate}.` });
  if (f.person.identityVerifiedAt === null)
    out.push({ code: 'identity_unverified', message: `${name}'s identity has not been verified.` });
  if (f.person.backgroundCheckStatus !== 'clear')
    out.push({
      code: 'background_check',
      message: `${name}'s background check is ${f.person.backgroundCheckStatus.replace('_', ' ')}, not clear.`,
    });
  if (f.person.lastScreenedAt === null)
    out.push({
      code: 'never_screened',
      message: `${name} has never been screened against the watchlist.`,
    });
  if (f.watchlist.confirmed > 0)
    out.push({
      code: 'watchlist_confirmed',
      message: `${name} has ${plural(f.watchlist.confirmed, 'confirmed watchlist match', 'confirmed watchlist matches')}.`,
    });
  if (f.watchlist.open > 0)
    out.push({
      code: 'watchlist_open',
      message: `${name} has ${plural(f.watchlist.open, 'watchlist match', 'watchlist matches')} waiting for review.`,
    });
  if (f.vendor) {
    const v = f.vendor;
    if (v.status !== 'active')
      out.push({
        code: 'vendor_not_active',
        message: `Their vendor ${v.name} is ${v.status}, not active.`,
      });
    if (v.contractEnd !== null && v.contractEnd < f.today)
      out.push({
        code: 'vendor_contract_ended',
        message: `${v.name}'s contract ended on ${v.contractEnd}.`,
      });
    if (v.nextReviewAt !== null && v.nextReviewAt < f.today)
      out.push({
        code: 'vendor_review_overdue',
        message: `${v.name}'s vendor review was due on ${v.nextReviewAt}.`,
      });
  }
  for (const a of f.overdueAttestations ?? [])
    out.push({
      code: 'attestation_overdue',
      message: `${name} has not signed the attestation "${a.title}", due on ${a.dueDate}.`,
    });
  for (const c of f.toxicConflicts)
    out.push({
      code: 'toxic_pair',
      message: `${c.requestedPrivilege} together with ${c.heldPrivilege}, which ${name} already holds, is a toxic pair: ${c.reason}`,
    });
  return out;
}

export interface ToxicPairRule {
  privilegeA: string;
  privilegeB: string;
  reason: string;
}

/** The pairs `requested` would complete with the privileges already held. */
export function findToxicConflicts(
  requested: { id: string; label: string },
  held: readonly { id: string; label: string }[],
  pairs: readonly ToxicPairRule[],
): ToxicConflict[] {
  const heldById = new Map(held.map((h) => [h.id, h.label]));
  const out: ToxicConflict[] = [];
  for (const p of pairs) {
    const other =
      p.privilegeA === requested.id
        ? p.privilegeB
        : p.privilegeB === requested.id
          ? p.privilegeA
          : null;
    if (other === null || other === requested.id) continue;
    const label = heldById.get(other);
    if (label !== undefined)
      out.push({ heldPrivilege: label, requestedPrivilege: requested.label, reason: p.reason });
  }
  return out;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
