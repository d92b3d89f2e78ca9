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

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A change in one line for the audit log's table: the first fields as "field: before → after"
 * (or "field: value" when created or removed), clipped, with how many more fields changed.
 */
export function changeHeadline(changes: readonly FieldChange[], shown = 2): string {
  if (changes.length === 0) return '';
  const parts = changes.slice(0, shown).map((c) => {
    if (c.before === undefined) return `${c.field}: ${clip(c.after ?? '', 40)}`;
    if (c.after === undefined) return `${c.field}: ${clip(c.before, 40)} → (removed)`;
    return `${c.field}: ${clip(c.before, 24)} → ${clip(c.after, 24)}`;
  });
  const more = changes.length - shown;
  return more > 0 ? `${parts.join('; ')}; +${more} more` : parts.join('; ');
}
