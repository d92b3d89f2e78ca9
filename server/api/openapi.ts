import { CANONICAL_OPTIONAL, CANONICAL_REQUIRED } from '@/server/domain/ingest/canonical';
import { INGEST_FORMATS } from '@/server/domain/ingest/parse-events';
import { API_ERROR_CODES } from './http';
import type { IngestApiResponse, TicketIngestResponse } from './ingest-response';
import { READ_SECURITY_SCHEME, readPaths, readSecurityScheme } from './openapi-read';
import { readSchemas } from './openapi-read-schemas';
import type { Header, JsonSchema, OpenApiDocument, ResponseObject } from './openapi-types';
import { webhooksSection } from './openapi-webhooks';

type CanonicalField = (typeof CANONICAL_REQUIRED)[number] | (typeof CANONICAL_OPTIONAL)[number];

const text = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  description,
  ...extra,
});

// docs/INGEST.md §Canonical events. Keyed by the parser's own field list, so a field added
// to the parser does not compile until it is documented here.
const canonicalProperties: Record<CanonicalField, JsonSchema> = {
  event_id: text('Unique per source; the idempotency key (re-sending an event adds nothing).', {
    examples: ['sc-2026-09-17-000123'],
  }),
  occurred_at: text('When it happened: RFC 3339 with an offset.', {
    format: 'date-time',
    examples: ['2026-09-17T22:14:03Z'],
  }),
  actor: text('Email, username or any identifier of the person.', {
    examples: ['ada@acme.test'],
  }),
  system: text('System name (or alias) as registered in Vigil.', {
    examples: ['Support Console'],
  }),
  action: text(
    'What was done, e.g. `customer.view`, `customer.export`, `document.download`, `login`.',
    {
      examples: ['customer.view'],
    },
  ),
  resource: text('The record or object touched.'),
  record_count: {
    type: 'integer',
    minimum: 0,
    default: 1,
    description: 'Records touched by the action (a JSON number or a string of digits).',
  },
  ticket_id: text('The ticket or case that justifies the access.'),
  ip: text('Source IP address (v4 or v6).'),
  country: text('Country as ISO 3166-1 alpha-2.', { examples: ['GB'] }),
  city: text('City name.'),
  device_id: text('Device identifier or fingerprint.'),
  user_agent: text('User agent string.'),
  session_id: text('Session identifier.'),
  outcome: { type: 'string', enum: ['success', 'failure'], default: 'success' },
};

// Keyed by the response type's fields, so the schema and the handler's answer cannot drift apart.
const summaryProperties: Record<keyof IngestApiResponse, JsonSchema> = {
  batchId: { type: 'string', format: 'uuid', description: 'This request’s ingest batch.' },
  format: { type: 'string', enum: INGEST_FORMATS },
  received: { type: 'integer', minimum: 0, description: 'Records read from the body.' },
  inserted: { type: 'integer', minimum: 0, description: 'New events stored.' },
  duplicates: {
    type: 'integer',
    minimum: 0,
    description:
      'Valid events already stored (same source event id): a retried body is never double-counted.',
  },
  rejected: {
    type: 'array',
    maxItems: 100,
    description:
      'The first 100 rejected records with their line (or array element) number and reason; the rest of the body still landed.',
    items: { $ref: '#/components/schemas/Rejection' },
  },
  rejectedCount: { type: 'integer', minimum: 0, description: 'All rejected records.' },
  unresolvedActors: {
    type: 'integer',
    minimum: 0,
    description:
      'Actors in the new events not yet matched to a person (listed for an admin to link).',
  },
};

const ticketProperties: Record<string, JsonSchema> = {
  ticket_id: text(
    'The ticket id as events cite it; unique in the organization (case-insensitive).',
    {
      examples: ['SUP-1042'],
    },
  ),
  system: text('The system the ticket covers, as the logs name it.'),
  assignee_email: text('The agent the ticket is assigned to.', { examples: ['ana@acme.test'] }),
  resource_ids: {
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', description: '`;`-separated.' },
    ],
    description: 'Customer or record ids the ticket is about (as events name them in `resource`).',
  },
  opened_at: text('When the ticket was opened: RFC 3339 with an offset, or a date.'),
  closed_at: text('When it was solved or closed; blank or null while open.'),
  status: text(
    '`open`, `pending`, `solved` or `closed` (synonyms such as `new`, `on-hold`, `resolved` are folded in); default `closed` when `closed_at` is given, else `open`.',
  ),
};

