import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ssoTickets } from '@/db/schema';
import { getEnv, resetEnvForTests } from '@/server/env';
import {
  completeSamlSignIn,
  samlEndpoints,
  samlServiceProvider,
} from '@/server/services/auth/saml';
import { redeemSsoTicket } from '@/server/services/auth/sso-tickets';
import { setMemberStatus } from '@/server/services/tenancy/members';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import {
  readAuthnRequest,
  samlKeys,
  samlResponse,
  type ResponseOptions,
  type SamlKeys,
} from '../helpers/saml-idp';

let teardown: () => Promise<void>;
let org: TestOrg;
let keys: SamlKeys;
let otherKeys: SamlKeys;
const meta = { requestId: 'req-saml', ip: '203.0.113.7' };
const saved = { ...process.env };

/** A fresh AuthnRequest from the SP, as the login route sends it. */
async function newRequestId(): Promise<string> {
  const url = await samlServiceProvider()!.getAuthorizeUrlAsync('', undefined, {});
  const request = readAuthnRequest(url);
  expect(request.acsUrl).toBe(samlEndpoints(getEnv()).acsUrl);
  return request.id;
}

async function respond(email: string, change: Partial<ResponseOptions> = {}) {
  const { acsUrl, entityId } = samlEndpoints(getEnv());
  const body = samlResponse({
    keys,
    inResponseTo: await newRequestId(),
    acsUrl,
    audience: entityId,
    email,
    ...change,
  });
  return { body, result: await completeSamlSignIn(body, meta) };
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('acme');
  [keys, otherKeys] = await Promise.all([samlKeys(), samlKeys()]);
  process.env.NEXTAUTH_URL = 'http://localhost:3999';
  process.env.SAML_ENTRY_POINT = 'http://127.0.0.1:9/sso';
  process.env.SAML_IDP_CERT = keys.cert;
  resetEnvForTests();
});
afterAll(async () => {
  process.env = saved;
  resetEnvForTests();
  await teardown();
});

describe('SAML sign-in', () => {
  it('accepts a signed assertion answering our request, and its ticket opens a session once', async () => {
    const { result } = await respond('admin@acme.test');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const redeemed = await redeemSsoTicket(result.ticket);
    expect(redeemed).toMatchObject({ user: { email: 'admin@acme.test' }, orgId: org.id });
    expect(await redeemSsoTicket(result.ticket)).toBeNull();
    const [entry] = await asOwner((tx) =>
      tx
        .select({ after: auditLog.after, ip: auditLog.ip })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'auth.sign_in_sso'))),
    );
    expect(entry).toEqual({ after: { method: 'saml' }, ip: '203.0.113.7' });
  });

  it('refuses the same response posted again (InResponseTo answers once)', async () => {
    const { body, result } = await respond('admin@acme.test');
    expect(result.ok).toBe(true);
    expect(await completeSamlSignIn(body, meta)).toMatchObject({
      ok: false,
      code: 'SsoInvalidResponse',
    });
  });

  it('refuses two parallel posts of one response but one', async () => {
    const { acsUrl, entityId } = samlEndpoints(getEnv());
    const body = samlResponse({
      keys,
      inResponseTo: await newRequestId(),
      acsUrl,
      audience: entityId,
      email: 'admin@acme.test',
    });
    const results = await Promise.all([1, 2, 3].map(() => completeSamlSignIn(body, meta)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it.each<[string, Partial<ResponseOptions>, RegExp]>([
    ['unsigned', { sign: 'none' }, /signature/i],
    ['signed by another key', { keys: undefined }, /signature/i],
    [
      'changed after signing',
      { tamper: (xml) => xml.replace(/admin@acme\.test/g, 'auditor@acme.test') },
      /signature/i,
    ],
    ['for another audience', { audience: 'https://other-sp.example' }, /audience/i],
    ['for another recipient', { recipient: 'https://evil.example/acs' }, /Recipient/],
    [
      'expired (ten minutes old)',
      { skewMs: -10 * 60_000 },
      /expired|No valid subject confirmation/i,
    ],
    ['from the future beyond the skew', { skewMs: 3 * 60_000 }, /not yet valid|NotBefore/i],
  ])('refuses a response %s', async (_label, change, detail) => {
    const tweak = 'keys' in change ? { ...change, keys: otherKeys } : change;
    const { result } = await respond('admin@acme.test', tweak);
    expect(result).toMatchObject({ ok: false, code: 'SsoInvalidResponse' });
    if (!result.ok) expect(result.detail).toMatch(detail);
  });

  it('accepts clocks apart by less than the configured skew', async () => {
    expect((await respond('admin@acme.test', { skewMs: 30_000 })).result.ok).toBe(true);
  });

  it('refuses a response to a request we never sent, or to none', async () => {
    const { acsUrl, entityId } = samlEndpoints(getEnv());
    for (const inResponseTo of ['_never-sent', null]) {
      const body = samlResponse({
        keys,
        inResponseTo,
        acsUrl,
        audience: entityId,
        email: 'admin@acme.test',
      });
      expect(await completeSamlSignIn(body, meta)).toMatchObject({
        ok: false,
        code: 'SsoInvalidResponse',
      });
    }
  });

  it('refuses an unknown email and a disabled member, each with its own code', async () => {
    expect((await respond('stranger@acme.test')).result).toMatchObject({
      ok: false,
      code: 'SsoUnknownAccount',
    });
    await setMemberStatus(actorFor(org, 'admin'), {
      userId: org.users.auditor.id,
      status: 'disabled',
    });
    expect((await respond('auditor@acme.test')).result).toMatchObject({
      ok: false,
      code: 'SsoNoMembership',
    });
  });

  it('refuses an expired or malformed ticket', async () => {
    const { result } = await respond('manager@acme.test');
    if (!result.ok) throw new Error('expected a ticket');
    await asOwner((tx) => tx.update(ssoTickets).set({ expiresAt: new Date(Date.now() - 1000) }));
    expect(await redeemSsoTicket(result.ticket)).toBeNull();
    expect(await redeemSsoTicket('not-a-ticket')).toBeNull();
  });

  it('publishes SP metadata naming the ACS and entity id', () => {
    const xml = samlServiceProvider()!.generateServiceProviderMetadata(null, null);
    const { acsUrl, entityId } = samlEndpoints(getEnv());
    expect(xml).toContain(`entityID="${entityId}"`);
    expect(xml).toContain(`Location="${acsUrl}"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
  });
});
