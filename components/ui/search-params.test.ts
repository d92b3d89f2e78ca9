import { describe, expect, it } from 'vitest';
import { firstParam, listHref } from './search-params';

describe('search parameters', () => {
  it('reads the first of a repeated key, and empty as absent', () => {
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam('')).toBeUndefined();
  });

  it('links a list with filters changed: defaults and empties left out, cursor reset', () => {
    const p = { status: 'open', kind: 'periodic', cursor: 'abc', overdue: undefined };
    const defaults = { status: 'open' };
    expect(listHref('/vendor-reviews', p, {}, defaults)).toBe('/vendor-reviews?kind=periodic');
    expect(listHref('/vendor-reviews', p, { status: 'decided', kind: undefined }, defaults)).toBe(
      '/vendor-reviews?status=decided',
    );
    expect(listHref('/vendor-reviews', p, { cursor: 'next' }, defaults)).toBe(
      '/vendor-reviews?kind=periodic&cursor=next',
    );
    expect(listHref('/cases', { status: 'active' }, {}, { status: 'active' })).toBe('/cases');
  });
});
