import { describe, expect, it } from 'vitest';
import { compileIpMatcher } from './ip';
import { isWorkingHour, localTime, offsetLabel } from './local-time';

describe('localTime', () => {
  it('follows daylight saving and half-hour zones', () => {
    expect(localTime(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toEqual({
      hour: 0,
      day: '2026-07-02',
      offsetMinutes: 60,
    });
    expect(localTime(new Date('2026-01-01T23:30:00Z'), 'Europe/London').day).toBe('2026-01-01');
    expect(localTime(new Date('2026-01-01T20:45:00Z'), 'Asia/Kolkata')).toMatchObject({
      hour: 2,
      day: '2026-01-02',
      offsetMinutes: 330,
    });
    expect(localTime(new Date('2026-01-01T05:00:00Z'), null)).toMatchObject({
      hour: 5,
      offsetMinutes: 0,
    });
  });
  it('working hours, including ones that wrap midnight', () => {
    expect(isWorkingHour(8, '08:00', '18:00')).toBe(true);
    expect(isWorkingHour(17, '08:00', '18:00')).toBe(true);
    expect(isWorkingHour(18, '08:00', '18:00')).toBe(false);
    expect(isWorkingHour(23, '22:00', '06:00')).toBe(true);
    expect(isWorkingHour(12, '22:00', '06:00')).toBe(false);
  });
  it('labels offsets', () => {
    expect(offsetLabel(330)).toBe('UTC+05:30');
    expect(offsetLabel(-300)).toBe('UTC-05:00');
  });
});

describe('office IP matcher', () => {
  const isOffice = compileIpMatcher(
    ['198.51.100.7', '2001:db8::1'],
    ['203.0.113.0/24', '2001:db8:aa::/48', 'junk/99'],
  );
  it('matches exact addresses and CIDR ranges of both families', () => {
    expect(isOffice('198.51.100.7')).toBe(true);
    expect(isOffice('203.0.113.250')).toBe(true);
    expect(isOffice('203.0.114.1')).toBe(false);
    expect(isOffice('2001:db8:0:0:0:0:0:1')).toBe(true);
    expect(isOffice('2001:db8:aa:1::5')).toBe(true);
    expect(isOffice('2001:db8:ab::5')).toBe(false);
    expect(isOffice('not an ip')).toBe(false);
    expect(isOffice('999.1.1.1')).toBe(false);
  });
});
