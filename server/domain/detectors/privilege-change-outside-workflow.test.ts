import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectPrivilegeChangeOutsideWorkflow } from './privilege-change-outside-workflow';
import { ev, org, person } from './test-helpers';

const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const at = '2026-09-17T10:00:00Z';
// Action strings as in tests/fixtures/logs: CloudTrail `${eventSource}:${eventName}`, Okta
// eventType.
const attachAdmin = ev({
  at,
  system: 'aws',
  action: 'iam.amazonaws.com:AttachUserPolicy',
  resource: 'arn:aws:iam::aws:policy/AdministratorAccess',
});
const oktaGrant = ev({
  at,
  system: 'okta',
  action: 'user.account.privilege.grant',
  resource: 'Super Administrator',
});

describe('detectPrivilegeChangeOutsideWorkflow', () => {
  it('fires for AttachUserPolicy with AdministratorAccess and no grant: critical', () => {
    const [s] = detectPrivilegeChangeOutsideWorkflow(
      [attachAdmin],
      person({ grants: [] }),
      none,
      null,
      o,
    );
    expect(s).toMatchObject({
      kind: 'privilege_change_outside_workflow',
      severity: 'critical',
      dedupeKey: `privilege_change_outside_workflow:p1:${attachAdmin.id}`,
    });
    expect(s!.explanation).toBe(
      'iam.amazonaws.com:AttachUserPolicy granting arn:aws:iam::aws:policy/AdministratorAccess on aws at 2026-09-17 10:00Z with no approved Vigil grant for it; 0 active grants on that system.',
    );
  });

  it('fires (high) for an Okta admin-role grant when the person holds only ordinary access', () => {
    const p = person({
      grants: [{ system: 'okta', privilege: 'user', from: new Date('2026-01-01'), to: null }],
    });
    const [s] = detectPrivilegeChangeOutsideWorkflow([oktaGrant], p, none, null, o);
    expect(s!.severity).toBe('high');
    expect(s!.explanation).toContain('1 active grants');
  });

  it('does not fire with an approved grant for that privilege, or for a non-admin policy', () => {
    const p = person({
      grants: [
        {
          system: 'aws',
          privilege: 'AdministratorAccess',
          from: new Date('2026-09-17T09:30:00Z'),
          to: null,
        },
        {
          system: 'okta',
          privilege: 'Super Administrator',
          from: new Date('2026-09-01'),
          to: null,
        },
      ],
    });
    expect(
      detectPrivilegeChangeOutsideWorkflow([attachAdmin, oktaGrant], p, none, null, o),
    ).toEqual([]);
    const audit = ev({
      at,
      system: 'aws',
      action: 'iam.amazonaws.com:AttachRolePolicy',
      resource: 'arn:aws:iam::aws:policy/SecurityAudit',
    });
    expect(
      detectPrivilegeChangeOutsideWorkflow([audit], person({ grants: [] }), none, null, o),
    ).toEqual([]);
    const failed = { ...attachAdmin, id: 'x', outcome: 'failure' as const };
    expect(
      detectPrivilegeChangeOutsideWorkflow([failed], person({ grants: [] }), none, null, o),
    ).toEqual([]);
  });

  it('an expired admin grant does not cover a later change', () => {
    const p = person({
      grants: [
        {
          system: 'aws',
          privilege: 'AdministratorAccess',
          from: new Date('2026-01-01'),
          to: new Date('2026-03-01'),
        },
      ],
    });
    expect(detectPrivilegeChangeOutsideWorkflow([attachAdmin], p, none, null, o)).toHaveLength(1);
  });
});
