import { describe, expect, it } from 'vitest';
import { detectAccessAfterTermination } from './access-after-termination';
import { emptyBaseline } from './baseline';
import { ev, org, person } from './test-helpers';

const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const o = org();

describe('detectAccessAfterTermination', () => {
  it('fires after the end date, critical on sensitive records', () => {
    const p = person({ endDate: '2026-09-01' });
    const [s] = detectAccessAfterTermination(
      [ev({ at: '2026-09-17T10:00:00Z', sensitive: true })],
      p,
      none,
      null,
      o,
    );
    expect(s).toMatchObject({
      kind: 'access_after_termination',
      severity: 'critical',
      dedupeKey: 'access_after_termination:p1:2026-09-17',
    });
    expect(s!.explanation).toBe(
      '1 successful and 0 failed events on 2026-09-17 (1 touching sensitive records), 16 days after the end date 2026-09-01.',
    );
  });

  it('fires after the vendor’s offboarding; failed attempts alone are medium', () => {
    const p = person({ vendorOffboardedAt: new Date('2026-09-10T12:00:00Z') });
    const [s] = detectAccessAfterTermination(
      [ev({ at: '2026-09-10T13:00:00Z', outcome: 'failure' })],
      p,
      none,
      null,
      o,
    );
    expect(s!.severity).toBe('medium');
    expect(s!.explanation).toContain('after the vendor was offboarded on 2026-09-10');
  });

  it('counts the whole last day in the person’s own time zone', () => {
    // 23:30 in Los Angeles on the end date is already the next day in UTC.
    const p = person({ endDate: '2026-09-01', timezone: 'America/Los_Angeles' });
    expect(
      detectAccessAfterTermination([ev({ at: '2026-09-02T06:30:00Z' })], p, none, null, o),
    ).toEqual([]);
    expect(
      detectAccessAfterTermination([ev({ at: '2026-09-02T08:30:00Z' })], p, none, null, o),
    ).toHaveLength(1);
    expect(
      detectAccessAfterTermination([ev({ at: '2026-09-17T10:00:00Z' })], person(), none, null, o),
    ).toEqual([]);
  });
});
