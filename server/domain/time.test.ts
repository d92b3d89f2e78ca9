import { describe, expect, it } from 'vitest';
import { isoDay } from './time';

describe('isoDay', () => {
  it('is the UTC calendar day, whatever the local zone', () => {
    expect(isoDay(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
    expect(isoDay(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});
