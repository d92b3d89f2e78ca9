import canonicalize from 'canonicalize';
import { sha256Hex } from '../auth/secrets';
import type { Answers, AttestationTemplate } from './template';

/**
 * What a signer saw and answered, exactly: the template as shown (title, body, questions), who
 * signed, their answers, typed signature and time. Its SHA-256 over canonical JSON (RFC 8785)
 * is stored with the signature, so evidence can prove later that nothing was changed.
 */
export interface SignedAttestation {
  requestId: string;
  template: AttestationTemplate;
  signer: { name: string; email: string };
  answers: Answers;
  typedSignature: string;
  signedAt: string;
}

export function signedAttestationJson(doc: SignedAttestation): string {
  const json = canonicalize(doc);
  if (json === undefined) throw new Error('An attestation must serialize to JSON');
  return json;
}

export function hashSignedAttestation(doc: SignedAttestation): string {
  return sha256Hex(signedAttestationJson(doc));
}

/** A typed signature must be the signer's name as they would write it, not a checkbox. */
export function typedSignatureMatches(typed: string, fullName: string): boolean {
  const norm = (s: string) =>
    s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
  return norm(typed).length >= 2 && norm(typed) === norm(fullName);
}
