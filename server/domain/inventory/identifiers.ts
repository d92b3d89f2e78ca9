import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { normalizeAddress, normalizeBankAccount, normalizeDevice } from './identifier-values';

// Typed identifiers (docs/PRODUCT.md §Typed identifiers): stored normalized so screening is exact
// lookup.
export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'github',
  'linkedin',
  'telegram',
  'wallet',
  'device',
  'bank_account',
  'address',
  'okta',
  'aws',
  'google',
  'slack',
] as const;
export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);

/**
 * Work accounts the organization itself issues: each names exactly one account, so two people
 * holding one is an account link, not a reused identity (docs/DETECTORS.md §Identity reuse).
 */
export const WORK_ACCOUNT_KINDS = ['okta', 'aws', 'google', 'slack'] as const;
export type IdentifierKind = z.infer<typeof identifierKindSchema>;

export type Normalized = { ok: true; value: string } | { ok: false; error: string };

const ok = (value: string): Normalized => ({ ok: true, value });
const fail = (error: string): Normalized => ({ ok: false, error });

const HANDLE = /^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9_])?$/;

/** Strips a profile URL or a leading @ down to the handle, lower-cased. */
function handleFrom(raw: string, hosts: string[], pathPrefix = ''): string {
  let v = raw.trim();
  for (const host of hosts) {
    const re = new RegExp(
      `^(?:https?://)?(?:www\\.)?${host.replace('.', '\\.')}/${pathPrefix}`,
      'i',
    );
    v = v.replace(re, '');
  }
  return v
    .replace(/^@/, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
}

/**
 * Normalizes one identifier: emails lower-case, phones E.164 (the person's country resolves
 * national numbers), handles without @ or URL, EVM wallets lower-case (checksum casing ignored),
 * devices, bank accounts and addresses as in `identifier-values.ts`.
 */
export function normalizeIdentifier(
  kind: IdentifierKind,
  raw: string,
  defaultCountry?: string | null,
): Normalized {
  const value = raw.trim();
  if (!value) return fail(`${kind} is empty`);
  if (value.length > 300) return fail(`${kind} is too long`);
  switch (kind) {
    case 'device':
      return normalizeDevice(value);
    case 'bank_account':
      return normalizeBankAccount(value);
    case 'address':
      return normalizeAddress(value);
    case 'email': {
      const email = value.toLowerCase();
      return z.email().safeParse(email).success
        ? ok(email)
        : fail(`"${value}" is not an email address`);
    }
    case 'phone': {
      const country =
        defaultCountry && /^[A-Z]{2}$/.test(defaultCountry)
          ? (defaultCountry as CountryCode)
          : undefined;
      const phone = parsePhoneNumberFromString(value, country);
      return phone?.isPossible()
        ? ok(phone.number)
        : fail(`"${value}" is not a phone number (use +country code)`);
    }
    case 'github': {
      const h = handleFrom(value, ['github.com']);
      // Enterprise Managed Users add `_shortcode` to the handle (`octocat_acme`).
      return /^[a-z0-9](?:[a-z0-9-]{0,38})(?:_[a-z0-9]{1,20})?$/.test(h)
        ? ok(h)
        : fail(`"${value}" is not a GitHub handle`);
    }
    case 'linkedin': {
      const h = handleFrom(value, ['linkedin.com'], 'in/');
      return /^[a-z0-9][a-z0-9-_%]{1,99}$/.test(h)
        ? ok(h)
        : fail(`"${value}" is not a LinkedIn profile`);
    }
    case 'telegram': {
      const h = handleFrom(value, ['t.me', 'telegram.me']);
      return /^[a-z0-9_]{4,32}$/.test(h) ? ok(h) : fail(`"${value}" is not a Telegram handle`);
    }
    case 'wallet': {
      if (/^0x[0-9a-fA-F]{40}$/.test(value)) return ok(value.toLowerCase());
      // Base58 (Bitcoin legacy, Solana, Tron) and bech32 addresses: bech32 is case-insensitive.
      if (/^(bc1|tb1)[0-9a-z]{20,90}$/i.test(value)) return ok(value.toLowerCase());
      if (/^[1-9A-HJ-NP-Za-km-z]{25,60}$/.test(value)) return ok(value);
      return fail(`"${value}" is not a wallet address`);
    }
    case 'slack':
    case 'google': {
      const h = value.replace(/^@/, '').toLowerCase();
      return HANDLE.test(h) || z.email().safeParse(h).success
        ? ok(h)
        : fail(`"${value}" is not a valid ${kind} id`);
    }
    case 'okta':
    case 'aws':
      return /\s/.test(value) ? fail(`${kind} id must not contain spaces`) : ok(value);
  }
}

export interface TypedIdentifier {
  kind: IdentifierKind;
  value: string;
  raw: string;
}

/**
 * Parses `kind:value;kind:value` (people.csv external_ids). The value may itself contain colons
 * (AWS ARNs), so only the first colon splits.
 */
export function parseIdentifierList(
  cell: string,
  defaultCountry?: string | null,
): { identifiers: TypedIdentifier[]; errors: string[] } {
  const identifiers: TypedIdentifier[] = [];
  const errors: string[] = [];
  for (const part of cell
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon <= 0) {
      errors.push(`"${part}" should look like kind:value`);
      continue;
    }
    const kind = identifierKindSchema.safeParse(part.slice(0, colon).trim().toLowerCase());
    if (!kind.success) {
      errors.push(
        `unknown identifier kind "${part.slice(0, colon)}" (use ${IDENTIFIER_KINDS.join(', ')})`,
      );
      continue;
    }
    const raw = part.slice(colon + 1).trim();
    const normalized = normalizeIdentifier(kind.data, raw, defaultCountry);
    if (normalized.ok) identifiers.push({ kind: kind.data, value: normalized.value, raw });
    else errors.push(normalized.error);
  }
  return { identifiers, errors };
}
