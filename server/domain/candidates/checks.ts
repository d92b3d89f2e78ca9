import { judgePhoneLines } from './phone-line';
import { judgeShipping, type ShippingFacts } from './shipping';

// The hiring checklist (docs/IMPOSTORS.md §The checklist). Manual checks are recorded by a member;
// automatic ones are computed from the candidate's data each time they are read.
export const MANUAL_CHECKS = [
  'government_id',
  'video_interview',
  'camera_on',
  'face_match',
  'references',
] as const;
export const AUTOMATIC_CHECKS = [
  'phone_line',
  'shipping_address',
  'identity_reuse',
  'watchlist',
] as const;
export const CHECK_KINDS = [...MANUAL_CHECKS, ...AUTOMATIC_CHECKS] as const;
export type ManualCheck = (typeof MANUAL_CHECKS)[number];
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_RESULTS = ['pass', 'fail', 'open'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const CHECK_LABELS: Record<CheckKind, string> = {
  government_id: 'Government ID verified',
  video_interview: 'Live video interview held',
  camera_on: 'Camera on throughout the interview',
  face_match: 'Face matched to the government ID',
  references: 'References reached on a number found independently',
  phone_line: 'Phone line type',
  shipping_address: 'Laptop shipping address',
  identity_reuse: 'Identifiers not shared with anyone else',
  watchlist: 'No watchlist match',
};

export const CHECK_HINTS: Record<ManualCheck, string> = {
  government_id: 'The document was inspected (or verified by an identity provider) and is genuine.',
  video_interview: 'A live interview, not a recording, with the candidate in person.',
  camera_on: 'The camera stayed on; no filter, avatar or frozen frame.',
  face_match: 'The face on camera is the face on the government ID.',
  references:
    'Each reference was called on a number found independently (company switchboard, public directory), not the one the candidate supplied.',
};

export interface ManualRecord {
  result: CheckResult;
  note: string | null;
  checkedByName: string | null;
  checkedAt: Date;
}

export interface ReuseFinding {
  kind: string;
  /** Masked where sensitive. */
  value: string;
  sharedWith: readonly { type: string }[];
  watchlistEntries: number;
}

export interface MatchFinding {
  entryName: string;
  source: string;
  status: 'open' | 'confirmed';
}

export interface CandidateFacts {
  /** E.164 numbers the candidate gave. */
  phones: readonly string[];
  shipping: ShippingFacts;
  /** Open (not dismissed) identity_reuse findings on the candidate. */
  reuse: readonly ReuseFinding[];
  /** Watchlist matches not dismissed as false positives. */
  matches: readonly MatchFinding[];
  manual: Partial<Record<ManualCheck, ManualRecord>>;
}

export interface CandidateCheck {
  kind: CheckKind;
  label: string;
  automatic: boolean;
  result: CheckResult;
  /** What the check found (automatic) or the note the checker left (manual). */
  detail: string | null;
  /** The member who recorded it; null for automatic checks and checks never recorded. */
  checkedByName: string | null;
  checkedAt: Date | null;
}

// As docs/DETECTORS.md §Identity reuse names them (kept here: that module needs node:crypto).
const KIND_WORDS: Record<string, string> = {
  email: 'email',
  phone: 'phone',
  github: 'GitHub account',
  linkedin: 'LinkedIn profile',
  telegram: 'Telegram account',
  wallet: 'wallet',
  device: 'device',
  bank_account: 'bank account',
  address: 'shipping address',
};

const TYPE_WORDS: Record<string, string> = {
  employee: 'an employee',
  contractor: 'a contractor',
  vendor_staff: 'a vendor staff member',
  candidate: 'another candidate',
};

function reuseDetail(f: ReuseFinding): string {
  const holders = f.sharedWith.map((p) => TYPE_WORDS[p.type] ?? p.type);
  const on = [
    ...(holders.length
      ? [
          holders.slice(0, 3).join(', ') +
            (holders.length > 3 ? ` and ${holders.length - 3} more` : ''),
        ]
      : []),
    ...(f.watchlistEntries
      ? [`${f.watchlistEntries} watchlist entr${f.watchlistEntries === 1 ? 'y' : 'ies'}`]
      : []),
  ];
  const kind = KIND_WORDS[f.kind] ?? f.kind.replace('_', ' ');
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} ${f.value} is also held by ${on.join(' and ')}.`;
}

/** Every check on the checklist, in order, from the candidate's facts. */
export function evaluateChecks(facts: CandidateFacts, computedAt: Date): CandidateCheck[] {
  const manual = MANUAL_CHECKS.map((kind): CandidateCheck => {
    const r = facts.manual[kind];
    return {
      kind,
      label: CHECK_LABELS[kind],
      automatic: false,
      result: r?.result ?? 'open',
      detail: r ? r.note : 'Not checked yet.',
      checkedByName: r?.checkedByName ?? null,
      checkedAt: r?.checkedAt ?? null,
    };
  });
  const auto = (kind: CheckKind, v: { result: CheckResult; detail: string }): CandidateCheck => ({
    kind,
    label: CHECK_LABELS[kind],
    automatic: true,
    result: v.result,
    detail: v.detail,
    checkedByName: null,
    checkedAt: computedAt,
  });
  const confirmed = facts.matches.filter((m) => m.status === 'confirmed');
  const openMatches = facts.matches.filter((m) => m.status === 'open');
  const describe = (ms: readonly MatchFinding[]) =>
    ms.map((m) => `"${m.entryName}" (source ${m.source})`).join(', ');
  return [
    ...manual,
    auto('phone_line', judgePhoneLines(facts.phones)),
    auto('shipping_address', judgeShipping(facts.shipping)),
    auto(
      'identity_reuse',
      facts.reuse.length
        ? { result: 'fail', detail: facts.reuse.map(reuseDetail).join(' ') }
        : {
            result: 'pass',
            detail: 'No identifier is shared with staff, other candidates or the watchlist.',
          },
    ),
    auto(
      'watchlist',
      confirmed.length
        ? { result: 'fail', detail: `Confirmed match against ${describe(confirmed)}.` }
        : openMatches.length
          ? {
              result: 'open',
              detail: `Possible match against ${describe(openMatches)} awaits review on the screening page.`,
            }
          : { result: 'pass', detail: 'No watchlist entry matches.' },
    ),
  ];
}

/** Counts for the list: how many checks passed, failed, remain open. */
export function checkSummary(checks: readonly CandidateCheck[]): Record<CheckResult, number> {
  const s = { pass: 0, fail: 0, open: 0 };
  for (const c of checks) s[c.result] += 1;
  return s;
}
