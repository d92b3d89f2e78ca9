import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '../audit/inputs';
import { listVendorsSchema } from '../inventory/inputs';
import { cellText, exportFilters, queryToListInput } from './list-csv';

describe('queryToListInput', () => {
  it('reads arrays, booleans and strings by the schema, dropping paging and unknown keys', () => {
    const q = new URLSearchParams(
      'tiers=critical&tiers=high&reviewOverdue=true&q=acme&cursor=x&limit=3&evil=1&sort=',
    );
    expect(queryToListInput(listVendorsSchema.shape, q)).toEqual({
      tiers: ['critical', 'high'],
      reviewOverdue: true,
      q: 'acme',
    });
  });

  it('leaves dates to the schema to coerce', () => {
    const input = queryToListInput(
      auditFilterSchema.shape,
      new URLSearchParams('from=2026-01-01&cursor=5'),
    );
    expect(auditFilterSchema.parse(input).from).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});

describe('cellText', () => {
  it('writes dates in ISO 8601 UTC, lists joined, absent empty', () => {
    expect(cellText(new Date('2026-03-04T05:06:07Z'))).toBe('2026-03-04T05:06:07.000Z');
    expect(cellText(['a', 'b'])).toBe('a; b');
    expect(cellText(null)).toBe('');
    expect(cellText(3)).toBe('3');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('exportFilters', () => {
  it('keeps the filters, not the paging', () => {
    expect(exportFilters({ status: 'open', cursor: 'c', limit: 100, kind: undefined })).toEqual({
      status: 'open',
    });
  });
});
