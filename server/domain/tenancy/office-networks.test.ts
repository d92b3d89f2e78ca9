import { describe, expect, it } from 'vitest';
import { compileIpMatcher } from '../detectors/ip';
import {
  MAX_OFFICE_NETWORKS,
  normalizeNetwork,
  officeMatchLists,
  officeNetworksSchema,
} from './office-networks';

describe('normalizeNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7/32', '203.0.113.7'],
    ['203.0.113.0/24', '203.0.113.0/24'],
    ['203.0.113.77/24', '203.0.113.0/24'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:1:2:3:4:5:6/48', '2001:db8:1::/48'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:db8::1/128', '2001:db8::1'],
    ['::1', '::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
  ])('%j is %j', (input, cidr) => {
    expect(normalizeNetwork(input)).toEqual({ ok: true, cidr });
  });

  it.each([
    '',
    'office',
    '203.0.113',
    '203.0.113.256',
    '203.0.113.07',
    '203.0.113.0/33',
    '203.0.113.0/-1',
    '203.0.113.0/24/1',
    '203.0.113.0/ 24',
    '203.0.113.0 /24',
    '203.0.113.0/',
    '2001:db8::1::2',
    '2001:db8::g',
    'fe80::1%eth0',
    '2001:db8::/129',
  ])('rejects %j as not an address', (input) => {
    const r = normalizeNetwork(input);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/IP address or CIDR range/);
  });

  it.each([
    ['0.0.0.0/0', '/0'],
    ['10.0.0.0/7', '/7'],
    ['::/0', '/0'],
    ['2001:db8::/31', '/31'],
  ])('rejects the over-wide range %j with a clear message', (input, prefix) => {
    const r = normalizeNetwork(input);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(`${prefix} is too wide`);
  });
});

describe('officeNetworksSchema', () => {
  it('normalizes entries and defaults the label', () => {
    expect(
      officeNetworksSchema.parse([
        { cidr: '203.0.113.9/24', label: '  London office ' },
        { cidr: '198.51.100.20' },
      ]),
    ).toEqual([
      { cidr: '203.0.113.0/24', label: 'London office' },
      { cidr: '198.51.100.20', label: '' },
    ]);
  });

  it('points each error at its row', () => {
    const r = officeNetworksSchema.safeParse([
      { cidr: '203.0.113.0/24' },
      { cidr: 'not an ip' },
      { cidr: '0.0.0.0/0' },
      { cidr: '203.0.113.0/24', label: 'x'.repeat(81) },
    ]);
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['1.cidr', expect.stringMatching(/"not an ip" is not an IP address/)],
      ['2.cidr', expect.stringMatching(/\/0 is too wide/)],
      ['3.label', 'Label: at most 80 characters'],
    ]);
  });

  it('rejects a network listed twice, after normalization', () => {
    const r = officeNetworksSchema.safeParse([
      { cidr: '203.0.113.0/24' },
      { cidr: '203.0.113.200/24' },
    ]);
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['1.cidr', '203.0.113.0/24 is listed twice'],
    ]);
  });

  it(`accepts ${MAX_OFFICE_NETWORKS} networks and no more`, () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ cidr: `10.${i >> 8}.${i & 255}.0/24` }));
    expect(officeNetworksSchema.safeParse(many(MAX_OFFICE_NETWORKS)).success).toBe(true);
    expect(officeNetworksSchema.safeParse(many(MAX_OFFICE_NETWORKS + 1)).success).toBe(false);
  });

  it('splits into the lists the detectors match against', () => {
    const networks = officeNetworksSchema.parse([
      { cidr: '203.0.113.0/24' },
      { cidr: '198.51.100.20' },
      { cidr: '2001:db8:1::/48' },
    ]);
    const lists = officeMatchLists(networks);
    expect(lists).toEqual({
      officeIps: ['198.51.100.20'],
      officeCidrs: ['203.0.113.0/24', '2001:db8:1::/48'],
    });
    const isOffice = compileIpMatcher(lists.officeIps, lists.officeCidrs);
    expect(isOffice('203.0.113.250')).toBe(true);
    expect(isOffice('198.51.100.20')).toBe(true);
    expect(isOffice('198.51.100.21')).toBe(false);
    expect(isOffice('2001:db8:1:ffff::5')).toBe(true);
    expect(isOffice('2001:db8:2::5')).toBe(false);
  });
});