const ticketSummaryProperties: Record<keyof TicketIngestResponse, JsonSchema> = {
  dryRun: { type: 'boolean', description: 'True when `dry_run=true`: nothing was written.' },
  received: { type: 'integer', minimum: 0, description: 'Tickets (rows) read from the body.' },
  created: { type: 'integer', minimum: 0, description: 'Tickets new to Vigil.' },
  updated: { type: 'integer', minimum: 0, description: 'Tickets whose state changed.' },
  unchanged: {
    type: 'integer',
    minimum: 0,
    description: 'Tickets already stored as sent: re-sending a body changes nothing.',
  },
  rejected: {
    type: 'array',
    description: 'Every rejected row with its line (or array element) number and reason.',
    items: { $ref: '#/components/schemas/Rejection' },
  },
};

const errorResponse = (description: string, headers?: Record<string, Header>): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const FORMAT_NOTES = `
| format | body |
|---|---|
| \`okta\` | Okta System Log event objects (what \`/api/v1/logs\` returns), NDJSON or a JSON array |
| \`cloudtrail\` | a CloudTrail log file \`{"Records": [...]}\`, or NDJSON of records |
| \`gworkspace\` | Google Workspace Admin SDK Reports activities, NDJSON or a JSON array |
| \`github\` | GitHub organization or enterprise audit-log events (\`/orgs/{org}/audit-log\`), NDJSON or a JSON array |
| \`ndjson\` | Vigil's canonical events (\`CanonicalEvent\`), NDJSON or a JSON array |
| \`csv\` | canonical events as CSV with a header row of \`CanonicalEvent\` field names |`;

