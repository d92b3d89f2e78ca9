import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { TICKET_COLUMNS } from '@/server/domain/import/ticket-rows';
import { CANONICAL_FIELDS, CANONICAL_REQUIRED } from '@/server/domain/ingest/canonical';
import { INGEST_FORMATS } from '@/server/domain/ingest/parse-events';
import {
  readAuditSchema,
  readCasesSchema,
  readGrantsSchema,
  readPeopleSchema,
  readRiskPeopleSchema,
  readSignalsSchema,
  readVendorsSchema,
} from '@/server/domain/read-api/inputs';
import { openApiDocument } from './openapi';

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  return found;
}

describe('openApiDocument', () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;

  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is OpenAPI 3.1 and every $ref points at something it defines', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
      expect({ ref, defined: target !== undefined }).toEqual({ ref, defined: true });
    }
  });

  it('documents the ingest endpoint: formats, bearer auth, bodies and every answer', () => {
    const post = doc.paths['/api/v1/ingest/{format}']!.post!;
    expect(post.parameters?.[0]?.schema.enum).toEqual([...INGEST_FORMATS]);
    expect(post.security).toEqual([{ apiKey: [] }]);
    expect(doc.components.securitySchemes.apiKey?.scheme).toBe('bearer');
    expect(Object.keys(post.requestBody!.content)).toEqual(
      expect.arrayContaining(['application/x-ndjson', 'application/json', 'text/csv']),
    );
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '413', '429']),
    );
    expect(JSON.stringify(post.responses['429'])).toContain('Retry-After');
  });

  it('describes the canonical event exactly as the parser reads it (docs/INGEST.md §Canonical events)', () => {
    const schema = doc.components.schemas.CanonicalEvent!;
    expect(Object.keys(schema.properties!).sort()).toEqual([...CANONICAL_FIELDS].sort());
    expect(schema.required).toEqual([...CANONICAL_REQUIRED]);
  });

  it('documents the ticket feed with the import’s own columns (docs/INGEST.md §Tickets over HTTP)', () => {
    const post = doc.paths['/api/v1/ingest/tickets']!.post!;
    expect(post.security).toEqual([{ apiKey: [] }]);
    expect(post.parameters?.map((p) => p.name)).toEqual(['dry_run']);
    const schema = doc.components.schemas.Ticket!;
    expect(Object.keys(schema.properties!).sort()).toEqual(
      [...TICKET_COLUMNS.required, ...TICKET_COLUMNS.optional].sort(),
    );
    expect(schema.required).toEqual([...TICKET_COLUMNS.required]);
  });

  it('documents every read endpoint: the read scheme, each parameter its schema parses, paging and the answers', () => {
    // The query schema of each path: the document names exactly the parameters it accepts.
    const schemas = {
      '/api/v1/people': readPeopleSchema,
      '/api/v1/vendors': readVendorsSchema,
      '/api/v1/grants': readGrantsSchema,
      '/api/v1/signals': readSignalsSchema,
      '/api/v1/cases': readCasesSchema,
      '/api/v1/risk/people': readRiskPeopleSchema,
      '/api/v1/audit': readAuditSchema,
    };
    const readPaths = Object.entries(doc.paths)
      .filter(([, item]) => item.get?.tags.includes('read'))
      .map(([path]) => path);
    expect(readPaths.sort()).toEqual(Object.keys(schemas).sort());
    expect(doc.components.securitySchemes.readKey?.scheme).toBe('bearer');
    for (const [path, schema] of Object.entries(schemas)) {
      const get = doc.paths[path]!.get!;
      expect({ path, security: get.security }).toEqual({ path, security: [{ readKey: [] }] });
      expect({ path, parameters: get.parameters!.map((p) => p.name).sort() }).toEqual({
        path,
        parameters: Object.keys(schema.shape).sort(),
      });
      expect(Object.keys(get.responses).sort()).toEqual(
        ['200', '400', '401', '403', '429', '500'].sort(),
      );
      expect(JSON.stringify(get.responses['429'])).toContain('Retry-After');
      const page = (
        get.responses['200'] as { content: Record<string, { schema: { $ref: string } }> }
      ).content['application/json']!.schema.$ref;
      expect(page).toMatch(/^#\/components\/schemas\/\w+Page$/);
    }
  });
});
