import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The SSO stand-ins the suite runs on 127.0.0.1 (e2e/sso-oidc.spec.ts, e2e/sso-saml.spec.ts).
 * The web server's environment is fixed when it starts, so the ports, the OIDC client and the
 * SAML IdP's key are known here, before it starts; the specs start the providers themselves.
 */
export function ssoPorts(appPort: number) {
  return { oidc: appPort + 18, saml: appPort + 19 };
}

/** The SSO specs' organization and members (e2e/seed-sso.ts), apart from the demo's. */
export const SSO_ORG = { slug: 'sso-e2e', name: 'Single Sign-On Test Co' };
export const SSO_PASSWORD = 'sso-e2e-correct-horse-battery';
export const SSO_USERS = {
  admin: { email: 'sso-admin@sso-e2e.test', name: 'Ines Break-Glass', role: 'admin' },
  member: { email: 'sso-member@sso-e2e.test', name: 'Sam Member', role: 'compliance' },
  disabled: { email: 'sso-gone@sso-e2e.test', name: 'Gene Gone', role: 'auditor' },
} as const;

export const OIDC_CLIENT = { id: 'vigil-e2e', secret: 'e2e-only-oidc-client-secret-0123456789' };

const KEYS_FILE = path.join('.data', 'e2e-sso', 'saml-idp-keys.json');

/**
 * The stand-in SAML IdP's self-signed key and certificate, made once (selfsigned, in a child
 * process because the config must be synchronous) and shared by the config, which hands the
 * certificate to the server, and the spec, which signs with the key.
 */
export function samlIdpKeys(): { privateKey: string; cert: string } {
  if (!existsSync(KEYS_FILE)) {
    mkdirSync(path.dirname(KEYS_FILE), { recursive: true });
    const json = execFileSync(process.execPath, [
      '-e',
      `require('selfsigned').generate([{ name: 'commonName', value: 'stand-in-idp.test' }], { keySize: 2048, algorithm: 'sha256' })
        .then((p) => process.stdout.write(JSON.stringify({ privateKey: p.private, cert: p.cert })))`,
    ]).toString('utf8');
    writeFileSync(KEYS_FILE, json);
  }
  return JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { privateKey: string; cert: string };
}

/** The webServer environment that turns on both SSO providers against the stand-ins. */
export function ssoServerEnv(appPort: number): Record<string, string> {
  const ports = ssoPorts(appPort);
  return {
    OIDC_ISSUER: `http://127.0.0.1:${ports.oidc}`,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    OIDC_NAME: 'Stand-in OIDC',
    SAML_ENTRY_POINT: `http://127.0.0.1:${ports.saml}/sso`,
    SAML_IDP_CERT: samlIdpKeys().cert,
    SAML_NAME: 'Stand-in SAML',
  };
}
