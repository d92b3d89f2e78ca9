import { describe, expect, it } from 'vitest';
import { parseOkta } from './okta';
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

const SHARED_REPEATS = [
  '3aeede38-4f67-11ea-abd3-1f5d113f2546',
  '3af594f9-4f67-11ea-abd3-1f5d113f2546',
  'faf7398a-4f77-11ea-97fb-5925e98228bd',
  'uuid',
];

describe('parseOkta over the published fixtures', () => {
  it('finds both Okta fixture files', () => {
    expect(fixtureFiles('okta')).toEqual([
      'system-events.ndjson',
      'system-no-flattened-events.ndjson',
    ]);
  });

  it.each([
    ['system-events.ndjson', 20, SHARED_REPEATS],
    [
      'system-no-flattened-events.ndjson',
      25,
      [
        '2D6FC3CC-3BFB-4AC1-8259-016CF6A5976C',
        ...SHARED_REPEATS.slice(0, 3),
        'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
        'uuid',
      ],
    ],
  ])('%s: every event parses, well formed, line by line', async (file, count, repeats) => {
    const results = await collect(parseOkta(chunked(readFixture('okta', file))));
    expect(rejections(results)).toEqual([]);
    const list = events(results);
    expect(list.map((e) => e.line)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expectWellFormed(list);
    expect(list.every((e) => e.source === 'okta')).toBe(true);
    // Okta's uuid is the dedupe key; these fixtures reuse some uuids for different test events.
    expect(repeatedIds(list)).toEqual(repeats.sort());
    const uuids = fixtureRecords('okta', file).map((r) => (r as { uuid: string }).uuid);
    expect(list.map((e) => e.sourceEventId)).toEqual(uuids);
  });

  it('maps a sign-in with geolocation, device fingerprint and session', async () => {
    const [, second] = events(
      await collect(parseOkta([readFixture('okta', 'system-events.ndjson')])),
    );
    expect(second).toMatchObject({
      line: 2,
      sourceEventId: '3aeede38-4f67-11ea-abd3-1f5d113f2546',
      source: 'okta',
      occurredAt: new Date('2020-02-14T20:18:57.718Z'),
      actor: 'xxxxxx@elastic.co',
      actorKind: 'email',
      actorAlternates: [{ kind: 'okta', value: '00u1abvz4pYqdM8ms4x6' }],
      system: 'Okta',
      action: 'user.session.start',
      resource: null,
      recordCount: 1,
      ip: '175.16.199.1',
      country: 'US',
      city: 'Dublin',
      lat: 37.7201,
      lon: -121.919,
      deviceId: '541daf91d15bef64a7e08c946fd9a9d0',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:72.0) Gecko/20100101 Firefox/72.0',
      sessionId: '102bZDNFfWaQSyEZQuDgWt-uQ',
      outcome: 'success',
      isProxy: null,
    });
    expect(second?.raw).toMatchObject({ uuid: '3aeede38-4f67-11ea-abd3-1f5d113f2546' });
  });

  it('converts country names, drops placeholders and reads the proxy verdict', async () => {
    const list = events(await collect(parseOkta([readFixture('okta', 'system-events.ndjson')])));
    const byLine = (n: number) => list.find((e) => e.line === n);
    expect(byLine(16)).toMatchObject({ country: 'CH', city: 'Lucerne', isProxy: false });
    expect(byLine(17)).toMatchObject({ country: 'DE', city: 'Bredstedt', ip: '127.0.0.1' });
    // "Country" / "City" and 0,0 are Okta's placeholders for an unknown place.
    expect(byLine(15)).toMatchObject({ country: null, lat: null, lon: null });
    // ipAddress "null" (a string) is no address: the request's IP chain has the real one.
    expect(byLine(10)).toMatchObject({ ip: '175.16.199.1', country: 'US' });
    expect(byLine(3)).toMatchObject({
      action: 'policy.evaluate_sign_on',
      outcome: 'success', // ALLOW
      resource: 'PolicyEntity Default Policy; PolicyRule Default Rule (0pr1abvwfqGFI4n064x6)',
    });
    expect(byLine(19)).toMatchObject({
      action: 'group.user_membership.add',
      resource: 'User target.user@test.com; UserGroup Sales',
    });
  });

  it('names the application of SSO events and falls back to the request IP chain', async () => {
    const list = events(
      await collect(parseOkta([readFixture('okta', 'system-no-flattened-events.ndjson')])),
    );
    expect(list.find((e) => e.line === 20)).toMatchObject({
      actor: 'system@okta.com',
      system: 'Google Workspace', // target AppInstance
      action: 'app.user_management',
      ip: null,
      country: null,
    });
    expect(list.find((e) => e.line === 21)).toMatchObject({
      actor: 'test.user@test.com',
      system: 'An App Server',
      action: 'user.authentication.sso',
      ip: '192.168.1.10', // client is {}: from request.ipChain
      country: 'US',
      city: 'Lawn Park',
    });
  });

  it('reads the same events from a JSON array, pretty-printed or on one line', async () => {
    const records = fixtureRecords('okta', 'system-no-flattened-events.ndjson');
    const fromLines = events(
      await collect(parseOkta([readFixture('okta', 'system-no-flattened-events.ndjson')])),
    );
    for (const text of [JSON.stringify(records, null, 2), JSON.stringify(records)]) {
      const list = events(await collect(parseOkta(chunked(text, 101))));
      expect(list.map((e) => [e.sourceEventId, e.actor, e.action, e.occurredAt])).toEqual(
        fromLines.map((e) => [e.sourceEventId, e.actor, e.action, e.occurredAt]),
      );
    }
    // Pretty-printed: each event carries the line it starts on.
    const prettyText = JSON.stringify(records.slice(0, 2), null, 2);
    const starts = prettyText.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    const pretty = events(await collect(parseOkta([prettyText])));
    expect(pretty.map((e) => e.line)).toEqual(starts);
    expect(starts[0]).toBe(2);
  });

  it('flags anonymizing proxies and failures, and rejects events it cannot use', async () => {
    const base = fixtureRecords('okta', 'system-events.ndjson')[1] as Record<string, unknown>;
    const lines = [
      { ...base, securityContext: { isProxy: true } },
      { ...base, outcome: { result: 'FAILURE' } },
      { ...base, debugContext: { debugData: { tunnels: '[{"anonymous":true,"type":"VPN"}]' } } },
      { ...base, uuid: undefined },
      { ...base, published: 'yesterday' },
      { ...base, actor: { alternateId: 'unknown' } },
      { ...base, actor: { id: '00uABC', alternateId: 'jdoe' } },
    ].map((r) => JSON.stringify(r));
    const results = await collect(parseOkta([lines.join('\n')]));
    expect(results.map((r) => (r.ok ? r.event.isProxy : r.reason))).toEqual([
      true,
      null,
      true,
      'missing uuid (the Okta event id)',
      'missing or invalid published time',
      'missing actor (actor.alternateId and actor.id)',
      null,
    ]);
    expect(results[1]).toMatchObject({ ok: true, event: { outcome: 'failure' } });
    expect(results[6]).toMatchObject({
      ok: true,
      event: { actor: 'jdoe', actorKind: 'username', actorAlternates: [{ kind: 'okta' }] },
    });
  });
});
