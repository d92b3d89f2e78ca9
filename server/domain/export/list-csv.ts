import type { z } from 'zod';

// List exports (docs/INTERFACES.md §CSV exports): a page's filters arrive as a query string and
// are parsed by the list's own input schema, so the export shows exactly the rows the page does.

/** The zod kind under optional/default/nullable wrappers ('array', 'boolean', 'string' …). */
function baseKind(schema: z.ZodType): string {
  let t = schema as unknown as { def: { type: string; innerType?: unknown } };
  while (['optional', 'default', 'nullable', 'prefault'].includes(t.def.type) && t.def.innerType)
    t = t.def.innerType as typeof t;
  return t.def.type;
}

/**
 * A query string as a list schema's raw input: repeated keys for array fields, `true`/`false` for
 * booleans, the first value otherwise; keys the schema does not name, the cursor and the page size
 * are dropped (the export pages by itself).
 */
export function queryToListInput(
  shape: Record<string, z.ZodType>,
  query: URLSearchParams,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (key === 'cursor' || key === 'limit') continue;
    const values = query.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    const kind = baseKind(field);
    if (kind === 'array') input[key] = values;
    else if (kind === 'boolean') input[key] = values[0] === 'true' || values[0] === '1';
    else if (kind === 'number') input[key] = Number(values[0]);
    else input[key] = values[0];
  }
  return input;
}

/** One value as CSV text: dates ISO 8601 UTC, lists joined by "; ", absent as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The filters an export ran with, for its audit entry: what the schema kept, minus paging. */
export function exportFilters(input: Record<string, unknown>): Record<string, unknown> {
  const { cursor: _c, limit: _l, ...filters } = input;
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}
