import { describe, expect, it } from 'vitest';
import { evidenceRequestSchema } from './inputs';
import { periodBounds } from './sections';

describe('evidence request', () => {
  it('covers whole UTC days, both inclusive, and orders the scope', () => {
    const r = evidenceRequestSchema.parse({
      from: '2026-01-01',
      to: '2026-12-31',
      scope: ['audit', 'access'],
    });
    expect(r.scope).toEqual(['access', 'audit']);
    expect(periodBounds(r)).toEqual({
      start: new Date('2026-01-01T00:00:00.000Z'),
      end: new Date('2027-01-01T00:00:00.000Z'),
    });
  });

  it('refuses an inverted or over-long period, an empty or unknown scope', () => {
    expect(
      evidenceRequestSchema.safeParse({ from: '2026-02-01', to: '2026-01-31', scope: ['access'] })
        .success,
    ).toBe(false);
    expect(
      evidenceRequestSchema.safeParse({ from: '2020-01-01', to: '2026-01-31', scope: ['access'] })
        .success,
    ).toBe(false);
    expect(
      evidenceRequestSchema.safeParse({ from: '2026-01-01', to: '2026-01-31', scope: [] }).success,
    ).toBe(false);
    expect(
      evidenceRequestSchema.safeParse({ from: '2026-01-01', to: '2026-01-31', scope: ['payroll'] })
        .success,
    ).toBe(false);
  });
});
