import { describe, expect, it } from 'vitest';
import { gitHubTime, parseGitHub } from './github';
import { parseEvents } from './parse-events';
import {
  chunked,
  collect,
  events,
  expectWellFormed,
  fixtureFiles,
  fixtureRecords,
  readFixture,
  rejections,
  repeatedIds,
} from './test-support';

const ANONYMOUS = 'missing actor (GitHub logs anonymous access to public repositories without one)';

describe('parseGitHub over the published fixtures', () => {
  it('finds the four GitHub fixture files', () => {
    expect(fixtureFiles('github')).toEqual([
      'api-request-events.ndjson',
      'audit.ndjson',
      'enterprise-audit.ndjson',
      'org-audit.ndjson',
    ]);
  });

  it.each([
    ['api-request-events.ndjson', 2, []],
    ['audit.ndjson', 189, []],
    ['enterprise-audit.ndjson', 21, []],
    // Line 191: an anonymous clone of a public repository (user_id 0, no actor).
    ['org-audit.ndjson', 199, [191]],
  ])('%s: every attributable event parses, well formed', async (file, count, refused) => {
    const results = await collect(parseGitHub(chunked(readFixture('github', file), 13)));
    expect(rejections(results)).toEqual(refused.map((line) => ({ line, reason: ANONYMOUS })));
    const list = events(results);
    expect(list.length).toBe(count - refused.length);
    expectWellFormed(list);
    expect(list.every((e) => e.source === 'github' && e.actorKind === 'github')).toBe(true);
    expect(list.every((e) => e.system === 'GitHub')).toBe(true);
    // Ids are unique: _document_id where given, the record's content otherwise.
    expect(repeatedIds(list)).toEqual([]);
    const actions = fixtureRecords('github', file)
      .filter((_, i) => !refused.includes(i + 1))
      .map((r) => (r as { action: string }).action);
    expect(list.map((e) => e.action)).toEqual(actions);
  });

  it('maps a streamed git clone: document id, handle, token as session, country', async () => {
    const list = events(await collect(parseGitHub([readFixture('github', 'org-audit.ndjson')])));
    expect(list.find((e) => e.line === 192)).toMatchObject({
      sourceEventId: 'vZYwluB4DhnHDp0RMY-eWA==',
      occurredAt: new Date(1695226401262),
      actor: 'imays11',
      actorKind: 'github',
      actorAlternates: [],
      action: 'git.clone',
      resource: 'onyxsectec/25',
      recordCount: 1,
      ip: '81.2.69.144',
      country: 'US',
      userAgent: 'git/2.39.3.windows.1',
      sessionId: 'vnjCX8GeYi1K6rxJjPLM0GG1XRavJaqwAVosSTI1XNI=',
      outcome: 'success',
      isProxy: null,
    });
    // @timestamp wins over created_at when the two differ (line 195).
    expect(list.find((e) => e.line === 195)?.occurredAt).toEqual(new Date(1674454040515));
  });

  it('reads the organization layout: created_at, teams, workflow runs, rejected pushes', async () => {
    const list = events(await collect(parseGitHub([readFixture('github', 'org-audit.ndjson')])));
    const at = (n: number) => list.find((e) => e.line === n);
    expect(at(4)).toMatchObject({
      actor: 'github-actor',
      action: 'org.invite_member',
      resource: 'github-user',
      occurredAt: new Date(1583364382722),
      country: 'US',
    });
    expect(at(4)?.sourceEventId).toMatch(/^gh:1583364382722:org\.invite_member:github-actor:/);
    expect(at(52)).toMatchObject({
      action: 'workflows.delete_workflow_run',
      resource: 'Example-Org/repo-123',
    });
    expect(at(21)).toMatchObject({
      action: 'protected_branch.rejected_ref_update',
      outcome: 'failure',
    });
    expect(at(17)).toMatchObject({ action: 'team.create', resource: 'Example-Org/authors' });
    expect(at(193)).toMatchObject({
      action: 'integration_installation.repositories_added',
      resource: 'Create Issue Branch',
    });
    // Bots keep their handle; they resolve to nobody unless marked a service account.
    expect(at(187)).toMatchObject({ actor: 'github-actions[bot]', action: 'git.clone' });
  });

  it('reads the enterprise layout: country names and the location ip', async () => {
    const list = events(
      await collect(parseGitHub([readFixture('github', 'enterprise-audit.ndjson')])),
    );
    expect(list[0]).toMatchObject({
      actor: 'john_doe',
      action: 'user.login',
      country: 'US', // "USA"
      ip: '192.168.1.1',
      occurredAt: new Date(1698579600000),
    });
    expect(list[1]).toMatchObject({ country: 'GB' }); // "UK"
    expect(list[2]).toMatchObject({ country: 'CA', resource: 'project-alpha' });
  });

  it('reads the same events from the REST API’s JSON array, pretty-printed or not', async () => {
    const records = fixtureRecords('github', 'api-request-events.ndjson');
    const fromLines = events(
      await collect(parseGitHub([readFixture('github', 'api-request-events.ndjson')])),
    );
    for (const text of [JSON.stringify(records, null, 2), JSON.stringify(records)]) {
      const list = events(await collect(parseEvents('github', chunked(text, 31))));
      expect(list.map((e) => [e.sourceEventId, e.actor, e.action, e.occurredAt])).toEqual(
        fromLines.map((e) => [e.sourceEventId, e.actor, e.action, e.occurredAt]),
      );
    }
    expect(fromLines[0]).toMatchObject({ action: 'api.request', outcome: 'success' });
  });

  it('records visibility changes, SSO emails and failed API calls; rejects what it cannot use', async () => {
    const base = {
      action: 'repo.access',
      actor: 'Mallory',
      repo: 'acme/core',
      created_at: 1765000000000,
    };
    const lines = [
      { ...base, visibility: 'public' },
      { ...base, public_repo: true }, // before or after the change: not said, so not read
      { ...base, action: 'git.clone', external_identity_nameid: 'mallory@acme.test' },
      { ...base, action: 'api.request', status_code: 403 },
      { ...base, created_at: '2026-12-01T10:00:00Z' },
      { ...base, action: undefined },
      { ...base, created_at: 'yesterday' },
      { ...base, created_at: 12 },
    ].map((r) => JSON.stringify(r));
    const results = await collect(parseGitHub([lines.join('\n')]));
    expect(results.map((r) => (r.ok ? r.event.resource : r.reason))).toEqual([
      'acme/core (visibility: public)',
      'acme/core',
      'acme/core',
      'acme/core',
      'acme/core',
      'missing action',
      'missing or invalid @timestamp and created_at',
      'missing or invalid @timestamp and created_at',
    ]);
    expect(results[2]).toMatchObject({
      ok: true,
      event: { actorAlternates: [{ kind: 'email', value: 'mallory@acme.test' }] },
    });
    expect(results[3]).toMatchObject({ ok: true, event: { outcome: 'failure' } });
    expect(results[4]).toMatchObject({
      ok: true,
      event: { occurredAt: new Date('2026-12-01T10:00:00Z') },
    });
  });

  it('reads epoch milliseconds as numbers or digits', () => {
    expect(gitHubTime(1695226401262)).toEqual(new Date(1695226401262));
    expect(gitHubTime('1695226401262')).toEqual(new Date(1695226401262));
    expect(gitHubTime(1695226401)).toBeNull(); // seconds: before 2008 as milliseconds
    expect(gitHubTime(null)).toBeNull();
  });
});
