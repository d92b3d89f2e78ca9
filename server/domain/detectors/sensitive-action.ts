// Which actions touch sensitive records (customers, KYC documents, secrets, funds): the detectors
// for bulk access, volume and missing tickets weigh only these (docs/DETECTORS.md §Signal kinds).
const SENSITIVE =
  /(customer|client|kyc|document|passport|identity|pii|export|secret|wallet|payment|payee)/i;

export function isSensitiveAction(action: string, resource: string | null): boolean {
  return (
    SENSITIVE.test(action) || (resource !== null && /^(cust|customer|kyc|doc)[-_:]/i.test(resource))
  );
}
