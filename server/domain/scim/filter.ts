import { ScimError } from './protocol';

export interface EqFilter {
  /** The attribute as the filter named it, lower-cased, schema URN removed. */
  attribute: string;
  value: string;
}

const FILTER = /^\s*([A-Za-z][\w:.-]*?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/**
 * The filters identity providers send to find a resource before creating it: `attr eq "value"`
 * (Okta: `userName eq "…"`; Entra ID: `userName eq "…"`, `externalId eq "…"`,
 * `displayName eq "…"`). Other operators and compound filters answer 400 invalidFilter, which
 * ServiceProviderConfig announces (docs/SCIM.md §Filters).
 */
export function parseEqFilter(filter: string, allowed: readonly string[]): EqFilter {
  const match = FILTER.exec(filter);
  if (!match)
    throw new ScimError(
      400,
      'invalidFilter',
      'Only filters of the form attribute eq "value" are supported.',
    );
  const attribute = match[1]!.replace(/^urn:ietf:params:scim:schemas:core:2\.0:\w+:/i, '');
  const lower = attribute.toLowerCase();
  if (!allowed.includes(lower))
    throw new ScimError(
      400,
      'invalidFilter',
      `Filtering on ${attribute} is not supported; use one of ${allowed.join(', ')}.`,
    );
  return { attribute: lower, value: match[2]!.replace(/\\(.)/g, '$1') };
}
