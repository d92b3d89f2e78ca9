import { describe, expect, it } from 'vitest';
import { createConnectorSchema } from './inputs';

describe('createConnectorSchema', () => {
  it('parses an Okta connector with defaults', () => {
    const parsed = createConnectorSchema.parse({
      kind: 'okta',
      name: ' Okta prod ',
      secret: '00abcdefghijklmnop',
      settings: { url: 'https://acme.okta.com/' },
    });
    expect(parsed).toMatchObject({
      kind: 'okta',
      name: 'Okta prod',
      intervalMinutes: 15,
      settings: { url: 'https://acme.okta.com', pageSize: 1000 },
    });
  });
  it('refuses an unknown kind, a short token and a bad interval', () => {
    const base = { name: 'x', secret: '00abcdefghijk', settings: { url: 'https://a.okta.com' } };
    expect(createConnectorSchema.safeParse({ ...base, kind: 'splunk' }).success).toBe(false);
    expect(
      createConnectorSchema.safeParse({ ...base, kind: 'okta', secret: 'short' }).success,
    ).toBe(false);
    expect(
      createConnectorSchema.safeParse({ ...base, kind: 'okta', intervalMinutes: 0 }).success,
    ).toBe(false);
  });
});
