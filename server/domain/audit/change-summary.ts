export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  if (prefix)
    out.set(
      prefix,
      Array.isArray(value) ? value.map((v) => String(v)).join(', ') || '(none)' : String(value),
    );
}

/**
 * What an audit entry changed, field by field: only fields whose value differs, so a settings
 * update reads "timezone: UTC → Europe/London" rather than two full JSON documents.
 */
export function summarizeChange(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  flatten(before ?? {}, '', b);
  flatten(after ?? {}, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])].sort();
  return fields
    .filter((f) => b.get(f) !== a.get(f))
    .map((field) => ({ field, before: b.get(field), after: a.get(field) }));
}
