import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import {
  mapPersonRow,
  mapSystemRow,
  mapVendorRow,
  PEOPLE_COLUMNS,
  SYSTEM_COLUMNS,
  VENDOR_COLUMNS,
} from './rows';

describe('readCsv', () => {
  it('accepts columns in any order, trims cells, skips blank lines and reports record end lines', () => {
    const result = readCsv(
      '\uFEFFcountry, Name\n PH , Acme\n\n"GB","Multi\nline"\n',
      VENDOR_COLUMNS,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, cells: { country: 'PH', name: 'Acme' } },
        { line: 5, cells: { country: 'GB', name: 'Multi\nline' } },
      ],
    });
  });

  it.each([
    ['', /empty/],
    ['name,colour\nAcme,red\n', /Unknown column "colour"/],
    ['name,name\nA,B\n', /more than once/],
    ['country\nPH\n', /Missing required column: name/],
    ['name\n"unterminated\n', /not valid CSV/],
    ['name\nA\u0000B\n', /not text/],
  ])('refuses a bad file %j with a clear message', (text, message) => {
    const result = readCsv(text, VENDOR_COLUMNS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const result = readCsv(text, PEOPLE_COLUMNS);
        return result.ok ? Array.isArray(result.rows) : result.error.length > 0;
      }),
      { numRuns: 500 },
    );
  });
});

describe('row mappers', () => {
  it('maps a vendor row and reports every bad cell at once', () => {
    expect(
      mapVendorRow({
        name: 'Acme',
        tier: 'High',
        status: 'ACTIVE',
        data_categories: 'customer_pii; kyc_documents',
        contract_end: '2027-01-31',
      }),
    ).toEqual({
      ok: true,
      value: {
        name: 'Acme',
        services: '',
        tier: 'high',
        status: 'active',
        dataCategories: ['customer_pii', 'kyc_documents'],
        contractEnd: '2027-01-31',
        country: undefined,
        contractStart: undefined,
        ownerEmail: undefined,
      },
    });
    const bad = mapVendorRow({
      name: 'Acme',
      tier: 'extreme',
      country: 'Philippines',
      data_categories: 'gossip',
      contract_start: '31/01/2026',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.reason).toMatch(/tier "extreme"/);
      expect(bad.reason).toMatch(/country "Philippines"/);
      expect(bad.reason).toMatch(/data category "gossip"/);
      expect(bad.reason).toMatch(/contract_start "31\/01\/2026"/);
    }
    expect(mapVendorRow({ name: '' })).toMatchObject({ ok: false, reason: /name is required/ });
  });

  it('maps a system row with its privileges', () => {
    expect(
      mapSystemRow({
        name: 'Treasury',
        criticality: 'critical',
        privileges: 'create_payee:critical;view:low',
      }),
    ).toMatchObject({
      ok: true,
      value: {
        privileges: [
          { name: 'create_payee', sensitivity: 'critical' },
          { name: 'view', sensitivity: 'low' },
        ],
      },
    });
    expect(mapSystemRow({ name: 'Treasury', privileges: 'create_payee' })).toMatchObject({
      ok: false,
      reason: /name:sensitivity/,
    });
    expect(mapSystemRow({ name: 'Treasury', privileges: 'a:low;A:high' })).toMatchObject({
      ok: false,
      reason: /listed twice/,
    });
  });

  it('maps a person row with typed identifiers and phone in E.164', () => {
    const row = mapPersonRow({
      email: 'Jun@Vendor.example',
      full_name: 'Jun Reyes',
      type: 'vendor_staff',
      vendor: 'Manila Support',
      country: 'ph',
      external_ids: 'okta:00u1;github:@JunR',
      phone: '0917 555 0134',
    });
    expect(row).toMatchObject({
      ok: true,
      value: {
        email: 'jun@vendor.example',
        country: 'PH',
        identifiers: [
          { kind: 'okta', value: '00u1' },
          { kind: 'github', value: 'junr' },
          { kind: 'phone', value: '+639175550134' },
        ],
      },
    });
    expect(
      mapPersonRow({ email: 'x', full_name: '', type: 'alien', timezone: 'Mars/Base' }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/email "x".*full_name.*type "alien".*timezone "Mars\/Base"/),
    });
    expect(
      mapPersonRow({ email: 'a@b.co', full_name: 'No Vendor', type: 'vendor_staff' }),
    ).toMatchObject({ ok: false, reason: /vendor is required/ });
    expect(
      mapPersonRow({ email: 'a@b.co', full_name: 'Staffer', type: 'employee', vendor: 'Acme' }),
    ).toMatchObject({ ok: false, reason: /cannot belong to a vendor/ });
  });

  it('exposes the documented columns', () => {
    expect([...SYSTEM_COLUMNS.required, ...SYSTEM_COLUMNS.optional]).toEqual([
      'name',
      'criticality',
      'data_classification',
      'owner_email',
      'privileges',
      // docs/IMPORTS.md §systems.csv: the names the logs use for the system (`a;b`).
      'aliases',
    ]);
  });
});
