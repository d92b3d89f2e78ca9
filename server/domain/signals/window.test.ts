import { describe, expect, it } from 'vitest';
import { describeWindow, utcOffsetLabel } from './window';

const at = (iso: string) => new Date(iso);

describe('describeWindow', () => {
  it('gives the window in the person’s zone with its offset, and in UTC', () => {
    expect(
      describeWindow(at('2026-09-16T18:10:00Z'), at('2026-09-16T18:40:00Z'), 'Asia/Manila'),
    ).toEqual({
      local: 'Thu 17 Sep 2026, 02:10–02:40 in Asia/Manila (UTC+8)',
      utc: '16 Sep 18:10–18:40 UTC',
    });
  });

  it('shows one time for an instant, and half-hour offsets', () => {
    expect(
      describeWindow(at('2026-09-16T18:10:00Z'), at('2026-09-16T18:10:30Z'), 'Asia/Kolkata'),
    ).toEqual({
      local: 'Wed 16 Sep 2026, 23:40 in Asia/Kolkata (UTC+5:30)',
      utc: '16 Sep 18:10 UTC',
    });
  });

  it('names both days when the window crosses local midnight, and both offsets across DST', () => {
    expect(
      describeWindow(at('2026-09-16T14:10:00Z'), at('2026-09-16T17:40:00Z'), 'Asia/Manila').local,
    ).toBe('Wed 16 Sep 2026, 22:10 – Thu 17 Sep, 01:40 in Asia/Manila (UTC+8)');
    expect(
      describeWindow(at('2026-03-29T00:30:00Z'), at('2026-03-29T01:30:00Z'), 'Europe/London').local,
    ).toBe('Sun 29 Mar 2026, 00:30–02:30 in Europe/London (UTC+0 → UTC+1)');
  });

  it('gives the UTC year when the local year differs', () => {
    expect(
      describeWindow(at('2026-12-31T20:00:00Z'), at('2026-12-31T20:30:00Z'), 'Asia/Tokyo'),
    ).toEqual({
      local: 'Fri 1 Jan 2027, 05:00–05:30 in Asia/Tokyo (UTC+9)',
      utc: '31 Dec 2026, 20:00–20:30 UTC',
    });
  });

  it('falls back to UTC alone without a declared (or a known) zone', () => {
    const utcOnly = {
      local: null,
      utc: 'Wed 16 Sep 2026, 18:10–18:40 UTC',
    };
    const [s, e] = [at('2026-09-16T18:10:00Z'), at('2026-09-16T18:40:00Z')];
    expect(describeWindow(s, e, null)).toEqual(utcOnly);
    expect(describeWindow(s, e, 'UTC')).toEqual(utcOnly);
    expect(describeWindow(s, e, 'Mars/Olympus')).toEqual(utcOnly);
  });

  it('labels offsets the short way', () => {
    expect([0, 480, 330, -180, -570].map(utcOffsetLabel)).toEqual([
      'UTC+0',
      'UTC+8',
      'UTC+5:30',
      'UTC-3',
      'UTC-9:30',
    ]);
  });
});
