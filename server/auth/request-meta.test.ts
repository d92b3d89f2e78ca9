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
    // With no trusted proxy the header is the client's own claim and is ignored.
    ['6.6.6.6, 203.0.113.7', 0, null],
    ['6.6.6.6', 0, null],
  ])('%j with %i trusted hops is %j', (header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });
});
