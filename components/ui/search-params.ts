/** A page's search parameter as one value: the first of a repeated key, empty as absent. */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

/** Every search parameter as one value, ready for a page's zod schema. */
export function singleParams(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, firstParam(v)]));
}
