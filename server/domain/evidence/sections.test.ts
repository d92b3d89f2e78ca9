import { describe, expect, it } from 'vitest';
import { evidenceRequestSchema, periodBounds } from './sections';
import { exceptionRows, formatRate } from './summary';

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

describe('summary helpers', () => {
  it('prints a rate of an empty population as a dash', () => {
    expect(formatRate(0, 0)).toBe('—');
    expect(formatRate(2, 3)).toBe('66.7%');
  });

  it('keeps the most recent exceptions and counts the rest', () => {
    const block = (at: string[]) => ({
      title: 't',
      figures: [],
      rates: [],
      chart: null,
      exceptions: at.map((a) => ({ kind: 'k', reference: a, detail: '', at: a })),
    });
    const { rows, more } = exceptionRows(
      [block(['2026-01-01', '2026-03-01']), block(['2026-02-01'])],
      2,
    );
    expect(rows.map((r) => r.at)).toEqual(['2026-03-01', '2026-02-01']);
    expect(more).toBe(1);
  });
});
