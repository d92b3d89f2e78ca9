import { describe, expect, it } from 'vitest';
import { clientAddress } from './request-meta';

describe('clientAddress', () => {
  it.each([
    [undefined, 1, null],
    ['', 1, null],
    ['203.0.113.7', 1, '203.0.113.7'],
    // A client-supplied first entry is ignored: the proxy appended the real address last.
    ['6.6.6.6, 203.0.113.7', 1, '203.0.113.7'],
    ['6.6.6.6, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    ['203.0.113.7', 3, '203.0.113.7'],
    ['6.6.6.6, 203.0.113.7', 0, '203.0.113.7'],
  ])('%j with %i trusted hops is %j', (header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });
});
