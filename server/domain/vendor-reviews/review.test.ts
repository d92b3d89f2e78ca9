import { describe, expect, it } from 'vitest';
import {
  countSeriousOpenFindings,
  defaultDueOn,
  firstReviewDueOn,
  isReviewPastDue,
  reviewDatesAfterDecision,
  reviewEditRefusal,
  vendorsDueForReview,
} from './review';

describe('vendor review rules', () => {
  it('counts open high and critical findings only', () => {
    expect(
      countSeriousOpenFindings([
        { severity: 'critical', status: 'open' },
        { severity: 'high', status: 'in_progress' },
        { severity: 'high', status: 'remediated' },
        { severity: 'critical', status: 'accepted_risk' },
        { severity: 'medium', status: 'open' },
      ]),
    ).toBe(2);
  });

  it('freezes the questionnaire once submitted or decided', () => {
    expect(reviewEditRefusal('in_progress')).toBeNull();
    expect(reviewEditRefusal('awaiting_decision')).toMatch(/waiting/);
    expect(reviewEditRefusal('decided')).toMatch(/decided/);
  });

  it('moves review dates by decision and kind', () => {
    const base = {
      kind: 'periodic' as const,
      decidedOn: '2026-11-24',
      nextByTier: '2027-05-24',
      currentNext: '2026-11-01',
    };
    expect(reviewDatesAfterDecision({ ...base, decision: 'approved' })).toEqual({
      lastReviewAt: '2026-11-24',
      nextReviewAt: '2027-05-24',
    });
    expect(reviewDatesAfterDecision({ ...base, decision: 'rejected' }).nextReviewAt).toBe(
      '2026-11-01',
    );
    expect(
      reviewDatesAfterDecision({ ...base, kind: 'offboarding', decision: 'approved' }).nextReviewAt,
    ).toBeNull();
  });

  it('schedules live vendors due within the window and without an open review', () => {
    const v = (id: string, over: object) => ({
      id,
      status: 'active' as const,
      nextReviewAt: '2026-12-01',
      hasOpenReview: false,
      ...over,
    });
    const due = vendorsDueForReview(
      [
        v('due', {}),
        v('past', { nextReviewAt: '2026-01-01' }),
        v('far', { nextReviewAt: '2027-06-01' }),
        v('open', { hasOpenReview: true }),
        v('never', { nextReviewAt: null }),
        v('prospect', { status: 'prospect' }),
        v('onboarding', { status: 'onboarding' }),
      ],
      '2026-11-24',
    );
    expect(due.map((d) => d.id)).toEqual(['due', 'past', 'onboarding']);
  });

  it('is past due only while open', () => {
    expect(isReviewPastDue({ status: 'in_progress', dueOn: '2026-11-23' }, '2026-11-24')).toBe(
      true,
    );
    expect(isReviewPastDue({ status: 'in_progress', dueOn: '2026-11-24' }, '2026-11-24')).toBe(
      false,
    );
    expect(isReviewPastDue({ status: 'decided', dueOn: '2026-01-01' }, '2026-11-24')).toBe(false);
  });

  it('is due in 30 days unless the vendor is due sooner', () => {
    expect(defaultDueOn('2026-11-24', null)).toBe('2026-12-24');
    expect(defaultDueOn('2026-11-24', '2026-12-01')).toBe('2026-12-01');
  });

  it('gives a live vendor never reviewed its first review date today, and nobody else', () => {
    const never = { lastReviewAt: null, nextReviewAt: null };
    expect(firstReviewDueOn({ status: 'active', ...never }, '2026-12-07')).toBe('2026-12-07');
    expect(firstReviewDueOn({ status: 'onboarding', ...never }, '2026-12-07')).toBe('2026-12-07');
    for (const status of ['prospect', 'suspended', 'offboarding', 'terminated'] as const)
      expect(firstReviewDueOn({ status, ...never }, '2026-12-07')).toBeNull();
    // Reviewed before, or already dated (an offboarding review leaves no next date): unchanged.
    expect(
      firstReviewDueOn(
        { status: 'active', lastReviewAt: '2026-01-02', nextReviewAt: null },
        '2026-12-07',
      ),
    ).toBeNull();
    expect(
      firstReviewDueOn(
        { status: 'active', lastReviewAt: null, nextReviewAt: '2027-01-01' },
        '2026-12-07',
      ),
    ).toBeNull();
  });
});
