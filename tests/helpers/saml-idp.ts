import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';

/**
 * A stand-in SAML 2.0 identity provider on 127.0.0.1: it reads the SP's AuthnRequest
 * (HTTP-Redirect binding), and answers with a Response whose assertion it signs with a
 * self-signed key made at test time (xml-crypto, RSA-SHA256, exclusive c14n). Tests choose the
 * subject and can break any part of the response on purpose.
 */
export interface SamlKeys {
  privateKey: string;
  cert: string;
}

export async function samlKeys(): Promise<SamlKeys> {
  const pems = await generate([{ name: 'commonName', value: 'stand-in-idp.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { privateKey: pems.private, cert: pems.cert };
}

export interface AuthnRequestInfo {
  id: string;
  acsUrl: string | null;
  issuer: string | null;
}

/** The request inside a redirect-binding URL (`?SAMLRequest=` deflated, base64). */
export function readAuthnRequest(url: string): AuthnRequestInfo {
  const raw = new URL(url).searchParams.get('SAMLRequest');
  if (!raw) throw new Error('no SAMLRequest');
  const xml = inflateRawSync(Buffer.from(raw, 'base64')).toString('utf8');
  return {
    id: /\sID="([^"]+)"/.exec(xml)?.[1] ?? '',
    acsUrl: /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? null,
    issuer: /<saml:Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? null,
  };
}

export interface ResponseOptions {
  keys: SamlKeys;
  inResponseTo: string | null;
  acsUrl: string;
  audience: string;
  email: string;
  issuer?: string;
  /** Shifts every timestamp (clock skew); the window is five minutes from the issue instant. */
  skewMs?: number;
  /** Recipient in SubjectConfirmationData (defaults to the ACS). */
  recipient?: string;
  sign?: 'assertion' | 'none';
  /** Changes the assertion after signing (a forged subject). */
  tamper?: (signedXml: string) => string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A SAML Response, base64, as the IdP's page would post it. */
export function samlResponse(o: ResponseOptions): string {
  const now = Date.now() + (o.skewMs ?? 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  const issuer = o.issuer ?? 'https://stand-in-idp.test';
  const assertionId = `_a${randomUUID().replace(/-/g, '')}`;
  const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${iso(now + 300_000)}" Recipient="${esc(o.recipient ?? o.acsUrl)}"${irt}/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(now - 5_000)}" NotOnOrAfter="${iso(now + 300_000)}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>${esc(o.email)}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
    `</saml:Assertion>`;
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r${randomUUID().replace(/-/g, '')}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(o.acsUrl)}"${irt}>` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${esc(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  if ((o.sign ?? 'assertion') === 'assertion') {
    const sig = new SignedXml({
      privateKey: o.keys.privateKey,
      publicCert: o.keys.cert,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: `//*[local-name(.)='Assertion']`,
      transforms: [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    sig.computeSignature(xml, {
      prefix: 'ds',
      location: {
        reference: `//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']`,
        action: 'after',
      },
    });
    xml = sig.getSignedXml();
  }
  if (o.tamper) xml = o.tamper(xml);
  return Buffer.from(xml, 'utf8').toString('base64');
}

export interface StandInIdp {
  url: string;
  keys: SamlKeys;
  /** Who the next sign-in asserts. */
  nextEmail: string;
  close(): Promise<void>;
}

/**
 * The IdP's web side: GET /sso shows a page with a Continue button that posts the signed
 * response to the ACS the request named, as a real IdP does after its own login.
 */
export async function startStandInIdp(opts: {
  keys: SamlKeys;
  audience: string;
  port?: number;
}): Promise<StandInIdp> {
  const idp = { nextEmail: '' } as StandInIdp;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/sso') {
      res.writeHead(404).end();
      return;
    }
    const request = readAuthnRequest(url.toString());
    const acsUrl = request.acsUrl ?? '';
    const body = samlResponse({
      keys: opts.keys,
      inResponseTo: request.id,
      acsUrl,
      audience: opts.audience,
      email: idp.nextEmail,
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Stand-in IdP</title><h1>Stand-in IdP</h1>` +
        `<p>Signed in as ${esc(idp.nextEmail)}</p>` +
        `<form method="post" action="${esc(acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${esc(body)}">` +
        `<button type="submit">Continue to Vigil</button></form>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  idp.url = `http://127.0.0.1:${port}/sso`;
  idp.keys = opts.keys;
  idp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return idp;
}
