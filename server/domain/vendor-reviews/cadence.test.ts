import { describe, expect, it } from 'vitest';
import { addMonths, checkReviewDecision, isReviewOverdue, nextReviewDate } from './cadence';

const CADENCE = { critical: 6, high: 12, medium: 24, low: 36 };

describe('vendor review cadence', () => {
  it('sets the next review from the tier', () => {
    const done = new Date('2026-11-24T10:00:00Z');
    expect(nextReviewDate('critical', done, CADENCE).toISOString()).toBe(
      '2027-05-24T10:00:00.000Z',
    );
    expect(nextReviewDate('low', done, CADENCE).toISOString()).toBe('2029-11-24T10:00:00.000Z');
  });

  it('clamps to the end of shorter months', () => {
    expect(addMonths(new Date('2026-08-31T00:00:00Z'), 6).toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    expect(addMonths(new Date('2027-08-31T00:00:00Z'), 6).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('is overdue only after its date', () => {
    const at = new Date('2026-11-24T00:00:00Z');
    expect(isReviewOverdue(null, at)).toBe(false);
    expect(isReviewOverdue(at, at)).toBe(false);
    expect(isReviewOverdue(at, new Date(at.getTime() + 1))).toBe(true);
  });
});

describe('checkReviewDecision', () => {
  const base = {
    reviewerUserId: 'u1',
    approverUserId: 'u2',
    decision: 'approved' as const,
    conditions: null,
    openSeriousFindings: 0,
  };
  it.each([
    [base, { ok: true }],
    [
      { ...base, approverUserId: 'u1' },
      { ok: false, reason: 'reviewer_cannot_approve' },
    ],
    [
      { ...base, decision: 'approved_with_conditions' as const, conditions: '  ' },
      { ok: false, reason: 'conditions_required' },
    ],
    [
      { ...base, decision: 'approved_with_conditions' as const, conditions: 'Fix MFA by March' },
      { ok: true },
    ],
    [
      { ...base, openSeriousFindings: 1 },
      { ok: false, reason: 'findings_open' },
    ],
    [
      {
        ...base,
        decision: 'rejected' as const,
        rationale: 'No MFA on admin accounts',
        openSeriousFindings: 3,
      },
      { ok: true },
    ],
    [
      { ...base, decision: 'rejected' as const, rationale: ' ' },
      { ok: false, reason: 'rationale_required' },
    ],
    [
      { ...base, answeredByUserIds: ['u3', 'u2'] },
      { ok: false, reason: 'reviewer_cannot_approve' },
    ],
    [{ ...base, reviewerUserId: null, answeredByUserIds: ['u3'] }, { ok: true }],
  ])('%o → %o', (input, expected) => {
    expect(checkReviewDecision(input)).toEqual(expected);
  });
});
