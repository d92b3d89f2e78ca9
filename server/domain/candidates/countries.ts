import { getCountries } from 'libphonenumber-js/max';

// Country names in English (and a few common short forms) to ISO 3166 codes, so a free-text
// location or address ending in "United States" or "UK" yields a country to compare.
const ALIASES: Record<string, string> = {
  usa: 'US',
  us: 'US',
  'u s a': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  uae: 'AE',
  'south korea': 'KR',
  korea: 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'czech republic': 'CZ',
  holland: 'NL',
};

let byName: Map<string, string> | null = null;

function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function names(): Map<string, string> {
  if (byName) return byName;
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  byName = new Map(Object.entries(ALIASES));
  for (const code of getCountries()) {
    const name = display.of(code);
    if (name) byName.set(key(name), code);
  }
  return byName;
}

/**
 * The country a location or address names in its last comma-separated part ("Austin, TX,
 * United States" → US; "…, DE" → DE), or null when it names none.
 */
export function countryFromText(text: string | null | undefined): string | null {
  if (!text) return null;
  const parts = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts[parts.length - 1];
  if (!last) return null;
  if (/^[A-Z]{2}$/.test(last) && getCountries().includes(last as never)) {
    // Two capitals after a city is a US state as often as a country ("Austin, TX"): only read
    // it as a country when it is the whole text's third part or later and no state could be meant.
    return parts.length >= 2 && !US_STATES.has(last) ? last : null;
  }
  return names().get(key(last)) ?? null;
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  ),
);
