import { describe, expect, it } from 'vitest';
import {
  checkVendorTransition,
  deriveVendorTier,
  tierQuestionnaireSchema,
  vendorWarnings,
} from './vendor';

const q = (over: Partial<ReturnType<typeof tierQuestionnaireSchema.parse>>) =>
  tierQuestionnaireSchema.parse(over);

describe('deriveVendorTier', () => {
  it.each([
    [{ fundsAccess: true }, 'critical'],
    [{ dataCategories: ['funds_or_keys'] as const }, 'critical'],
    [{ productionAccess: true, dataCategories: ['customer_pii'] as const }, 'critical'],
    [{ productionAccess: true }, 'high'],
    [{ dataCategories: ['kyc_documents'] as const }, 'high'],
    [{ staffWithAccess: 25 }, 'high'],
    [{ staffWithAccess: 24 }, 'medium'],
    [{ dataCategories: ['internal_docs'] as const }, 'medium'],
    [{ staffWithAccess: 4 }, 'low'],
    [{}, 'low'],
  ])('%j → %s', (answers, tier) => {
    const result = deriveVendorTier(
      q({
        ...answers,
        dataCategories: [
          ...((answers as { dataCategories?: readonly string[] }).dataCategories ?? []),
        ] as never,
      }),
    );
    expect(result.tier).toBe(tier);
    expect(result.reasons.length).toBeGreaterThan(0);
  });
});

describe('vendor lifecycle', () => {
  it.each([
    ['prospect', 'onboarding', true],
    ['onboarding', 'active', true],
    ['active', 'offboarding', true],
    ['offboarding', 'terminated', true],
    ['offboarding', 'active', true],
    ['prospect', 'active', false],
    ['active', 'terminated', false],
    ['terminated', 'active', false],
    ['active', 'active', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(checkVendorTransition(from, to) === null).toBe(allowed);
  });
});

describe('vendorWarnings', () => {
  const today = '2026-11-24';
  it('flags ended and ending contracts, expired and expiring certifications, overdue reviews', () => {
    const warnings = vendorWarnings(
      {
        status: 'active',
        contractEnd: '2026-12-10',
        certifications: [
          { name: 'SOC 2 Type II', expiresOn: '2026-10-01' },
          { name: 'ISO 27001', expiresOn: '2026-12-01' },
          { name: 'PCI DSS', expiresOn: '2027-06-01' },
        ],
        nextReviewAt: '2026-11-01',
      },
      today,
    );
    expect(warnings.map((w) => w.kind)).toEqual([
      'contract_ending',
      'certification_expired',
      'certification_expiring',
      'review_overdue',
    ]);
    expect(
      vendorWarnings(
        { status: 'active', contractEnd: '2026-01-01', certifications: [], nextReviewAt: null },
        today,
      )[0],
    ).toMatchObject({
      kind: 'contract_ended',
      message: expect.stringMatching(/ended 327 days ago/),
    });
  });

  it('does not nag about contracts of terminated vendors', () => {
    expect(
      vendorWarnings(
        {
          status: 'terminated',
          contractEnd: '2020-01-01',
          certifications: [],
          nextReviewAt: '2020-01-01',
        },
        today,
      ),
    ).toEqual([]);
  });
});
