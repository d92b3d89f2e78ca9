import type { JsonSchema, OpenApiDocument } from '@/server/api/openapi';

// Checks a value against a schema of the OpenAPI document, for the subset of JSON Schema the
// document uses (type, enum, required, properties, additionalProperties, items, minimum, maximum,
// the formats below and $ref into the document), so an answer that drifts from its documented
// shape fails with the path of the first differences.

const FORMATS: Record<string, (s: string) => boolean> = {
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s),
  'date-time': (s) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(doc: OpenApiDocument, ref: string): JsonSchema {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc) as JsonSchema;
}

export function shapeErrors(
  doc: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  at = '$',
): string[] {
  if (schema.$ref) return shapeErrors(doc, resolve(doc, schema.$ref), value, at);
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type) {
    const allowed = ([] as string[]).concat(schema.type);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [`${at}: ${actual}, expected ${allowed.join(' or ')}`];
  }
  if (schema.enum && !schema.enum.includes(value as string | null))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string' && schema.format && FORMATS[schema.format]?.(value) === false)
    errors.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above maximum`);
  }
  if (actual === 'object' && (schema.properties || schema.required)) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in object)) errors.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(object)) {
      const property = schema.properties?.[key];
      if (property) errors.push(...shapeErrors(doc, property, v, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not documented`);
    }
  }
  if (actual === 'array' && schema.items)
    (value as unknown[]).forEach((item, i) =>
      errors.push(...shapeErrors(doc, schema.items!, item, `${at}[${i}]`)),
    );
  return errors;
}
