import type { WebhooksSection } from './openapi-webhooks';

// The subset of OpenAPI 3.1 (JSON Schema 2020-12) this document uses, typed so a typo is a
// compile error rather than a silently ignored key.
type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
  $ref?: string;
  /** Several types for a nullable value: `['string', 'null']`. */
  type?: JsonType | readonly JsonType[];
  format?: string;
  description?: string;
  enum?: readonly (string | null)[];
  const?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  default?: string | number;
  examples?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: readonly JsonSchema[];
  contentMediaType?: string;
  contentEncoding?: string;
}

export interface MediaType {
  schema: JsonSchema;
  example?: unknown;
}

export interface Header {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query';
  required: boolean;
  description: string;
  /** `form` without explode: several values comma-separated in one parameter. */
  style?: 'form';
  explode?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: readonly string[];
  security: readonly Record<string, readonly string[]>[];
  parameters?: readonly Parameter[];
  requestBody?: { required: boolean; description: string; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: readonly { url: string; description: string }[];
  tags: readonly { name: string; description: string }[];
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  /** What Vigil sends to the organization's webhook endpoints (docs/INTEGRATIONS.md §Webhooks). */
  webhooks: WebhooksSection;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<
      string,
      { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }
    >;
    responses: Record<string, ResponseObject>;
  };
}
