import { describe, expect, it } from 'vitest';
import {
  ibanChecksumValid,
  maskIdentifierValue,
  normalizeAddress,
  normalizeBankAccount,
  normalizeDevice,
} from './identifier-values';
import { normalizeIdentifier, parseIdentifierList } from './identifiers';

const value = (r: { ok: boolean; value?: string }) => (r.ok ? r.value : null);

describe('normalizeDevice', () => {
  it('case-folds, trims and collapses whitespace', () => {
    expect(value(normalizeDevice('  C02XK1ABJG5H '))).toBe('c02xk1abjg5h');
    expect(value(normalizeDevice('Dell   5420  SN-77'))).toBe('dell 5420 sn-77');
  });
  it('refuses placeholder serials and too-short ids', () => {
    for (const raw of ['To Be Filled By O.E.M.', 'Default string', '0123456789', 'N/A', 'x1'])
      expect(normalizeDevice(raw).ok).toBe(false);
  });
});

describe('normalizeBankAccount', () => {
  it.each([
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['gb82west12345698765432', 'GB82WEST12345698765432'],
    ['DE89-3704-0044-0532-0130-00', 'DE89370400440532013000'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
  ])('IBAN %j → %j', (raw, expected) => {
    expect(value(normalizeBankAccount(raw))).toBe(expected);
  });

  it('refuses an IBAN whose check digits do not match', () => {
    const r = normalizeBankAccount('GB82 WEST 1234 5698 7654 31');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/check digits/);
  });

  it('checks the ISO 13616 checksum', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumValid('GB28WEST12345698765432')).toBe(false);
  });

  it.each([
    ['US/021000021/1234-5678-9', 'US/021000021/123456789'],
    ['us / 021000021 / 123 456 789', 'US/021000021/123456789'],
    ['12.3456.789', '123456789'],
    ['021000021/123456789', '021000021/123456789'],
  ])('account %j → %j', (raw, expected) => {
    expect(value(normalizeBankAccount(raw))).toBe(expected);
  });

  it('keeps a prefix: with and without a routing code are different values', () => {
    expect(value(normalizeBankAccount('US/021000021/123456789'))).not.toBe(
      value(normalizeBankAccount('123456789')),
    );
  });

  it('refuses letters in an account number and too few digits', () => {
    for (const raw of ['ABC123456', '12345', 'US/12AB/123456', 'XX00'])
      expect(normalizeBankAccount(raw).ok).toBe(false);
  });
});

describe('normalizeAddress', () => {
  it('writes the same address typed two ways the same', () => {
    const a = value(normalizeAddress('12 Main Street, Apartment 4B, Springfield'));
    const b = value(normalizeAddress('12 main st. apt #4b  springfield'));
    const c = value(normalizeAddress('12 MAIN ST, Unit 4B, SPRINGFIELD'));
    expect(a).toBe('12 main st 4b springfield');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
  it('abbreviates directions and street types and strips accents', () => {
    expect(value(normalizeAddress('500 North Avenue, Suite 200, São Paulo'))).toBe(
      '500 n ave 200 sao paulo',
    );
    expect(value(normalizeAddress('P.O. Box 77, Lagos'))).toBe('po box 77 lagos');
  });
  it('keeps different addresses apart', () => {
    expect(value(normalizeAddress('12 Main Street Springfield'))).not.toBe(
      value(normalizeAddress('14 Main Street Springfield')),
    );
    expect(value(normalizeAddress('12 Main Street Apt 4'))).not.toBe(
      value(normalizeAddress('12 Main Street Apt 5')),
    );
  });
  it('refuses a city alone', () => {
    expect(normalizeAddress('London').ok).toBe(false);
  });
});

describe('the new kinds through the shared parser', () => {
  it('parses device, bank_account and address in external_ids', () => {
    const parsed = parseIdentifierList(
      'device:C02XK1ABJG5H;bank_account:GB82 WEST 1234 5698 7654 32;address:1 Elm Road, Leeds',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.identifiers.map((i) => `${i.kind}:${i.value}`)).toEqual([
      'device:c02xk1abjg5h',
      'bank_account:GB82WEST12345698765432',
      'address:1 elm rd leeds',
    ]);
  });
  it('reports a bad IBAN as a row error', () => {
    expect(parseIdentifierList('bank_account:GB00WEST12345698765432').errors).toHaveLength(1);
    expect(normalizeIdentifier('bank_account', '').ok).toBe(false);
  });
});

describe('maskIdentifierValue', () => {
  it('shows only the last four characters of a bank account', () => {
    expect(maskIdentifierValue('bank_account', 'GB82WEST12345698765432')).toBe('••••5432');
    expect(maskIdentifierValue('phone', '+15550100')).toBe('+15550100');
  });
});
