import { describe, expect, it } from 'vitest';
import { parseOkta } from './okta';
import { collect, events, rejections } from './test-support';

// Shapes written from Okta's System Log API (LogEvent object); ids and names are examples.

const EVENT = {
  uuid: 'a6b0c1d2-e3f4-11ef-9a7b-0123456789ab',
  published: '2026-11-03T11:00:00.000Z',
  eventType: 'policy.rule.update',
  version: '0',
  severity: 'INFO',
  displayMessage: 'Update policy rule',
  actor: {
    id: '00u1abcdEXAMPLE',
    type: 'User',
    alternateId: 'admin@example.com',
    displayName: 'Ada Admin',
  },
  client: {
    userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' },
    zone: 'null',
    device: 'Computer',
    ipAddress: '203.0.113.30',
    geographicalContext: { city: 'London', country: 'United Kingdom' },
  },
  authenticationContext: { externalSessionId: '102abcEXAMPLE' },
  outcome: { result: 'SUCCESS' },
  target: [
    {
      id: '00p1policyEXAMPLE',
      type: 'PolicyEntity',
      alternateId: 'unknown',
      displayName: 'MFA for admins',
    },
    {
      id: '0pr1ruleEXAMPLE',
      type: 'PolicyRule',
      alternateId: '00p1policyEXAMPLE',
      displayName: 'Require MFA off-network',
    },
  ],
};

function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

async function parse(records: unknown[]) {
  return collect(parseOkta([records.map((r) => JSON.stringify(r)).join('\n')]));
}

describe('Okta: policy rule targets and SIEM exports', () => {
  it('stores a policy rule under its own name and id, not its parent policy id', async () => {
    const [e] = events(await parse([EVENT]));
    expect(e!.resource).toBe(
      'PolicyEntity MFA for admins; PolicyRule Require MFA off-network (0pr1ruleEXAMPLE)',
    );
  });

  it('reads records whose keys a SIEM pipeline lower-cased, keeping raw as received', async () => {
    const lowered = lowerKeys(EVENT) as Record<string, unknown>;
    expect(lowered).toHaveProperty('eventtype');
    const [original] = events(await parse([EVENT]));
    const results = await parse([lowered]);
    expect(rejections(results)).toEqual([]);
    const [e] = events(results);
    const { raw: _a, rawJson: _b, line: _c, ...expected } = original!;
    const { raw, rawJson: _d, line: _e, ...got } = e!;
    expect(got).toEqual(expected);
    expect(got).toMatchObject({
      actor: 'admin@example.com',
      actorAlternates: [{ kind: 'okta', value: '00u1abcdEXAMPLE' }],
      ip: '203.0.113.30',
      country: 'GB',
      sessionId: '102abcEXAMPLE',
    });
    expect(raw).toEqual(lowered);
  });

  it('reads snake_case keys too, and names what it found when there is no event type', async () => {
    const snake = { ...EVENT, event_type: EVENT.eventType, eventType: undefined };
    const [e] = events(await parse([snake]));
    expect(e!.action).toBe('policy.rule.update');
    const results = await parse([{ uuid: 'x', published: EVENT.published, message: 'hello' }]);
    expect(rejections(results)).toEqual([
      {
        line: 1,
        reason:
          'missing eventType (not an Okta System Log event? keys found: uuid, published, message)',
      },
    ]);
  });
});
