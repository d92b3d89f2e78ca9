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

/**
 * A list page's link with some parameters changed: empty values and defaults are left out, and
 * the page cursor is dropped unless `over` sets one (a change of filter starts from page one).
 */
export function listHref(
  path: string,
  params: Record<string, string | undefined>,
  over: Record<string, string | undefined>,
  defaults: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, cursor: undefined, ...over }))
    if (v && defaults[k] !== v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
