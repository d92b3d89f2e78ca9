import { describe, expect, it } from 'vitest';
import { oktaCursorOf, oktaFirstUrl, oktaSettingsSchema, oktaUrlOfCursor } from './okta';

const settings = oktaSettingsSchema.parse({ url: 'https://acme.okta.com/some/path' });

describe('Okta settings', () => {
  it('keeps the origin only and defaults the page size and lookback', () => {
    expect(settings).toEqual({
      url: 'https://acme.okta.com',
      pageSize: 1000,
      initialLookbackHours: 24,
    });
    expect(oktaSettingsSchema.parse({ url: 'http://127.0.0.1:9999' }).url).toBe(
      'http://127.0.0.1:9999',
    );
  });
  it('refuses what is not a URL', () => {
    expect(oktaSettingsSchema.safeParse({ url: 'acme.okta.com' }).success).toBe(false);
    expect(oktaSettingsSchema.safeParse({ url: 'ftp://acme.okta.com' }).success).toBe(false);
  });
});

describe('Okta cursor', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('starts a polling query: since the lookback, ascending', () => {
    const url = new URL(oktaFirstUrl(settings, now));
    expect(url.pathname).toBe('/api/v1/logs');
    expect(url.searchParams.get('since')).toBe('2026-12-06T10:00:00.000Z');
    expect(url.searchParams.get('sortOrder')).toBe('ASCENDING');
    expect(url.searchParams.get('limit')).toBe('1000');
  });
  it('stores the next link as path and query, replayed on the configured origin', () => {
    const cursor = oktaCursorOf('https://acme.okta.com/api/v1/logs?after=abc&limit=10', settings);
    expect(cursor).toBe('/api/v1/logs?after=abc&limit=10');
    expect(oktaUrlOfCursor(cursor, settings, now)).toBe(
      'https://acme.okta.com/api/v1/logs?after=abc&limit=10',
    );
  });
  it('refuses a next link to another host or path', () => {
    expect(oktaCursorOf('https://evil.example/api/v1/logs?after=x', settings)).toBeNull();
    expect(oktaCursorOf('https://acme.okta.com/api/v1/users', settings)).toBeNull();
  });
});
