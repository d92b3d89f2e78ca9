import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectCredentialOutsideWorkflow } from './credential-outside-workflow';
import { ev, org, person } from './test-helpers';

const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const at = '2026-09-17T10:00:00Z';
const gh = (action: string, resource: string | null = 'acme/core') =>
  ev({ at, system: 'GitHub', action, resource, source: 'github' });
const grant = (privilege: string, from = '2026-01-01') => ({
  system: 'GitHub',
  privilege,
  from: new Date(from),
  to: null,
});

describe('detectCredentialOutsideWorkflow', () => {
  it('fires critical for a deploy key added by someone with no GitHub grant at all', () => {
    const e = gh('deploy_key.create');
    const [s] = detectCredentialOutsideWorkflow([e], person({ grants: [] }), none, null, o);
    expect(s).toMatchObject({
      kind: 'credential_outside_workflow',
      severity: 'critical',
      dedupeKey: `credential_outside_workflow:p1:${e.id}`,
      stats: { credential: 'deploy_key', target: 'acme/core', activeGrantsOnSystem: 0 },
    });
    expect(s!.explanation).toBe(
      'deploy key added (deploy_key.create on acme/core) at 2026-09-17 10:00Z with no approved Vigil grant for it; 0 active grants on GitHub.',
    );
  });

  it('fires high for a token or app approved by a developer whose grant does not cover it', () => {
    const p = person({ grants: [grant('developer')] });
    const found = detectCredentialOutsideWorkflow(
      [
        gh('personal_access_token.access_granted', 'acme'),
        gh('org_credential_authorization.grant', 'acme'),
        gh('oauth_authorization.create', 'Slack'),
        gh('integration_installation.create', 'Sample Code Helper'),
      ],
      p,
      none,
      null,
      o,
    );
    expect(found.map((s) => [s.severity, s.stats.credential])).toEqual([
      ['high', 'personal_access_token'],
      ['high', 'personal_access_token'],
      ['high', 'oauth_app'],
      ['high', 'github_app'],
    ]);
  });

  it('does not fire when a grant approves that credential, or an admin / owner grant', () => {
    const cases: [string, string][] = [
      ['deploy_key', 'deploy_key.create'],
      ['Personal access token', 'personal_access_token.access_granted'],
      ['oauth_app', 'oauth_authorization.create'],
      ['GitHub App install', 'integration_installation.create'],
      ['org owner', 'deploy_key.create'],
      ['admin', 'integration_installation.create'],
    ];
    for (const [privilege, action] of cases)
      expect(
        detectCredentialOutsideWorkflow(
          [gh(action)],
          person({ grants: [grant(privilege)] }),
          none,
          null,
          o,
        ),
      ).toEqual([]);
    // A grant starting within the provisioning grace still covers it.
    const late = person({ grants: [grant('deploy_key', '2026-09-17T10:30:00Z')] });
    expect(detectCredentialOutsideWorkflow([gh('deploy_key.create')], late, none, null, o)).toEqual(
      [],
    );
  });

  it('ignores a user’s own SSH key, failures, ended grants’ holders only after grace, other actions', () => {
    const p = person({ grants: [] });
    expect(
      detectCredentialOutsideWorkflow(
        [
          gh('public_key.create', 'octocat'),
          { ...gh('deploy_key.create'), outcome: 'failure' as const },
          gh('git.clone'),
          gh('repo.create'),
        ],
        p,
        none,
        null,
        o,
      ),
    ).toEqual([]);
    const [deploy] = detectCredentialOutsideWorkflow([gh('public_key.create')], p, none, null, o);
    expect(deploy!.stats.credential).toBe('deploy_key');
    const ended = person({
      grants: [{ ...grant('deploy_key'), to: new Date('2026-09-01') }],
    });
    expect(
      detectCredentialOutsideWorkflow([gh('deploy_key.create')], ended, none, null, o),
    ).toHaveLength(1);
  });
});
