import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CollectionObject } from './bundle';
import { taxiiObjectsQuerySchema } from './inputs';
import {
  acceptsTaxii,
  dateAddedHeaders,
  decodeNext,
  isTaxiiContentType,
  pageObjects,
} from './taxii';

const obj = (n: number, at: string): CollectionObject => ({
  object: {
    type: 'indicator',
    id: `indicator--00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  },
  dateAdded: new Date(at),
});
const all = [
  obj(3, '2026-01-03T00:00:00.000Z'),
  obj(1, '2026-01-01T00:00:00.000Z'),
  obj(2, '2026-01-02T00:00:00.000Z'),
  obj(4, '2026-01-03T00:00:00.000Z'),
];
const q = (raw: Record<string, unknown>) => taxiiObjectsQuerySchema.parse(raw);

describe('TAXII media types', () => {
  it.each([
    ['application/taxii+json;version=2.1', true],
    ['application/taxii+json; version=2.1', true],
    ['application/taxii+json', true],
    ['text/html, application/taxii+json;version=2.1;q=0.9', true],
    ['application/taxii+json;version=2.0', false],
    ['application/json', false],
    ['application/stix+json;version=2.1', false],
    ['*/*', false],
    [null, false],
  ])('Accept %s → %s', (accept, ok) => {
    expect(acceptsTaxii(accept)).toBe(ok);
  });

  it('checks a body’s Content-Type', () => {
    expect(isTaxiiContentType('application/taxii+json;version=2.1')).toBe(true);
    expect(isTaxiiContentType('application/json')).toBe(false);
    expect(isTaxiiContentType(null)).toBe(false);
  });
});

describe('pageObjects', () => {
  it('pages in date-added order with next, then added_after', () => {
    const first = pageObjects(all, q({ limit: '2' }))!;
    expect(first.objects.map((o) => o.object.id.slice(-2))).toEqual(['01', '02']);
    expect(first.more).toBe(true);
    const second = pageObjects(all, q({ limit: '2', next: first.next }))!;
    expect(second.objects.map((o) => o.object.id.slice(-2))).toEqual(['03', '04']);
    expect(second).not.toHaveProperty('next');
    expect(second.more).toBe(false);
    expect(dateAddedHeaders(second.objects)).toEqual({
      'X-TAXII-Date-Added-First': '2026-01-03T00:00:00.000Z',
      'X-TAXII-Date-Added-Last': '2026-01-03T00:00:00.000Z',
    });
    const after = pageObjects(all, q({ added_after: '2026-01-02T00:00:00.000Z' }))!;
    expect(after.objects.map((o) => o.object.id.slice(-2))).toEqual(['03', '04']);
  });

  it('refuses a token it did not write', () => {
    expect(pageObjects(all, q({ next: 'bm9wZQ' }))).toBeNull();
    expect(decodeNext('!!')).toBeNull();
  });

  it('visits every object exactly once whatever the page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (limit) => {
        const seen: string[] = [];
        let next: string | undefined;
        for (;;) {
          const page = pageObjects(all, q({ limit: String(limit), ...(next ? { next } : {}) }))!;
          seen.push(...page.objects.map((o) => o.object.id));
          if (!page.more) break;
          next = page.next;
        }
        expect(seen).toHaveLength(4);
        expect(new Set(seen).size).toBe(4);
      }),
    );
  });
});
