import { describe, expect, it } from 'vitest';
import { accessRequestInputSchema } from './inputs';

describe('accessRequestInputSchema', () => {
  const ok = {
    personId: '0190c3a4-0000-7000-8000-000000000001',
    privilegeId: '0190c3a4-0000-7000-8000-000000000002',
    justification: 'Needs to triage payment incidents this quarter',
    durationDays: 30,
  };
  it('accepts a complete request', () => {
    expect(accessRequestInputSchema.safeParse(ok).success).toBe(true);
  });
  it.each<[string, Record<string, unknown>]>([
    ['short justification', { justification: 'because' }],
    ['zero days', { durationDays: 0 }],
    ['fractional days', { durationDays: 1.5 }],
    ['not a uuid', { personId: 'ada' }],
  ])('refuses %s', (_n, patch) => {
    expect(accessRequestInputSchema.safeParse({ ...ok, ...patch }).success).toBe(false);
  });
});
