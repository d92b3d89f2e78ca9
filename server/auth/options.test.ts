import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';
import { oidcProviders } from './options';

describe('configuration', () => {
  it('enables the OIDC provider only when issuer, client id and secret are all set', () => {
    expect(oidcProviders(parseEnv({}))).toEqual([]);
    const [provider] = oidcProviders(
      parseEnv({
        OIDC_ISSUER: 'https://id.example.com/',
        OIDC_CLIENT_ID: 'vigil',
        OIDC_CLIENT_SECRET: 's3cret',
        OIDC_NAME: 'Okta',
      }),
    );
    expect(provider).toMatchObject({
      id: 'oidc',
      name: 'Okta',
      type: 'oauth',
      wellKnown: 'https://id.example.com/.well-known/openid-configuration',
      checks: ['pkce', 'state'],
    });
    expect(provider?.profile({ sub: 'u1', email: 'a@b.co', name: 'A' }, {})).toEqual({
      id: 'u1',
      email: 'a@b.co',
      name: 'A',
    });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://id.example.com' }, /must be set together/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ NEXTAUTH_SECRET: 'short' }, /NEXTAUTH_SECRET/],
    [{ SESSION_MAX_AGE_HOURS: 'forever' }, /SESSION_MAX_AGE_HOURS/],
    [{ LOGIN_MAX_FAILURES: '0' }, /LOGIN_MAX_FAILURES/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => parseEnv(env)).toThrow(message);
  });

  it('treats empty values as unset and applies defaults', () => {
    expect(parseEnv({ DATABASE_URL: '', SESSION_MAX_AGE_HOURS: '' })).toMatchObject({
      SESSION_MAX_AGE_HOURS: 8,
      LOGIN_MAX_FAILURES: 5,
      VIGIL_DATA_DIR: '.data',
    });
  });
});
