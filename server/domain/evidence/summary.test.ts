import { describe, expect, it } from 'vitest';
import { exceptionRows, formatRate } from './summary';

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
