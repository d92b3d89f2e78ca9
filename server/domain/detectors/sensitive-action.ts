// Which actions touch sensitive records (customers, KYC documents, secrets, funds): the detectors
// for bulk access, volume and missing tickets weigh only these (docs/DETECTORS.md §Signal kinds).
const SENSITIVE =
  /(customer|client|kyc|document|passport|identity|pii|export|secret|wallet|payment|payee)/i;
const SENSITIVE_RESOURCE = /^(cust|customer|kyc|doc)[-_:]/i;

/**
 * The same rule as case-insensitive POSIX patterns (PostgreSQL `~*`), for reads that count
 * sensitive events in SQL (the signal page's baseline chart) rather than in the detectors.
 */
export const SENSITIVE_SQL_PATTERNS = {
  action: SENSITIVE.source,
  resource: SENSITIVE_RESOURCE.source,
};

export function isSensitiveAction(action: string, resource: string | null): boolean {
  return SENSITIVE.test(action) || (resource !== null && SENSITIVE_RESOURCE.test(resource));
}