/** The OpenAPI 3.1 description of the public HTTP API, served at `GET /api/v1/openapi.json`. */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Vigil HTTP API',
    version: '1.0.0',
    description:
      'Push access logs into Vigil, and read people, vendors, grants, signals, cases, risk scores and the audit log out of it. Authenticate with an API key (Settings → API keys) holding the `ingest` scope to push, the `read` scope to read. Ingest bodies are streamed, never held whole; gzip is accepted either as `Content-Encoding: gzip` or as a gzipped body (detected by its magic bytes).',
  },
  servers: [{ url: '/', description: 'This Vigil instance' }],
  webhooks: webhooksSection(),
  tags: [
    { name: 'ingest', description: 'Log ingestion' },
    { name: 'read', description: 'Reading the organization’s data (keyset-paged lists)' },
  ],
  paths: {
    '/api/v1/ingest/{format}': {
      post: {
        operationId: 'ingestEvents',
        summary: 'Ingest a batch of log events',
        description: `Parses the body as the given format, validates each record, resolves actors to people and stores the events. Records that fail validation are rejected with their line number and reason while the rest land. Idempotent: events are keyed by their source event id, so re-sending a body (e.g. after a timeout) answers \`inserted: 0\` and counts the events as duplicates.\n\nLimits: the body size (\`VIGIL_INGEST_MAX_BYTES\`, default 100 MiB, checked against \`Content-Length\` and while streaming), its size once decompressed (\`VIGIL_INGEST_MAX_DECOMPRESSED_BYTES\`, default 1 GiB), its lines, blank ones included (\`VIGIL_INGEST_MAX_LINES\`, default 10,000,000), the time it takes (\`VIGIL_INGEST_MAX_SECONDS\`, default 300) and requests per key per minute (\`VIGIL_INGEST_RATE_PER_MINUTE\`, default 60).\n${FORMAT_NOTES}`,
        tags: ['ingest'],
        security: [{ apiKey: [] }],
        parameters: [
          {
            name: 'format',
            in: 'path',
            required: true,
            description: 'The log format of the body.',
            schema: { type: 'string', enum: INGEST_FORMATS },
          },
          {
            name: 'Content-Encoding',
            in: 'header',
            required: false,
            description:
              '`gzip` when the body is gzipped (optional: gzip is also detected by its magic bytes).',
            schema: { type: 'string', enum: ['gzip', 'x-gzip', 'identity'] },
          },
        ],
        requestBody: {
          required: true,
          description:
            'The events, in the format named by the path. The Content-Type is informative only: the format comes from the path.',
          content: {
            'application/x-ndjson': {
              schema: text(
                'One JSON object per line: a `CanonicalEvent` for `ndjson`, a vendor record for `okta`, `cloudtrail`, `gworkspace` and `github`.',
              ),
              example:
                '{"event_id":"sc-1","occurred_at":"2026-09-17T22:14:03Z","actor":"ada@acme.test","system":"Support Console","action":"customer.view","resource":"cust-42"}\n',
            },
            'application/json': {
              schema: {
                oneOf: [
                  {
                    type: 'array',
                    description: 'Canonical events (`ndjson`).',
                    items: { $ref: '#/components/schemas/CanonicalEvent' },
                  },
                  {
                    type: 'array',
                    description: 'Okta or Google Workspace records.',
                    items: { type: 'object' },
                  },
                  { $ref: '#/components/schemas/CloudTrailLogFile' },
                ],
              },
            },
            'text/csv': {
              schema: text(
                'A header row of `CanonicalEvent` field names (any order), then one event per row.',
              ),
              example:
                'event_id,occurred_at,actor,system,action\nsc-1,2026-09-17T22:14:03Z,ada@acme.test,Support Console,customer.view\n',
            },
            'application/gzip': {
              schema: {
                type: 'string',
                contentMediaType: 'application/gzip',
                description: 'Any of the above, gzipped.',
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'The body was ingested; the summary says what became of each record.',
            headers: {
              'X-RateLimit-Limit': {
                description: 'Requests this key may make per minute.',
                schema: { type: 'integer' },
              },
              'X-RateLimit-Remaining': {
                description: 'Requests left in the current minute.',
                schema: { type: 'integer' },
              },
            },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/IngestSummary' } },
            },
          },
          '400': errorResponse(
            'The body as a whole is unusable (not JSON, damaged gzip, a wrong format, `Content-Encoding: gzip` on a body that is not gzip, no body); nothing from it was stored.',
          ),
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': errorResponse('The API key is valid but lacks the `ingest` scope.'),
          '404': errorResponse('Unknown format in the path.'),
          '413': errorResponse(
            'The body (as sent, or once decompressed) is over the size limit, has more lines than the line limit, or took longer than the time limit. A body cut off part-way may have stored its first chunks of 10,000 events; re-sending it in smaller pieces stores the rest exactly once.',
          ),
          '415': errorResponse('A Content-Encoding other than gzip.'),
          '429': errorResponse('Too many requests for this key in the current minute.', {
            'Retry-After': {
              description: 'Seconds until the key may send again.',
              required: true,
              schema: { type: 'integer', minimum: 1 },
            },
          }),
          '500': errorResponse('An unexpected failure; retrying the same body is safe.'),
        },
      },
    },
    '/api/v1/ingest/tickets': {
      post: {
        operationId: 'ingestTickets',
        summary: 'Upsert support tickets (the ticket feed)',
        description:
          'Creates or updates tickets by `ticket_id`, each row being the ticket as it stands now (docs: Imports, tickets.csv). Detection then checks that a cited ticket exists, was open, is assigned to the person and is about the record touched. Rows that fail validation are rejected with their line and reason; the rest land in one transaction. Idempotent: re-sending a body reports every ticket `unchanged`. Limits: 10 MB and 50,000 tickets per request, and the key’s requests per minute.',
        tags: ['ingest'],
        security: [{ apiKey: [] }],
        parameters: [
          {
            name: 'dry_run',
            in: 'query',
            required: false,
            description: '`true` checks every row and answers the same report, writing nothing.',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        requestBody: {
          required: true,
          description:
            'NDJSON (one `Ticket` per line), a JSON array of `Ticket`, or CSV with a header row of its field names; optionally gzipped with `Content-Encoding: gzip`.',
          content: {
            'application/x-ndjson': {
              schema: text('One `Ticket` object per line.'),
              example:
                '{"ticket_id":"SUP-1042","assignee_email":"ana@acme.test","resource_ids":["C-77"],"opened_at":"2026-09-17T09:00:00Z","status":"open"}\n',
            },
            'application/json': {
              schema: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } },
            },
            'text/csv': {
              schema: text('A header row of `Ticket` field names (any order), then one per row.'),
            },
          },
        },
        responses: {
          '200': {
            description: 'The tickets were checked and (unless a dry run) stored.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/TicketSummary' } },
            },
          },
          '400': errorResponse(
            'The body as a whole is unusable (not JSON or CSV, a bad CSV header, damaged gzip, empty); nothing was stored.',
          ),
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': errorResponse('The API key is valid but lacks the `ingest` scope.'),
          '413': errorResponse('The body (as sent, or once decompressed) is over 10 MB.'),
          '415': errorResponse('A Content-Encoding other than gzip.'),
          '429': errorResponse('Too many requests for this key in the current minute.', {
            'Retry-After': {
              description: 'Seconds until the key may send again.',
              required: true,
              schema: { type: 'integer', minimum: 1 },
            },
          }),
          '500': errorResponse('An unexpected failure; nothing was stored, so retrying is safe.'),
        },
      },
    },
    ...readPaths,
    '/api/v1/openapi.json': {
      get: {
        operationId: 'openApiDocument',
        summary: 'This document',
        description: 'The OpenAPI 3.1 description of the Vigil HTTP API. No authentication.',
        tags: ['ingest'],
        security: [],
        responses: {
          '200': {
            description: 'The document.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'vgl_<prefix>_<secret>',
        description:
          'An API key, shown once when created; `Authorization: Bearer vgl_…`. Keys can be revoked and expire.',
      },
      [READ_SECURITY_SCHEME]: readSecurityScheme,
    },
    responses: {
      Unauthorized: errorResponse(
        'No API key, or one that is unknown, wrong, revoked or expired (one answer for all).',
        {
          'WWW-Authenticate': {
            description: '`Bearer realm="vigil"`',
            schema: { type: 'string' },
          },
        },
      ),
    },
    schemas: {
      ...readSchemas,
      CanonicalEvent: {
        type: 'object',
        description:
          'Vigil’s own event shape (NDJSON, a JSON array or CSV), for internal apps such as a support console or a KYC document vault. Unknown fields are rejected; a blank value means not given.',
        required: CANONICAL_REQUIRED,
        additionalProperties: false,
        properties: canonicalProperties,
      },
      CloudTrailLogFile: {
        type: 'object',
        required: ['Records'],
        properties: { Records: { type: 'array', items: { type: 'object' } } },
      },
      IngestSummary: {
        type: 'object',
        required: Object.keys(summaryProperties),
        additionalProperties: false,
        properties: summaryProperties,
      },
      Ticket: {
        type: 'object',
        description: 'One support ticket. Unknown fields reject the row.',
        required: ['ticket_id', 'opened_at'],
        additionalProperties: false,
        properties: ticketProperties,
      },
      TicketSummary: {
        type: 'object',
        required: Object.keys(ticketSummaryProperties),
        additionalProperties: false,
        properties: ticketSummaryProperties,
      },
      Rejection: {
        type: 'object',
        required: ['line', 'reason'],
        properties: {
          line: {
            type: 'integer',
            minimum: 1,
            description: 'Line (NDJSON, CSV) or element (JSON array) number, from 1.',
          },
          reason: { type: 'string', examples: ['occurred_at is required'] },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: API_ERROR_CODES },
              message: { type: 'string', description: 'What went wrong and what to do about it.' },
              fields: {
                type: 'object',
                description:
                  'A bad query’s problems by parameter name (read API `400` only), e.g. `{"limit": ["limit is a whole number from 1 to 500"]}`.',
                additionalProperties: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};

export type * from './openapi-types';
