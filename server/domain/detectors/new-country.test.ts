import { describe, expect, it } from 'vitest';
import { detectNewCountry } from './new-country';
import { baselineOf, ev, history, org, person } from './test-helpers';

const p = person();
const o = org();
const b = baselineOf(history({ days: 20, perDay: 5 }), p);

describe('detectNewCountry', () => {
  it('fires for a country not in the baseline, stronger when it contradicts the declared location', () => {
    const events = [
      ev({ at: '2026-09-17T10:00:00Z', country: 'PH', city: 'Manila' }),
      ev({ at: '2026-09-17T11:00:00Z', country: 'PH', city: 'Manila' }),
    ];
    const [s, ...rest] = detectNewCountry(events, p, b, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'new_country',
      severity: 'medium',
      dedupeKey: 'new_country:p1:PH:2026-09-17',
    });
    expect(s!.explanation).toContain('2 events from PH (Manila)');
    expect(s!.explanation).toContain('100 events over 20 baseline days');
    expect(s!.explanation).toContain('declared location is GB');
  });

  it('is high on the tenant’s high-risk list', () => {
    const [s] = detectNewCountry(
      [ev({ at: '2026-09-17T10:00:00Z', country: 'KP' })],
      p,
      b,
      null,
      o,
    );
    expect(s!.severity).toBe('high');
    expect(s!.explanation).toContain('high-risk list');
  });

  it('is low for a new country that matches the declaration', () => {
    const declaredDe = person({ declaredCountry: 'DE' });
    const [s] = detectNewCountry(
      [ev({ at: '2026-09-17T10:00:00Z', country: 'DE' })],
      declaredDe,
      b,
      null,
      o,
    );
    expect(s!.severity).toBe('low');
  });

  it('ignores known countries, proxy exits, and thin baselines', () => {
    expect(detectNewCountry([ev({ at: '2026-09-17T10:00:00Z' })], p, b, null, o)).toEqual([]);
    expect(
      detectNewCountry(
        [ev({ at: '2026-09-17T10:00:00Z', country: 'NL', isProxy: true })],
        p,
        b,
        null,
        o,
      ),
    ).toEqual([]);
    const thin = baselineOf(history({ days: 5, perDay: 20 }), p);
    expect(
      detectNewCountry([ev({ at: '2026-09-17T10:00:00Z', country: 'PH' })], p, thin, null, o),
    ).toEqual([]);
  });
});
