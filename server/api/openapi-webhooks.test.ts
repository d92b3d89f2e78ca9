import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OUTBOUND_EVENT_DATA, OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import { openApiDocument } from './openapi';

describe('the OpenAPI webhooks section', () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument)) as typeof openApiDocument;

  it('has one entry per event type, its body the envelope around the version-1 data', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual(
      [...OUTBOUND_EVENT_TYPES, 'vigil.test'].sort(),
    );
    for (const type of OUTBOUND_EVENT_TYPES) {
      const body = doc.webhooks[type]!.post.requestBody.content['application/json'].schema as {
        properties: Record<string, unknown>;
        required: string[];
      };
      expect(body.required).toEqual(
        expect.arrayContaining(['id', 'type', 'version', 'sequence', 'occurredAt', 'data']),
      );
      expect(body.properties.type).toEqual({ type: 'string', const: type });
      const { $schema: _, ...data } = z.toJSONSchema(OUTBOUND_EVENT_DATA[type]);
      expect(body.properties.data).toEqual(JSON.parse(JSON.stringify(data)));
    }
  });

  it('documents the signature header with its replay window', () => {
    const params = doc.webhooks['case.opened']!.post.parameters;
    const signature = params.find((p) => p.name === 'Vigil-Signature')!;
    expect(signature.required).toBe(true);
    expect(signature.description).toContain('HMAC-SHA256');
    expect(signature.description).toContain('5 minutes');
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Vigil-Event-Id', 'Vigil-Event-Type', 'Vigil-Delivery-Id']),
    );
  });
});
