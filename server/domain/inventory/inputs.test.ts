import { describe, expect, it } from 'vitest';
import { vendorInputSchema } from './inputs';

describe('vendor input', () => {
  it('rejects a contract that ends before it starts, bad countries and empty override reasons', () => {
    const base = { name: 'Acme Support Ltd', questionnaire: {} };
    expect(
      vendorInputSchema.safeParse({
        ...base,
        contractStart: '2026-05-01',
        contractEnd: '2026-01-01',
      }).success,
    ).toBe(false);
    expect(vendorInputSchema.safeParse({ ...base, country: 'Philippines' }).success).toBe(false);
    expect(
      vendorInputSchema.safeParse({ ...base, tierOverride: { tier: 'low', reason: '' } }).success,
    ).toBe(false);
    expect(vendorInputSchema.parse({ ...base, country: 'ph' }).country).toBe('PH');
  });
});
