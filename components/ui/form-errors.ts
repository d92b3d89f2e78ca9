/** Per-field messages, as the server's error formatter sends them (`z.flattenError`). */
export type FieldErrorMap = Partial<Record<string, string[]>>;

/** One problem the client-side schema check found, its path joined with dots. */
export interface Issue {
  path: string;
  message: string;
}

/** Zod issues (paths of keys and indexes) as dotted paths: `certifications.0.name`. */
export function issuesOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Issue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The first message per path, in the order the schema reported them. */
export function firstPerPath(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path] ??= issue.message;
  return out;
}

/**
 * The message a field shows: the client check's first for that path or anything below it (so
 * `identifiers` shows a problem with `identifiers.2.value`), else the server's for that key.
 */
export function fieldMessage(
  path: string,
  issues: readonly Issue[],
  server: FieldErrorMap,
): string | undefined {
  const own = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  return own?.message ?? server[path]?.[0];
}

/**
 * The error to show at form level: its message unless one of `fields` already shows a server
 * message of its own; with no `fields`, always its message.
 */
export function formLevelMessage(
  error: { message: string } | null,
  server: FieldErrorMap,
  fields: readonly string[] = [],
): string | null {
  if (!error) return null;
  return fields.some((f) => server[f]?.length) ? null : error.message;
}
