import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';
import { oidcProviders } from './options';
import { samlProviders } from './saml-provider';

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
    [{ SAML_ENTRY_POINT: 'https://idp.example.com/sso' }, /SAML_ENTRY_POINT and SAML_IDP_CERT/],
    [{ SAML_ENTRY_POINT: 'https://idp.example.com/sso', SAML_IDP_CERT: 'MIIC' }, /NEXTAUTH_URL/],
    [{ SAML_CLOCK_SKEW_SECONDS: '3600' }, /SAML_CLOCK_SKEW_SECONDS/],
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

  it('enables the SAML provider only when entry point, certificate and NEXTAUTH_URL are set', () => {
    expect(samlProviders(parseEnv({}))).toEqual([]);
    const [provider] = samlProviders(
      parseEnv({
        NEXTAUTH_URL: 'https://vigil.example.com',
        SAML_ENTRY_POINT: 'https://idp.example.com/sso',
        SAML_IDP_CERT: 'MIIC',
        SAML_NAME: 'Entra ID',
      }),
    );
    // next-auth applies a provider's options over its defaults when it loads it.
    expect(provider).toMatchObject({
      type: 'credentials',
      options: { id: 'saml', name: 'Entra ID' },
    });
  });
});
