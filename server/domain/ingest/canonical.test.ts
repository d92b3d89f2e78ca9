import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCanonicalNdjson } from './canonical';
import { parseCanonicalCsv } from './canonical-csv';
import { IngestFileError } from './errors';
import { chunked, collect, events, expectWellFormed, rejections } from './test-support';

const good = {
  event_id: 'sc-1',
  occurred_at: '2026-09-17T22:14:03+02:00',
  actor: 'Maria.Santos@Vendor.example',
  system: 'Support Console',
  action: 'customer.export',
  resource: 'customer/88412',
  record_count: 412,
  ticket_id: 'SUP-1234',
  ip: '203.0.113.9',
  country: 'ph',
  city: 'Manila',
  device_id: 'dev-7',
  user_agent: 'Mozilla/5.0',
  session_id: 's-1',
  outcome: 'success',
};

describe('parseCanonicalNdjson', () => {
  it('maps a full canonical event', async () => {
    const [result] = await collect(parseCanonicalNdjson([JSON.stringify(good)]));
    expect(result).toEqual({
      ok: true,
      line: 1,
      event: {
        sourceEventId: 'sc-1',
        source: 'canonical',
        occurredAt: new Date('2026-09-17T20:14:03Z'),
        actor: 'Maria.Santos@Vendor.example',
        actorKind: 'email',
        actorAlternates: [],
        system: 'Support Console',
        action: 'customer.export',
        resource: 'customer/88412',
        recordCount: 412,
        ticketId: 'SUP-1234',
        ip: '203.0.113.9',
        country: 'PH',
        city: 'Manila',
        lat: null,
        lon: null,
        deviceId: 'dev-7',
        userAgent: 'Mozilla/5.0',
        sessionId: 's-1',
        outcome: 'success',
        isProxy: null,
        raw: good,
        rawJson: JSON.stringify(good),
      },
    });
  });

  it('rejects bad rows with their line and every reason, and keeps the good ones', async () => {
    const minimal = {
      event_id: 'e',
      occurred_at: '2026-01-01T00:00:00Z',
      actor: 'jdoe',
      system: 'Vault',
      action: 'document.download',
    };
    const rows = [
      minimal,
      { ...minimal, event_id: undefined, actor: '' },
      { ...minimal, occurred_at: '2026-01-01 10:00' },
      { ...minimal, occurred_at: '2026-02-30T00:00:00Z' },
      { ...minimal, occurred_at: '2026-01-01T00:00:00' },
      { ...minimal, record_count: -3 },
      { ...minimal, record_count: 1.5 },
      { ...minimal, outcome: 'maybe' },
      { ...minimal, colour: 'red' },
      { ...minimal, ip: '999.1.1.1', country: 'Atlantis' },
      { ...minimal, actor: { name: 'x' } },
      { ...minimal, record_count: '7', country: 'Germany', outcome: 'FAILURE' },
    ];
    const text = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n\n[1,2]\nnot json\n`;
    const results = await collect(parseCanonicalNdjson(chunked(text, 5)));
    expect(rejections(results)).toEqual([
      { line: 2, reason: 'event_id is required; actor is required' },
      {
        line: 3,
        reason: 'occurred_at "2026-01-01 10:00" is not an RFC 3339 time with an offset',
      },
      {
        line: 4,
        reason: 'occurred_at "2026-02-30T00:00:00Z" is not an RFC 3339 time with an offset',
      },
      {
        line: 5,
        reason: 'occurred_at "2026-01-01T00:00:00" is not an RFC 3339 time with an offset',
      },
      { line: 6, reason: 'record_count "-3" must be a whole number of 0 or more' },
      { line: 7, reason: 'record_count "1.5" must be a whole number of 0 or more' },
      { line: 8, reason: 'outcome "maybe" must be success or failure' },
      { line: 9, reason: 'unknown field "colour"' },
      {
        line: 10,
        reason:
          'ip "999.1.1.1" is not an IP address; country "Atlantis" is not an ISO 3166 country',
      },
      { line: 11, reason: 'actor must be a string; actor is required' },
      { line: 14, reason: 'expected a JSON object, found an array' },
      { line: 15, reason: expect.stringMatching(/^not valid JSON: /) as unknown as string },
    ]);
    const list = events(results);
    expectWellFormed(list);
    expect(list.map((e) => [e.line, e.actorKind, e.recordCount, e.country, e.outcome])).toEqual([
      [1, 'username', 1, null, 'success'],
      [12, 'username', 7, 'DE', 'failure'],
    ]);
  });

  it('refuses an event_id too long to be a dedupe key instead of clipping it', async () => {
    const row = { ...good, event_id: 'x'.repeat(600) };
    const [result] = await collect(parseCanonicalNdjson([JSON.stringify(row)]));
    expect(result).toMatchObject({ ok: false, reason: 'event_id is longer than 512 characters' });
  });

  it('clips absurdly long optional strings instead of storing them', async () => {
    const row = { ...good, user_agent: 'A'.repeat(100_000) };
    const [result] = await collect(parseCanonicalNdjson([JSON.stringify(row)]));
    expect(result?.ok && result.event.userAgent?.length).toBe(1024);
  });
});

describe('parseCanonicalCsv', () => {
  const header = 'occurred_at,event_id,actor,system,action,record_count,outcome,country,ticket_id';

  it('reads rows in any column order, gzipped, with multi-line cells', async () => {
    const csv = [
      `\uFEFF${header}`,
      '2026-09-17T08:00:00Z,a1,maria@vendor.example,Support Console,customer.view,3,success,PH,',
      '',
      '2026-09-17T08:01:00Z,a2,jdoe,Support Console,"customer.note',
      'edit",,,,SUP-9',
    ].join('\n');
    for (const input of [chunked(csv, 9), [gzipSync(csv)]]) {
      const results = await collect(parseCanonicalCsv(input));
      expect(rejections(results)).toEqual([]);
      expect(
        events(results).map((e) => [e.line, e.actor, e.action, e.recordCount, e.ticketId]),
      ).toEqual([
        [2, 'maria@vendor.example', 'customer.view', 3, null],
        [5, 'jdoe', 'customer.note\nedit', 1, 'SUP-9'],
      ]);
    }
  });

  it('reads CRLF files', async () => {
    const csv = `${header}\r\n2026-09-17T08:00:00Z,d1,m,S,a,1,success,,\r\n2026-09-17T08:00:00Z,d2,m,S,a,,,,\r\n`;
    const results = await collect(parseCanonicalCsv(chunked(csv, 4)));
    expect(results.map((r) => [r.line, r.ok && r.event.sourceEventId])).toEqual([
      [2, 'd1'],
      [3, 'd2'],
    ]);
  });

  it('rejects bad rows by line and keeps going', async () => {
    const csv = [
      header,
      '2026-09-17T08:00:00Z,b1,maria,S,a,1,success,,',
      ',b2,maria,S,a,1,success,,', // missing time
      'yesterday,b3,maria,S,a,1,success,,',
      '2026-09-17T08:00:00Z,b4,maria,S,a,-1,success,,',
      '2026-09-17T08:00:00Z,b5,maria,S,a,1,perhaps,,',
      '2026-09-17T08:00:00Z,b6,maria,S,a', // too few cells
      '2026-09-17T08:00:00Z,b7,,S,a,1,success,XX,',
      '2026-09-17T08:00:00Z,b8,maria,S,a,1,failure,GB,T-1',
    ].join('\n');
    const results = await collect(parseCanonicalCsv([csv]));
    expect(rejections(results)).toEqual([
      { line: 3, reason: 'occurred_at is required' },
      { line: 4, reason: 'occurred_at "yesterday" is not an RFC 3339 time with an offset' },
      { line: 5, reason: 'record_count "-1" must be a whole number of 0 or more' },
      { line: 6, reason: 'outcome "perhaps" must be success or failure' },
      { line: 7, reason: 'the row does not have as many cells as the header' },
      { line: 8, reason: 'actor is required; country "XX" is not an ISO 3166 country' },
    ]);
    expect(events(results).map((e) => e.sourceEventId)).toEqual(['b1', 'b8']);
  });

  it.each([
    [`${header},colour\n`, /^Unknown column "colour"\. Allowed: event_id, /],
    ['event_id,actor,system,action\n', /^Missing required column: occurred_at\.$/],
    ['event_id,event_id,occurred_at,actor,system,action\n', /appears more than once/],
  ])('refuses a bad header as one file error: %j', async (csv, message) => {
    await expect(collect(parseCanonicalCsv([csv]))).rejects.toThrow(message);
    await expect(collect(parseCanonicalCsv([csv]))).rejects.toBeInstanceOf(IngestFileError);
  });

  it('reports an unclosed quote by line without losing earlier rows', async () => {
    const csv = `${header}\n2026-09-17T08:00:00Z,c1,m,S,a,1,success,,\n2026-09-17T08:00:00Z,"c2,m,S,a,1,success,,\n`;
    const results = await collect(parseCanonicalCsv([csv]));
    expect(results.map((r) => (r.ok ? r.event.sourceEventId : r.reason))).toEqual([
      'c1',
      'a quoted cell is never closed',
    ]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await collect(parseCanonicalCsv(['']))).toEqual([]);
    expect(await collect(parseCanonicalCsv([]))).toEqual([]);
  });
});
