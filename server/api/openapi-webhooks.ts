import { z } from 'zod';
import {
  OUTBOUND_EVENT_DATA,
  OUTBOUND_EVENT_DESCRIPTIONS,
  OUTBOUND_EVENT_TYPES,
  OUTBOUND_EVENT_VERSION,
} from '@/server/domain/outbound/events';
import { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_SECONDS } from '@/server/domain/webhooks/retry';
import { REPLAY_WINDOW_SECONDS, SIGNATURE_HEADER } from '@/server/domain/webhooks/signature';

/** JSON Schema as zod writes it (draft 2020-12, the dialect of OpenAPI 3.1). */
type Schema = Record<string, unknown>;

interface WebhookOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: readonly string[];
  parameters: readonly {
    name: string;
    in: 'header';
    required: boolean;
    description: string;
    schema: Schema;
  }[];
  requestBody: {
    required: true;
    description: string;
    content: { 'application/json': { schema: Schema } };
  };
  responses: Record<string, { description: string }>;
}

export type WebhooksSection = Record<string, { post: WebhookOperation }>;

const TEST_EVENT_DATA = z.object({
  message: z.string(),
  endpoint: z.object({ id: z.uuid() }),
});

/** A zod schema as JSON Schema, without the dialect marker (the document sets it). */
function jsonSchema(schema: z.ZodType): Schema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  return rest;
}

function envelope(type: string, data: Schema, sequence: Schema): Schema {
  return {
    type: 'object',
    description: `The envelope every event shares; \`data\` is the ${type} payload, version ${OUTBOUND_EVENT_VERSION}.`,
    required: ['id', 'type', 'version', 'sequence', 'occurredAt', 'organization', 'data'],
    properties: {
      id: {
        type: 'string',
        format: 'uuid',
        description:
          'The event id: the same on every retry and redelivery, so receivers deduplicate on it.',
      },
      type: { type: 'string', const: type },
      version: { type: 'integer', const: OUTBOUND_EVENT_VERSION },
      sequence,
      occurredAt: { type: 'string', format: 'date-time' },
      organization: {
        type: 'object',
        required: ['id', 'slug'],
        properties: { id: { type: 'string', format: 'uuid' }, slug: { type: 'string' } },
      },
      data,
    },
  };
}

const retries = RETRY_DELAYS_SECONDS.map((s) =>
  s < 60 ? `${s} s` : s < 3600 ? `${s / 60} min` : `${s / 3600} h`,
).join(', ');

const HEADERS: WebhookOperation['parameters'] = [
  {
    name: SIGNATURE_HEADER,
    in: 'header',
    required: true,
    description: `\`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>\`. Compute the HMAC over the raw bytes received, compare in constant time, and refuse a \`t\` more than ${REPLAY_WINDOW_SECONDS / 60} minutes from your clock (docs/INTEGRATIONS.md §Webhooks).`,
    schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' },
  },
  {
    name: 'Vigil-Event-Id',
    in: 'header',
    required: true,
    description: "The event id (the body's `id`); deduplicate on it.",
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'Vigil-Event-Type',
    in: 'header',
    required: true,
    description: "The event type (the body's `type`).",
    schema: { type: 'string' },
  },
  {
    name: 'Vigil-Delivery-Id',
    in: 'header',
    required: true,
    description: 'This delivery (one event to one endpoint); the same across its retries.',
    schema: { type: 'string', format: 'uuid' },
  },
];

function operation(type: string, description: string, body: Schema): { post: WebhookOperation } {
  return {
    post: {
      operationId: `webhook_${type.replace(/\./g, '_')}`,
      summary: type,
      description: `${description}\n\nVigil POSTs this to each active endpoint whose filter takes it, with \`User-Agent: Vigil-Webhooks/1\`. Answer 2xx within 10 seconds; anything else (redirects are not followed) is retried after ${retries}, then the delivery is dead-lettered after ${MAX_DELIVERY_ATTEMPTS} attempts and can be redelivered from Settings → Webhooks.`,
      tags: ['webhooks'],
      parameters: HEADERS,
      requestBody: {
        required: true,
        description: 'The event envelope, JSON.',
        content: { 'application/json': { schema: body } },
      },
      responses: {
        '2XX': { description: 'Received.' },
        default: { description: 'Not received: the delivery is retried.' },
      },
    },
  };
}

/** The OpenAPI 3.1 `webhooks` section: one entry per event type, plus the test event. */
export function webhooksSection(): WebhooksSection {
  const section: WebhooksSection = {};
  for (const type of OUTBOUND_EVENT_TYPES)
    section[type] = operation(
      type,
      OUTBOUND_EVENT_DESCRIPTIONS[type],
      envelope(type, jsonSchema(OUTBOUND_EVENT_DATA[type]), {
        type: 'integer',
        minimum: 1,
        description: "Position in the organization's event stream, in commit order.",
      }),
    );
  section['vigil.test'] = operation(
    'vigil.test',
    'A test delivery sent from Settings → Webhooks ("Send test"); not part of the event stream.',
    envelope('vigil.test', jsonSchema(TEST_EVENT_DATA), { type: 'null' }),
  );
  return section;
}
