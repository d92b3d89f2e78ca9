import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectSecurityControlDisabled } from './security-control-disabled';
import { ev, org, person } from './test-helpers';

const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const gh = (action: string, at = '2026-09-17T10:00:00Z', resource = 'acme/core') =>
  ev({ at, system: 'GitHub', action, resource, source: 'github' });
const withGrant = (privilege: string) =>
  person({
    grants: [{ system: 'GitHub', privilege, from: new Date('2026-01-01'), to: null }],
  });

describe('detectSecurityControlDisabled', () => {
  it('fires high for one control switched off without approval, one signal per day', () => {
    const found = detectSecurityControlDisabled(
      [
        gh('repository_secret_scanning.disable'),
        gh('repository_secret_scanning.disable', '2026-09-17T11:00:00Z', 'acme/api'),
        gh('protected_branch.destroy', '2026-09-18T10:00:00Z'),
      ],
      withGrant('developer'),
      none,
      null,
      o,
    );
    expect(found.map((s) => [s.severity, s.stats.day, s.stats.controls, s.stats.changes])).toEqual([
      ['high', '2026-09-17', 'secret scanning', 2],
      ['high', '2026-09-18', 'branch protection', 1],
    ]);
    expect(found[0]!.dedupeKey).toBe('security_control_disabled:p1:2026-09-17');
    expect(found[0]!.explanation).toBe(
      'secret scanning disabled on 2026-09-17 (2 changes on acme/core, acme/api); 2 without an approved Vigil grant for it.',
    );
  });

  it('is critical when two different controls go the same day (the fixture’s action names)', () => {
    const [s] = detectSecurityControlDisabled(
      [
        gh('repository_secret_scanning_push_protection.disable'),
        gh('repository_vulnerability_alerts.disable', '2026-09-17T10:05:00Z'),
      ],
      person({ grants: [] }),
      none,
      null,
      o,
    );
    expect(s).toMatchObject({
      severity: 'critical',
      stats: { controls: 'push protection, vulnerability alerts', unapprovedChanges: 2 },
    });
  });

  it('is low when a grant approves every change; ignores enabling and other actions', () => {
    for (const privilege of ['security admin', 'maintain', 'admin']) {
      const [s] = detectSecurityControlDisabled(
        [gh('protected_branch.destroy'), gh('dependabot_alerts.disable')],
        withGrant(privilege),
        none,
        null,
        o,
      );
      expect(s!.severity).toBe('low');
    }
    expect(
      detectSecurityControlDisabled(
        [
          gh('repository_secret_scanning.enable'),
          gh('protected_branch.create'),
          gh('protected_branch.update_admin_enforced'),
          { ...gh('protected_branch.destroy'), outcome: 'failure' as const },
        ],
        person({ grants: [] }),
        none,
        null,
        o,
      ),
    ).toEqual([]);
  });
});
