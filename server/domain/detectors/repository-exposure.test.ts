import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectRepositoryExposure } from './repository-exposure';
import { ev, org, person } from './test-helpers';

const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const gh = (action: string, resource: string) =>
  ev({ at: '2026-09-17T10:00:00Z', system: 'GitHub', action, resource, source: 'github' });
const developer = person({
  grants: [{ system: 'GitHub', privilege: 'developer', from: new Date('2026-01-01'), to: null }],
});

describe('detectRepositoryExposure', () => {
  it('fires critical when a repository is made public without a grant for it', () => {
    const e = gh('repo.access', 'acme/core (visibility: public)');
    const [s] = detectRepositoryExposure([e], developer, none, null, o);
    expect(s).toMatchObject({
      kind: 'repository_exposure',
      severity: 'critical',
      dedupeKey: `repository_exposure:p1:${e.id}`,
      stats: { repository: 'acme/core', exposure: 'made public', activeGrantsOnSystem: 1 },
    });
    expect(s!.explanation).toBe(
      'acme/core made public (repo.access) at 2026-09-17 10:00Z with no approved Vigil grant for it; 1 active grants on GitHub.',
    );
  });

  it('fires for transfers out (critical), private forking (high) and an unknown visibility (medium)', () => {
    const found = detectRepositoryExposure(
      [
        gh('repo.transfer_outgoing', 'acme/core'),
        gh('repo.transfer_start', 'acme/api'),
        gh('private_repository_forking.enable', 'acme'),
        gh('repo.access', 'acme/old'),
      ],
      developer,
      none,
      null,
      o,
    );
    expect(found.map((s) => [s.severity, s.stats.exposure])).toEqual([
      ['critical', 'transferred out of the organization'],
      ['critical', 'transferred out of the organization'],
      ['high', 'forking of private repositories allowed'],
      ['medium', 'visibility changed (to what, the log does not say)'],
    ]);
  });

  it('does not fire for a grant that approves it, a repository made private, or incoming transfers', () => {
    for (const privilege of [
      'repo_visibility',
      'release manager',
      'open-source publishing',
      'owner',
    ])
      expect(
        detectRepositoryExposure(
          [gh('repo.access', 'acme/sdk (visibility: public)')],
          person({
            grants: [{ system: 'GitHub', privilege, from: new Date('2026-01-01'), to: null }],
          }),
          none,
          null,
          o,
        ),
      ).toEqual([]);
    expect(
      detectRepositoryExposure(
        [
          gh('repo.access', 'acme/core (visibility: private)'),
          gh('repo.access', 'acme/core (visibility: internal)'),
          gh('repo.transfer', 'acme/imported'),
          { ...gh('repo.access', 'acme/core (visibility: public)'), outcome: 'failure' as const },
        ],
        developer,
        none,
        null,
        o,
      ),
    ).toEqual([]);
  });
});
