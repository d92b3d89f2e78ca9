import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectMfaTampering } from './mfa-tampering';
import { ev, org, person } from './test-helpers';

const p = person();
const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const okta = { system: 'okta' };

describe('detectMfaTampering', () => {
  it('fires when a factor reset is followed by access, critical on sensitive records', () => {
    const reset = ev({ at: '2026-09-17T10:00:00Z', ...okta, action: 'user.mfa.factor.reset_all' });
    const deact = ev({ at: '2026-09-17T10:01:00Z', ...okta, action: 'user.mfa.factor.deactivate' });
    const login = ev({ at: '2026-09-17T10:30:00Z', ...okta, action: 'user.session.start' });
    const look = ev({ at: '2026-09-17T10:40:00Z', sensitive: true });
    const [s, ...rest] = detectMfaTampering([look, login, deact, reset], p, none, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'mfa_tampering',
      severity: 'critical',
      dedupeKey: `mfa_tampering:p1:${reset.id}`,
    });
    expect(s!.evidenceEventIds).toEqual([reset.id, deact.id, login.id, look.id]);
    expect(s!.explanation).toBe(
      'MFA factor removed or reset (user.mfa.factor.reset_all at 2026-09-17 10:00Z), then 2 successful events, the first at 2026-09-17 10:30Z (user.session.start), 1 touching sensitive records.',
    );
  });

  it('names a device the baseline has not seen (the access step of a chain)', () => {
    const known = { ...none, devices: ['dev-laptop'] };
    const reset = ev({ at: '2026-09-17T10:00:00Z', ...okta, action: 'user.mfa.factor.reset_all' });
    const from = (deviceId: string) => [
      reset,
      ev({ at: '2026-09-17T10:30:00Z', ...okta, action: 'user.session.start', deviceId }),
    ];
    const [s] = detectMfaTampering(from('dev-new'), p, known, null, o);
    expect(s!.stats.newDevice).toBe('dev-new');
    expect(s!.explanation).toContain('from a device not seen before (dev-new)');
    expect(detectMfaTampering(from('dev-laptop'), p, known, null, o)[0]!.stats.newDevice).toBe(
      undefined,
    );
    // A baseline with no devices (a source without device ids) cannot call one new.
    expect(detectMfaTampering(from('dev-new'), p, none, null, o)[0]!.stats.newDevice).toBe(
      undefined,
    );
  });

  it('fires for repeated push denials followed by an accepted push (MFA fatigue)', () => {
    const denials = [0, 1, 2, 3].map((m) =>
      ev({
        at: `2026-09-17T02:0${m}:00Z`,
        ...okta,
        action: 'user.authentication.auth_via_mfa',
        outcome: 'failure',
      }),
    );
    const accepted = ev({
      at: '2026-09-17T02:05:00Z',
      ...okta,
      action: 'user.authentication.auth_via_mfa',
    });
    const [s] = detectMfaTampering([...denials, accepted], p, none, null, o);
    expect(s!.severity).toBe('high');
    expect(s!.explanation).toContain('4 MFA push denials within 10 minutes from 2026-09-17 02:00Z');
    expect(s!.stats).toMatchObject({ cause: 'push', triggers: 4, accessEvents: 1 });
  });

  it('Google 2-step verification disabled counts as tampering', () => {
    const off = ev({
      at: '2026-09-17T10:00:00Z',
      system: 'google',
      action: 'user_accounts.2sv_disable',
    });
    const drive = ev({ at: '2026-09-17T12:00:00Z', system: 'google', action: 'drive.download' });
    expect(detectMfaTampering([off, drive], p, none, null, o)).toHaveLength(1);
  });

  it('does not fire without access after, for spread-out denials, or when access comes too late', () => {
    const reset = ev({ at: '2026-09-17T10:00:00Z', ...okta, action: 'user.mfa.factor.reset_all' });
    expect(detectMfaTampering([reset], p, none, null, o)).toEqual([]);
    const late = ev({ at: '2026-09-18T11:00:00Z' });
    expect(detectMfaTampering([reset, late], p, none, null, o)).toEqual([]);
    const spread = [0, 20, 40].map((m) =>
      ev({
        at: new Date(Date.parse('2026-09-17T02:00:00Z') + m * 60_000),
        ...okta,
        action: 'user.mfa.okta_verify.deny_push',
      }),
    );
    const login = ev({ at: '2026-09-17T02:50:00Z', ...okta, action: 'user.session.start' });
    expect(detectMfaTampering([...spread, login], p, none, null, o)).toEqual([]);
  });
});
