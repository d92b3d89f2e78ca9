import { GRANT_STATUSES } from '@/server/domain/access/grant';
import { CASE_STATUSES } from '@/server/domain/cases/case';
import { SEVERITIES, SIGNAL_KINDS } from '@/server/domain/detectors/types';
import { PERSON_STATUSES, PERSON_TYPES } from '@/server/domain/inventory/person';
import { VENDOR_STATUSES, VENDOR_TIERS } from '@/server/domain/inventory/vendor';
import { READ_PAGE_LIMIT } from '@/server/domain/read-api/inputs';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import { SIGNAL_STATUSES } from '@/server/domain/risk/person-input';
// Types only: openapi.ts imports this file's values.
import type { JsonSchema, Operation, Parameter, ResponseObject } from './openapi';
import { score, str } from './openapi-read-schemas';

// The read API's paths and security scheme in the OpenAPI document (docs/INTERFACES.md §HTTP read
// API); the answer schemas are in openapi-read-schemas.ts. Each path's parameters are those its
// query schema (server/domain/read-api/inputs.ts) accepts, which openapi.test.ts checks.

export const READ_SECURITY_SCHEME = 'readKey';

const query = (name: string, description: string, schema: JsonSchema): Parameter => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
/** Comma-separated values of an enum, any of which matches. */
const anyOf = (name: string, values: readonly string[], what: string): Parameter => ({
  ...query(name, `${what}: one or more, comma-separated (any matches).`, {
    type: 'array',
    items: { type: 'string', enum: values },
  }),
  style: 'form',
  explode: false,
});
const uuidQuery = (name: string, description: string) =>
  query(name, description, { type: 'string', format: 'uuid' });
const timeQuery = (name: string, description: string) =>
  query(
    name,
    `${description} RFC 3339 with an offset, or a date (midnight UTC).`,
    str('', { examples: ['2026-09-17T00:00:00Z', '2026-09-17'] }),
  );
const paging: Parameter[] = [
  query('limit', 'Rows per page.', {
    type: 'integer',
    minimum: READ_PAGE_LIMIT.min,
    maximum: READ_PAGE_LIMIT.max,
    default: READ_PAGE_LIMIT.default,
  }),
  query(
    'cursor',
    'The previous page’s `nextCursor`, as given (opaque). Keep the other parameters the same.',
    { type: 'string' },
  ),
];

const rateHeaders = {
  'X-RateLimit-Limit': {
    description: 'Read requests this key may make per minute.',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: 'Read requests left in the current minute.',
    schema: { type: 'integer' },
  },
} as const;
const error = (description: string, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function read(
  operationId: string,
  summary: string,
  description: string,
  page: string,
  filters: Parameter[],
): { get: Operation } {
  return {
    get: {
      operationId,
      summary,
      description: `${description}\n\nKeyset-paged: follow \`nextCursor\` until it is null. Runs in the key’s organization only. Not audited.`,
      tags: ['read'],
      security: [{ [READ_SECURITY_SCHEME]: [] }],
      parameters: [...filters, ...paging],
      responses: {
        '200': {
          description: 'One page.',
          headers: rateHeaders,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${page}` } } },
        },
        '400': error(
          'A bad parameter or cursor, an unknown or repeated parameter; `error.fields` lists the problems by parameter.',
          rateHeaders,
        ),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': error('The API key is valid but lacks the `read` scope.'),
        '429': error('Too many read requests for this key in the current minute.', {
          ...rateHeaders,
          'Retry-After': {
            description: 'Seconds until the key may read again.',
            required: true,
            schema: { type: 'integer', minimum: 1 },
          },
        }),
        '500': error('An unexpected failure; retrying is safe.'),
      },
    },
  };
}

export const readPaths: Record<string, { get: Operation }> = {
  '/api/v1/people': read(
    'listPeople',
    'People',
    'People alphabetically (case-insensitive name, then id).',
    'PersonPage',
    [
      anyOf('type', PERSON_TYPES, 'Person type'),
      anyOf('status', PERSON_STATUSES, '`active`, or `left` once the end date has passed'),
      uuidQuery('vendorId', 'Only this vendor’s people.'),
      query('q', 'Part of the name or email (case-insensitive).', { type: 'string' }),
    ],
  ),
  '/api/v1/vendors': read(
    'listVendors',
    'Vendors',
    'Vendors alphabetically (case-insensitive name, then id).',
    'VendorPage',
    [anyOf('tier', VENDOR_TIERS, 'Tier'), anyOf('status', VENDOR_STATUSES, 'Status')],
  ),
  '/api/v1/grants': read(
    'listGrants',
    'Access requests and grants',
    'Access requests and grants, newest request first.',
    'GrantPage',
    [
      uuidQuery('personId', 'Only this person’s.'),
      uuidQuery('systemId', 'Only on this system.'),
      anyOf('status', GRANT_STATUSES, 'Status'),
    ],
  ),
  '/api/v1/signals': read(
    'listSignals',
    'Signals',
    'Signals, newest first by when Vigil raised them (`createdAt`).',
    'SignalPage',
    [
      anyOf('status', SIGNAL_STATUSES, 'Triage status'),
      anyOf('severity', SEVERITIES, 'Severity'),
      anyOf('kind', SIGNAL_KINDS, 'Detector kind'),
      uuidQuery('personId', 'Only about this person.'),
      timeQuery('since', 'Raised at or after this time.'),
      timeQuery('until', 'Raised before this time.'),
    ],
  ),
  '/api/v1/cases': read('listCases', 'Cases', 'Cases, newest opened first.', 'CasePage', [
    anyOf('status', CASE_STATUSES, 'Status'),
    query(
      'assignee',
      'The assignee’s user id or email, or `none` for unassigned cases.',
      str('', { examples: ['none', 'ana@acme.test'] }),
    ),
  ]),
  '/api/v1/risk/people': read(
    'listPersonRisk',
    'Person risk scores',
    'Current person risk scores, riskiest first (docs: Risk). People not yet scored are absent.',
    'PersonRiskPage',
    [
      anyOf('band', RISK_BANDS, 'Band of the higher score'),
      query('minScore', 'Only people whose higher score is at least this.', score('')),
    ],
  ),
  '/api/v1/audit': read(
    'listAuditEntries',
    'Audit log',
    'The organization’s audit log, newest first (by `seq`).',
    'AuditEntryPage',
    [
      query('action', 'An action (`case.opened`), or a prefix ending in `*` (`access.*`).', {
        type: 'string',
      }),
      query('entityType', 'What it was done to (`person`, `case` …).', { type: 'string' }),
      query('entityId', 'The id of what it was done to.', { type: 'string' }),
      timeQuery('since', 'At or after this time.'),
      timeQuery('until', 'Before this time.'),
    ],
  ),
};

export const readSecurityScheme = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'vgl_<prefix>_<secret>',
  description:
    'An API key holding the `read` scope (Settings → API keys), as `Authorization: Bearer vgl_…`. Reads are rate-limited per key (`VIGIL_READ_RATE_PER_MINUTE`, default 120 a minute), apart from ingest.',
} as const;
