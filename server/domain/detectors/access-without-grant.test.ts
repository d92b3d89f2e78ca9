import { describe, expect, it } from 'vitest';
import { detectAccessWithoutGrant } from './access-without-grant';
import { emptyBaseline } from './baseline';
import { ev, org, person } from './test-helpers';

const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const o = org({ governedSystems: ['support-console', 'kyc-vault'] });
const p = person({
  grants: [
    { system: 'support-console', privilege: 'agent', from: new Date('2026-01-01'), to: null },
    {
      system: 'kyc-vault',
      privilege: 'reader',
      from: new Date('2026-06-01'),
      to: new Date('2026-09-01T00:00:00Z'),
    },
  ],
});

describe('detectAccessWithoutGrant', () => {
  it('fires for activity on a governed system after the grant ended', () => {
    const events = [
      ev({ at: '2026-09-17T10:00:00Z', system: 'kyc-vault', sensitive: true }),
      ev({ at: '2026-09-17T10:05:00Z', system: 'kyc-vault' }),
    ];
    const [s, ...rest] = detectAccessWithoutGrant(events, p, none, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'access_without_grant',
      severity: 'high',
      dedupeKey: 'access_without_grant:p1:kyc-vault:2026-09-17',
    });
    expect(s!.explanation).toBe(
      '2 events on kyc-vault on 2026-09-17 with no active grant, 1 touching sensitive records; the last grant ended 2026-09-01.',
    );
  });

  it('does not fire under an active grant, within the provisioning grace, on ungoverned systems, or for failures', () => {
    const events = [
      ev({ at: '2026-09-17T10:00:00Z', system: 'support-console' }),
      ev({ at: '2026-09-01T00:30:00Z', system: 'kyc-vault' }),
      ev({ at: '2026-09-17T10:00:00Z', system: 'okta' }),
      ev({ at: '2026-09-17T10:00:00Z', system: 'kyc-vault', outcome: 'failure' }),
    ];
    expect(detectAccessWithoutGrant(events, p, none, null, o)).toEqual([]);
  });

  it('says when there was never a grant', () => {
    const [s] = detectAccessWithoutGrant(
      [ev({ at: '2026-09-17T10:00:00Z', system: 'kyc-vault' })],
      person({ grants: [] }),
      none,
      null,
      o,
    );
    expect(s!.severity).toBe('medium');
    expect(s!.explanation).toContain('no grant on record');
  });

  it('reads a date-only grant start as the whole of that day in the person’s time zone', () => {
    const manila = person({
      timezone: 'Asia/Manila',
      grants: [
        {
          system: 'support-console',
          privilege: 'agent',
          from: new Date('2026-11-15T00:00:00Z'),
          to: null,
        },
      ],
    });
    // 06:03 on 15 Nov in Manila is 22:03 UTC on the 14th: the grant's first day.
    const firstShift = ev({ at: '2026-11-14T22:03:00Z', system: 'support-console' });
    expect(detectAccessWithoutGrant([firstShift], manila, none, null, o)).toEqual([]);
    // The evening before (14 Nov in Manila too) is not covered.
    const before = ev({ at: '2026-11-14T12:00:00Z', system: 'support-console' });
    expect(detectAccessWithoutGrant([before], manila, none, null, o)).toHaveLength(1);
    // A start at a precise time is a precise time.
    const precise = person({
      timezone: 'Asia/Manila',
      grants: [
        {
          system: 'support-console',
          privilege: 'agent',
          from: new Date('2026-11-15T03:00:00Z'),
          to: null,
        },
      ],
    });
    expect(detectAccessWithoutGrant([firstShift], precise, none, null, o)).toHaveLength(1);
  });
});
