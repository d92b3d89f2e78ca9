import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

// Okta writes a country *name* (MaxMind's English names); Vigil stores ISO alpha-2
// (docs/INGEST.md §Identity resolution). i18n-iso-countries carries the ISO list with common
// English aliases ("United States", "UK").
countries.registerLocale(en);

/** ISO 3166-1 alpha-2 for a code (alpha-2 or alpha-3, any case) or an English name, else null. */
export function toCountryCode(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v || v.length > 100) return null;
  if (/^[A-Za-z]{2}$/.test(v) && countries.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(v)) {
    const code = countries.alpha3ToAlpha2(v.toUpperCase());
    if (code) return code;
  }
  return countries.getAlpha2Code(v, 'en') ?? null;
}
