import { describe, expect, it } from 'vitest';
import { hecBody, hecEndpoint, hecOutcome } from './hec';
import { testRecord } from './records';

describe('Splunk HEC', () => {
  it('builds one JSON object per record with time in epoch seconds', () => {
    const r = testRecord({ id: 'o', slug: 'acme' }, 'id-1', new Date('2026-12-01T10:00:00.250Z'));
    const body = hecBody([r, r], { host: 'vigil.example.com', sourcetype: 'vigil:event' });
    const lines = body.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      time: 1796119200.25,
      host: 'vigil.example.com',
      source: 'vigil',
      sourcetype: 'vigil:event',
      event: r.body,
    });
    expect(
      JSON.parse(hecBody([r], { host: 'h', sourcetype: 's', index: 'sec' })) as object,
    ).toMatchObject({ index: 'sec' });
  });

  it('posts to /services/collector/event', () => {
    expect(hecEndpoint('https://splunk:8088/')).toBe(
      'https://splunk:8088/services/collector/event',
    );
  });

  it('accepts code 0 only; 503, 429 and code 9 mean busy', () => {
    expect(hecOutcome(200, '{"text":"Success","code":0}')).toEqual({ ok: true });
    expect(hecOutcome(503, '{"text":"Server is busy","code":9}')).toMatchObject({
      ok: false,
      busy: true,
    });
    expect(hecOutcome(429, '')).toMatchObject({ ok: false, busy: true });
    expect(hecOutcome(200, '{"text":"Server is busy","code":9}')).toMatchObject({ busy: true });
    const bad = hecOutcome(403, '{"text":"Invalid token","code":4}');
    expect(bad).toEqual({
      ok: false,
      busy: false,
      error: 'Splunk HEC answered HTTP 403 (code 4): Invalid token',
    });
  });
});
