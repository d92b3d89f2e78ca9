// Normalizers for the identifier kinds that are not handles: device ids, bank accounts and
// shipping addresses (docs/PRODUCT.md §Typed identifiers). Two ways of writing the same thing
// must give the same value, because identity reuse and screening match on exact equality.

export type NormalizedValue = { ok: true; value: string } | { ok: false; error: string };

const ok = (value: string): NormalizedValue => ({ ok: true, value });
const fail = (error: string): NormalizedValue => ({ ok: false, error });

// Serials that firmware and MDM tools report when the real one is missing: thousands of
// unrelated machines share them, so they would tie strangers together.
const PLACEHOLDER_DEVICE_IDS = new Set([
  '0',
  '00000000',
  '0000000000',
  '000000000000',
  '0123456789',
  '1234567890',
  'default string',
  'na',
  'n/a',
  'none',
  'not applicable',
  'not specified',
  'null',
  'o.e.m.',
  'system serial number',
  'to be filled by o.e.m.',
  'unknown',
]);

/** A device id or serial: trimmed, case-folded, inner whitespace collapsed. */
export function normalizeDevice(raw: string): NormalizedValue {
  const value = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value.length < 4) return fail(`"${raw.trim()}" is too short to be a device id`);
  if (value.length > 200) return fail('device id is too long');
  if (PLACEHOLDER_DEVICE_IDS.has(value))
    return fail(`"${raw.trim()}" is a placeholder serial, not a device id`);
  return ok(value);
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/**
 * A bank account. An IBAN (two letters, two check digits) loses its spaces and hyphens, is
 * upper-cased and must pass its checksum. Anything else is `[CC/]part/…/account`: an optional
 * ISO country prefix, then digit groups (bank or routing code, account) with spaces, hyphens and
 * dots dropped, joined by `/`.
 */
export function normalizeBankAccount(raw: string): NormalizedValue {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  if (/^[A-Z]{2}[0-9]{2}/.test(compact) && !compact.includes('/')) {
    if (!IBAN_SHAPE.test(compact)) return fail(`"${raw.trim()}" is not an IBAN`);
    return ibanChecksumValid(compact)
      ? ok(compact)
      : fail(`"${raw.trim()}" is not a valid IBAN (its check digits do not match)`);
  }
  const parts = raw.split('/').map((p) => p.replace(/[\s.-]/g, ''));
  const country = /^[A-Za-z]{2}$/.test(parts[0] ?? '') ? parts.shift()!.toUpperCase() : null;
  if (parts.length === 0 || parts.some((p) => !/^[0-9]+$/.test(p)))
    return fail(
      `"${raw.trim()}" is not an account number (use an IBAN, or digits with an optional CC/bank/ prefix)`,
    );
  const account = parts[parts.length - 1]!;
  if (account.length < 6 || account.length > 34)
    return fail(`"${raw.trim()}" is not an account number (6–34 digits)`);
  return ok([...(country ? [country] : []), ...parts].join('/'));
}

// Long forms to the USPS-style short ones, so "Street" and "St." compare equal. Only long → short,
// so an ambiguous short form ("St" for Saint) is left as written on both sides.
const ADDRESS_WORDS: Record<string, string> = {
  street: 'st',
  str: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  highway: 'hwy',
  parkway: 'pkwy',
  terrace: 'ter',
  crescent: 'cres',
  circle: 'cir',
  building: 'bldg',
  floor: 'fl',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

// Unit designators are dropped and the unit number kept: "Apt 4", "Apartment #4", "Suite 4",
// "Unit 4" and "#4" all become "4".
const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'ste', 'unit', 'no', 'number', 'nr']);

/**
 * A shipping address: accents stripped, case-folded, punctuation and repeated whitespace
 * collapsed, street-type and direction words abbreviated, unit designators dropped. It does not
 * geocode: a different postcode spacing, a missing city or a misspelling still differs.
 */
export function normalizeAddress(raw: string): NormalizedValue {
  const words = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bp\.\s*o\.?\s*box\b/g, 'po box')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .filter((w) => !UNIT_WORDS.has(w))
    .map((w) => ADDRESS_WORDS[w] ?? w);
  const value = words.join(' ');
  if (words.length < 2 || value.length < 8)
    return fail(`"${raw.trim()}" is too short to be a shipping address`);
  if (value.length > 300) return fail('address is too long');
  return ok(value);
}

/** What a signal or a screen may show of a sensitive value: the last four characters. */
export function maskIdentifierValue(kind: string, value: string): string {
  return kind === 'bank_account' ? `••••${value.slice(-4)}` : value;
}
