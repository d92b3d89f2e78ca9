import { createHmac } from 'node:crypto';

// docs/PRIVACY.md §Pseudonymized investigation: a person's pseudonym is an HMAC of their id under
// a key only their organization holds, so it is the same on every page and in every session, and
// another organization (or anyone without the key) cannot compute or compare it.

const PREFIX = 'Person ';

/**
 * "Person 7F3A-91C2": the first 32 bits of HMAC-SHA256(key, personId) in upper-case hex. Eight
 * hex digits rather than four, so two people in an organization of 10,000 share one with a
 * chance of about 1 %, not a certainty.
 */
export function pseudonymFor(orgKey: string, personId: string): string {
  if (orgKey.length < 32) throw new Error('pseudonym key too short');
  const hex = createHmac('sha256', orgKey).update(personId).digest('hex').slice(0, 8).toUpperCase();
  return `${PREFIX}${hex.slice(0, 4)}-${hex.slice(4)}`;
}

export function isPseudonym(text: string): boolean {
  return /^Person [0-9A-F]{4}-[0-9A-F]{4}$/.test(text);
}

/**
 * The person's identifiers (name, email, log handles) replaced by their pseudonym wherever they
 * appear in a text written from their logs (a signal's explanation, an event's fields). Longest
 * first, so "jun.reyes@acme.test" is replaced whole before "jun.reyes"; case-insensitive, since
 * log sources disagree on case. Identifiers shorter than 3 characters are left alone: they would
 * match inside unrelated words.
 */
export function maskIdentifiers(
  text: string,
  identifiers: readonly (string | null | undefined)[],
  pseudonym: string,
): string {
  const usable = [
    ...new Set(identifiers.filter((i): i is string => !!i && i.trim().length >= 3)),
  ].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return text;
  const pattern = new RegExp(usable.map(escapeRegExp).join('|'), 'gi');
  return text.replace(pattern, pseudonym);
}

/** Identifiers a person's logs may carry beyond the stored ones: an email's local part. */
export function identifierVariants(identifiers: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const i of identifiers) {
    if (!i) continue;
    out.push(i);
    const at = i.indexOf('@');
    if (at > 0) out.push(i.slice(0, at));
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `maskIdentifiers` over every string in a value read for a page (a signal with its stats, its
 * evidence events, its related signals); dates and other values pass through.
 */
export function maskDeep<T>(
  value: T,
  identifiers: readonly (string | null | undefined)[],
  pseudonym: string,
): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskIdentifiers(v, identifiers, pseudonym);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
