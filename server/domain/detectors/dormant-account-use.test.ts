import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectDormantAccountUse } from './dormant-account-use';
import { ev, org, person } from './test-helpers';

const p = person();
const o = org();
const lastSeen = (iso: string | null) => ({
  ...emptyBaseline('p1', new Date('2026-09-17T00:00:00Z')),
  lastSeenAt: iso ? new Date(iso) : null,
});

describe('detectDormantAccountUse', () => {
  it('fires on the first activity after a long silence', () => {
    const wake = ev({ at: '2026-09-17T10:00:00Z', sensitive: true });
    const [s] = detectDormantAccountUse(
      [ev({ at: '2026-09-17T11:00:00Z' }), wake],
      p,
      lastSeen('2026-07-15T09:00:00Z'),
      null,
      o,
    );
    expect(s).toMatchObject({
      kind: 'dormant_account_use',
      severity: 'high',
      dedupeKey: `dormant_account_use:p1:${wake.id}`,
    });
    expect(s!.explanation).toBe(
      'Activity at 2026-09-17 10:00Z after 64 days of silence (last seen 2026-07-15 09:00Z); 2 events in the first 24 hours, 1 touching sensitive records; dormant after 45 days.',
    );
  });

  it('also sees a silence between new events', () => {
    const events = [ev({ at: '2026-06-01T10:00:00Z' }), ev({ at: '2026-09-17T10:00:00Z' })];
    const out = detectDormantAccountUse(events, p, lastSeen('2026-05-30T10:00:00Z'), null, o);
    expect(out.map((s) => s.severity)).toEqual(['medium']);
  });

  it('does not fire after a short break, or for an account never seen before', () => {
    expect(
      detectDormantAccountUse(
        [ev({ at: '2026-09-17T10:00:00Z' })],
        p,
        lastSeen('2026-08-10T10:00:00Z'),
        null,
        o,
      ),
    ).toEqual([]);
    expect(
      detectDormantAccountUse([ev({ at: '2026-09-17T10:00:00Z' })], p, lastSeen(null), null, o),
    ).toEqual([]);
  });
});
