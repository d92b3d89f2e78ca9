import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseGoogleWorkspace } from './gworkspace';
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

// The published test activities all share id {time, uniqueQualifier: 1}, split one event per
// line; the parameter digest in the id keeps events of the same name apart, so none repeat.
const REPEATED: Record<string, string[]> = {};

async function parseFile(file: string) {
  return collect(parseGoogleWorkspace(chunked(readFixture('gworkspace', file), 11)));
}

describe('parseGoogleWorkspace over the published fixtures', () => {
  it('finds all five Google Workspace fixture files', () => {
    expect(fixtureFiles('gworkspace')).toEqual([
      'admin.ndjson',
      'drive.ndjson',
      'login.ndjson',
      'token.ndjson',
      'user_accounts.ndjson',
    ]);
  });

  it.each(fixtureFiles('gworkspace'))('%s: every activity parses, well formed', async (file) => {
    const results = await parseFile(file);
    const count = fixtureRecords('gworkspace', file).length;
    expect(results).toHaveLength(count);
    if (file === 'drive.ndjson') {
      // The last line is a list envelope with no items, not an activity.
      expect(rejections(results)).toEqual([
        {
          line: 37,
          reason: 'a Reports API list page with no items (an empty page), not an activity',
        },
      ]);
    } else expect(rejections(results)).toEqual([]);
    const list = events(results);
    expectWellFormed(list);
    expect(repeatedIds(list)).toEqual(REPEATED[file] ?? []);
    const application = file.replace('.ndjson', '');
    for (const e of list) {
      expect(e.system).toBe(`Google Workspace ${application}`);
      expect(e.action.startsWith(`${application}.`)).toBe(true);
    }
  });

  it('maps an OAuth token grant', async () => {
    const [token] = events(await parseFile('token.ndjson'));
    expect(token).toMatchObject({
      sourceEventId: expect.stringMatching(
        /^token:2023-01-01T06:24:42\.442Z:-6709442587437772138:authorize:[0-9a-f]{12}$/,
      ) as string,
      source: 'gworkspace',
      occurredAt: new Date('2023-01-01T06:24:42.442Z'),
      actor: 'foo@bar.com',
      actorKind: 'email',
      actorAlternates: [{ kind: 'google', value: '1' }],
      system: 'Google Workspace token',
      action: 'token.authorize',
      resource: 'Gmail Add-on',
      ip: '89.160.20.112',
      country: null,
      outcome: 'success',
    });
  });

  it('maps logins, drive downloads and admin actions', async () => {
    const login = events(await parseFile('login.ndjson'));
    expect(login.find((e) => e.line === 10)).toMatchObject({
      action: 'login.login_failure',
      outcome: 'failure',
      ip: '67.43.156.13',
    });
    expect(login.find((e) => e.line === 17)).toMatchObject({
      actor: 'tl.zeous.daclitan@company.com',
      occurredAt: new Date('2025-02-27T05:59:58.481Z'),
      action: 'login.login_verification',
      ip: '81.2.69.144',
    });
    const drive = events(await parseFile('drive.ndjson'));
    expect(drive.find((e) => e.line === 9)).toMatchObject({
      action: 'drive.download',
      resource: '1234', // doc_id
    });
    // This published activity has a Markdown link for an email: kept verbatim, not an email.
    expect(drive.find((e) => e.line === 35)).toMatchObject({
      actor: '[john.doe@example.com](mailto:john.doe@example.com)',
      actorKind: 'username',
      actorAlternates: [{ kind: 'google', value: '987654' }],
      ip: null,
    });
    const [admin] = events(await parseFile('admin.ndjson'));
    expect(admin).toMatchObject({
      actor: 'foo@bar.com',
      action: 'admin.ALERT_CENTER_LIST_RELATED_ALERTS',
    });
  });

  it('reads list pages with items (one line, pretty, gzipped) and events arrays', async () => {
    const items = fixtureRecords('gworkspace', 'login.ndjson');
    const page = { kind: 'admin#reports#activities', etag: '"x"', items };
    for (const body of [JSON.stringify(page), JSON.stringify(page, null, 1)]) {
      for (const input of [chunked(body, 300), [gzipSync(body)]]) {
        const results = await collect(parseGoogleWorkspace(input));
        expect(rejections(results)).toEqual([]);
        expect(events(results)).toHaveLength(17);
      }
    }
    // The API's own shape: one activity, several events, the same name twice.
    const activity = {
      ...(items[16] as object),
      events: [
        { type: 'login', name: 'login_failure' },
        { type: 'login', name: 'login_failure' },
        { type: 'login', name: 'login_success' },
      ],
    };
    const list = events(await collect(parseGoogleWorkspace([JSON.stringify(activity)])));
    expect(list.map((e) => [e.sourceEventId, e.outcome])).toEqual([
      ['login:2025-02-27T05:59:58.481Z:123:login_failure', 'failure'],
      ['login:2025-02-27T05:59:58.481Z:123:login_failure#2', 'failure'],
      ['login:2025-02-27T05:59:58.481Z:123:login_success', 'success'],
    ]);
    expect(list[1]?.raw).toMatchObject({ events: [{ name: 'login_failure' }] });
  });

  it('rejects activities without id, actor or events', async () => {
    const base = fixtureRecords('gworkspace', 'token.ndjson')[0] as Record<string, unknown>;
    const lines = [
      { ...base, id: { applicationName: 'token' } },
      { ...base, actor: {} },
      { ...base, events: [] },
      { ...base, events: [{ type: 'x' }] },
    ].map((r) => JSON.stringify(r));
    const results = await collect(parseGoogleWorkspace([lines.join('\n')]));
    expect(rejections(results).map((r) => r.reason)).toEqual([
      'missing or invalid id.time',
      'missing actor (actor.email, actor.profileId or actor.key)',
      'activity has no events',
      'an event has no name',
    ]);
  });
});
