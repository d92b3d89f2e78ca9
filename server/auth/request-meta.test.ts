import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/server/env';
import { clientAddress, requestMetaFromHeaders } from './request-meta';

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

describe('requestMetaFromHeaders with the default settings', () => {
  afterEach(() => resetEnvForTests());

  // Without a proxy Next.js keeps a client's own X-Forwarded-For, so by default none is believed:
  // a forged address must not pick a rate-limit bucket or land in the audit log.
  it('ignores a forged X-Forwarded-For when no proxy is configured', () => {
    const saved = process.env.TRUST_PROXY_HOPS;
    delete process.env.TRUST_PROXY_HOPS;
    resetEnvForTests();
    try {
      expect(requestMetaFromHeaders({ 'x-forwarded-for': '10.3.3.3' }).ip).toBeNull();
      expect(requestMetaFromHeaders(new Headers({ 'x-forwarded-for': '10.3.3.99' })).ip).toBeNull();
    } finally {
      if (saved !== undefined) process.env.TRUST_PROXY_HOPS = saved;
    }
  });

  it('reads the proxy-appended address when one proxy is declared', () => {
    process.env.TRUST_PROXY_HOPS = '1';
    resetEnvForTests();
    try {
      expect(requestMetaFromHeaders({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }).ip).toBe(
        '203.0.113.7',
      );
    } finally {
      delete process.env.TRUST_PROXY_HOPS;
    }
  });
});
