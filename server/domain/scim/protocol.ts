/** SCIM 2.0's schema URNs and protocol messages (RFC 7643, RFC 7644; docs/SCIM.md). */
export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** The `scimType` values of RFC 7644 §3.12. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A refusal to answer in SCIM's error schema (RFC 7644 §3.12). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
export const notFound = (detail: string) => new ScimError(404, null, detail);

export interface ScimErrorBody {
  schemas: [typeof SCIM.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** The body of an error: `status` is a string, as in the RFC's examples. */
export function scimErrorBody(status: number, scimType: ScimType | null, detail: string) {
  const body: ScimErrorBody = { schemas: [SCIM.error], status: String(status), detail };
  if (scimType) body.scimType = scimType;
  return body;
}

/** A ListResponse (RFC 7644 §3.4.2): `startIndex` is 1-based. */
export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return {
    schemas: [SCIM.list],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * A boolean as identity providers send it: Entra ID sends `"True"`/`"False"` as strings
 * (docs/SCIM.md §Quirks). Anything else is not a boolean.
 */
export function scimBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return null;
}

/** startIndex and count (RFC 7644 §3.4.2.4): below 1 counts as 1, a negative count as 0. */
export function pageOf(
  startIndex: string | null,
  count: string | null,
  maxCount: number,
): { startIndex: number; count: number } {
  const int = (v: string | null) => (v !== null && /^-?\d+$/.test(v.trim()) ? Number(v) : null);
  const start = int(startIndex);
  const n = int(count);
  if ((startIndex !== null && start === null) || (count !== null && n === null))
    throw invalidValue('startIndex and count must be integers.');
  return {
    startIndex: Math.max(1, start ?? 1),
    count: Math.min(maxCount, Math.max(0, n ?? maxCount)),
  };
}
