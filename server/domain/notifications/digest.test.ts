import { describe, expect, it } from 'vitest';
import { digestDayDue } from './digest';

describe('digestDayDue', () => {
  it('is the local day once the local clock reaches the digest hour', () => {
    expect(digestDayDue(new Date('2026-05-01T07:59:00Z'), 'UTC')).toBeNull();
    expect(digestDayDue(new Date('2026-05-01T08:00:00Z'), 'UTC')).toBe('2026-05-01');
    expect(digestDayDue(new Date('2026-05-01T23:30:00Z'), 'UTC')).toBe('2026-05-01');
  });

  it('uses the organization time zone for both the hour and the day', () => {
    // 23:30 UTC is 09:30 the next day in Sydney (UTC+10 in May).
    expect(digestDayDue(new Date('2026-05-01T23:30:00Z'), 'Australia/Sydney')).toBe('2026-05-02');
    // 10:00 UTC is 06:00 in New York (UTC-4 in May): not yet.
    expect(digestDayDue(new Date('2026-05-01T10:00:00Z'), 'America/New_York')).toBeNull();
    expect(digestDayDue(new Date('2026-05-01T12:00:00Z'), 'America/New_York')).toBe('2026-05-01');
  });
});
