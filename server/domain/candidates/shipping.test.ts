import { describe, expect, it } from 'vitest';
import { countryFromText } from './countries';
import { freightForwarderIn, judgeShipping, type ShippingFacts } from './shipping';

const base: ShippingFacts = {
  address: '12 Linden Street, 10115 Berlin, Germany',
  addressCountry: null,
  declaredCountry: 'DE',
  declaredLocation: 'Berlin, Germany',
  sharedWith: [],
};

describe('countries from free text', () => {
  it('reads the last part as a country name or code, not a US state', () => {
    expect(countryFromText('Austin, TX, United States')).toBe('US');
    expect(countryFromText('Lagos, Nigeria')).toBe('NG');
    expect(countryFromText('Leeds, UK')).toBe('GB');
    expect(countryFromText('Austin, TX')).toBeNull();
    expect(countryFromText('Paris, FR')).toBe('FR');
    expect(countryFromText(null)).toBeNull();
  });
});

describe('laptop shipping address', () => {
  it('passes an address in the declared country', () => {
    expect(judgeShipping(base).result).toBe('pass');
  });

  it('fails on a country mismatch, a forwarder and an address someone else gave, naming each', () => {
    const v = judgeShipping({
      ...base,
      address: 'Shipito, 1010 S Broadway Ste 5, Torrance, CA 90502, United States',
      sharedWith: [{ type: 'contractor' }],
    });
    expect(v.result).toBe('fail');
    expect(v.detail).toContain('Shipito');
    expect(v.detail).toContain('in US but the candidate declared DE');
    expect(v.detail).toContain('used by a contractor');
  });

  it('knows forwarder words and private mailboxes', () => {
    expect(freightForwarderIn('PMB 442, 8 The Green, Dover, DE')).toMatch(/private mailbox/);
    expect(freightForwarderIn('Package forwarding dept, 3 Main St')).toMatch(/forwarding/);
    expect(freightForwarderIn('12 Linden Street, Berlin')).toBeNull();
  });

  it('stays open when the address or a country is missing', () => {
    expect(judgeShipping({ ...base, address: null }).result).toBe('open');
    expect(judgeShipping({ ...base, address: '12 Linden Street 10115 Berlin' }).result).toBe(
      'open',
    );
    expect(judgeShipping({ ...base, declaredCountry: null, declaredLocation: null }).result).toBe(
      'open',
    );
  });
});
