import { describe, expect, it } from 'vitest';
import { evaluateAccessGate, findToxicConflicts, type GateFacts } from './access-gate';

const screened: GateFacts = {
  today: '2026-11-24',
  person: {
    fullName: 'Ada Okafor',
    endDate: null,
    identityVerifiedAt: new Date('2026-01-10T00:00:00Z'),
    backgroundCheckStatus: 'clear',
    lastScreenedAt: new Date('2026-11-01T00:00:00Z'),
  },
  vendor: {
    name: 'Manila Support Partners',
    status: 'active',
    contractEnd: '2027-12-31',
    nextReviewAt: '2027-03-01',
  },
  watchlist: { open: 0, confirmed: 0 },
  toxicConflicts: [],
};

function withFacts(patch: (f: GateFacts) => void): GateFacts {
  const f = structuredClone(screened);
  patch(f);
  return f;
}

describe('evaluateAccessGate', () => {
  it('lets a screened person of an active vendor through', () => {
    expect(evaluateAccessGate(screened)).toEqual([]);
    expect(evaluateAccessGate({ ...screened, vendor: null })).toEqual([]);
  });

  const cases: [string, (f: GateFacts) => void, string, RegExp][] = [
    [
      'identity not verified',
      (f) => void (f.person.identityVerifiedAt = null),
      'identity_unverified',
      /identity/,
    ],
    [
      'background check pending',
      (f) => void (f.person.backgroundCheckStatus = 'pending'),
      'background_check',
      /pending, not clear/,
    ],
    [
      'background check not started',
      (f) => void (f.person.backgroundCheckStatus = 'not_started'),
      'background_check',
      /not started/,
    ],
    [
      'never screened',
      (f) => void (f.person.lastScreenedAt = null),
      'never_screened',
      /never been screened/,
    ],
    [
      'open watchlist match',
      (f) => void (f.watchlist.open = 2),
      'watchlist_open',
      /2 watchlist matches waiting/,
    ],
    [
      'confirmed watchlist match',
      (f) => void (f.watchlist.confirmed = 1),
      'watchlist_confirmed',
      /1 confirmed watchlist match\./,
    ],
    [
      'vendor onboarding',
      (f) => void (f.vendor!.status = 'onboarding'),
      'vendor_not_active',
      /onboarding, not active/,
    ],
    [
      'vendor offboarding',
      (f) => void (f.vendor!.status = 'offboarding'),
      'vendor_not_active',
      /offboarding/,
    ],
    [
      'vendor contract ended yesterday',
      (f) => void (f.vendor!.contractEnd = '2026-11-23'),
      'vendor_contract_ended',
      /ended on 2026-11-23/,
    ],
    [
      'vendor review overdue',
      (f) => void (f.vendor!.nextReviewAt = '2026-10-01'),
      'vendor_review_overdue',
      /was due on 2026-10-01/,
    ],
    [
      'person left',
      (f) => void (f.person.endDate = '2026-11-01'),
      'person_ended',
      /left on 2026-11-01/,
    ],
    [
      'an attestation is overdue',
      (f) => void (f.overdueAttestations = [{ title: 'Anti-bribery', dueDate: '2026-11-20' }]),
      'attestation_overdue',
      /has not signed the attestation "Anti-bribery", due on 2026-11-20/,
    ],
    [
      'toxic pair',
      (f) =>
        void (f.toxicConflicts = [
          {
            heldPrivilege: 'Treasury · create_payee',
            requestedPrivilege: 'Treasury · approve_payment',
            reason: 'maker-checker',
          },
        ]),
      'toxic_pair',
      /toxic pair: maker-checker/,
    ],
  ];
  it.each(cases)('refuses when %s', (_name, patch, code, message) => {
    const findings = evaluateAccessGate(withFacts(patch));
    expect(findings.map((x) => x.code)).toEqual([code]);
    expect(findings[0]!.message).toMatch(message);
  });

  it('passes on the boundary days (contract ends today, review due today, leaves today)', () => {
    const f = withFacts((x) => {
      x.vendor!.contractEnd = '2026-11-24';
      x.vendor!.nextReviewAt = '2026-11-24';
      x.person.endDate = '2026-11-24';
    });
    expect(evaluateAccessGate(f)).toEqual([]);
  });

  it('lists every reason at once', () => {
    const f = withFacts((x) => {
      x.person.identityVerifiedAt = null;
      x.person.lastScreenedAt = null;
      x.vendor!.status = 'onboarding';
    });
    expect(evaluateAccessGate(f).map((x) => x.code)).toEqual([
      'identity_unverified',
      'never_screened',
      'vendor_not_active',
    ]);
  });
});

describe('findToxicConflicts', () => {
  const pairs = [
    { privilegeA: 'payee', privilegeB: 'approve', reason: 'maker-checker' },
    { privilegeA: 'deploy', privilegeB: 'merge', reason: 'four eyes on code' },
  ];
  const cases: [string, string, string[], number][] = [
    ['completes a pair (requested is A)', 'payee', ['approve'], 1],
    ['completes a pair (requested is B)', 'approve', ['payee', 'other'], 1],
    ['holds neither half', 'approve', ['deploy'], 0],
    ['requested is in no pair', 'read', ['payee', 'approve'], 0],
    ['holds nothing', 'merge', [], 0],
  ];
  it.each(cases)('%s', (_n, requested, held, n) => {
    const out = findToxicConflicts(
      { id: requested, label: requested },
      held.map((id) => ({ id, label: id })),
      pairs,
    );
    expect(out).toHaveLength(n);
  });
});
