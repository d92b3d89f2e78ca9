import { describe, expect, it } from 'vitest';
import { changeHeadline, summarizeChange } from './change-summary';

describe('summarizeChange', () => {
  it('lists only the fields that changed, with nested paths', () => {
    expect(
      summarizeChange(
        { name: 'Acme', settings: { timezone: 'UTC', hours: { start: '08:00' }, countries: [] } },
        {
          name: 'Acme',
          settings: {
            timezone: 'Europe/London',
            hours: { start: '08:00' },
            countries: ['KP', 'IR'],
          },
        },
      ),
    ).toEqual([
      { field: 'settings.countries', before: '(none)', after: 'KP, IR' },
      { field: 'settings.timezone', before: 'UTC', after: 'Europe/London' },
    ]);
  });

  it('shows created and removed values', () => {
    expect(summarizeChange(null, { role: 'admin' })).toEqual([
      { field: 'role', before: undefined, after: 'admin' },
    ]);
    expect(summarizeChange({ email: 'a@b.co' }, null)).toEqual([
      { field: 'email', before: 'a@b.co', after: undefined },
    ]);
  });

  it('returns nothing when nothing changed or for scalars', () => {
    expect(summarizeChange({ a: 1 }, { a: 1 })).toEqual([]);
    expect(summarizeChange(null, null)).toEqual([]);
  });
});

describe('changeHeadline', () => {
  it('puts the first fields on one line and counts the rest', () => {
    const changes = summarizeChange(
      { status: 'open', owner: 'a', note: 'x' },
      { status: 'closed', owner: 'b', note: 'y' },
    );
    expect(changeHeadline(changes)).toBe('note: x → y; owner: a → b; +1 more');
  });

  it('shows created and removed values, clipped', () => {
    expect(changeHeadline(summarizeChange(null, { reason: 'r'.repeat(60) }))).toBe(
      `reason: ${'r'.repeat(39)}…`,
    );
    expect(changeHeadline(summarizeChange({ email: 'a@b.co' }, null))).toBe(
      'email: a@b.co → (removed)',
    );
    expect(changeHeadline([])).toBe('');
  });
});
