import { describe, expect, it } from 'vitest';
import {
  authRefusalMessage,
  backoffMs,
  classifyStatus,
  connectorUrlRefusal,
  nextLinkOf,
  retryAfterMs,
} from './http';

describe('nextLinkOf', () => {
  it('finds rel="next" among several links, in one header or joined ones', () => {
    const self = '<https://x.okta.com/api/v1/logs?limit=2>; rel="self"';
    const next = '<https://x.okta.com/api/v1/logs?limit=2&after=abc>; rel="next"';
    expect(nextLinkOf(`${self}, ${next}`)).toBe('https://x.okta.com/api/v1/logs?limit=2&after=abc');
    expect(nextLinkOf(next)).toBe('https://x.okta.com/api/v1/logs?limit=2&after=abc');
    expect(nextLinkOf('<https://a/b>; rel=next')).toBe('https://a/b');
    expect(nextLinkOf('<https://a/b>; rel="prev next"')).toBe('https://a/b');
  });
  it('is null without a next link', () => {
    expect(nextLinkOf(null)).toBeNull();
    expect(nextLinkOf('<https://a/b>; rel="self"')).toBeNull();
    expect(nextLinkOf('<https://a/b>; rel="nextish"')).toBeNull();
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Mon, 07 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('is null when absent or unreadable', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('classifyStatus', () => {
  it('retries 429 and 5xx, asks an admin on 401/403, fails the rest', () => {
    expect(classifyStatus(200)).toBe('ok');
    expect(classifyStatus(429)).toBe('retry');
    expect(classifyStatus(503)).toBe('retry');
    expect(classifyStatus(401)).toBe('auth');
    expect(classifyStatus(403)).toBe('auth');
    expect(classifyStatus(404)).toBe('fail');
  });
});

it('backs off exponentially up to a cap', () => {
  expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
});

it('says what to do about refused credentials', () => {
  expect(authRefusalMessage('Okta', 401, 'API token')).toMatch(/expired.*new API token/);
  expect(authRefusalMessage('Okta', 403, 'API token')).toMatch(/permission/);
});

it('asks for https unless private targets are allowed, and no credentials in the URL', () => {
  expect(connectorUrlRefusal(new URL('https://a.okta.com'), false)).toBeNull();
  expect(connectorUrlRefusal(new URL('http://127.0.0.1:9'), false)).toMatch(/https/);
  expect(connectorUrlRefusal(new URL('http://127.0.0.1:9'), true)).toBeNull();
  expect(connectorUrlRefusal(new URL('https://u:p@a.okta.com'), true)).toMatch(/credentials/);
});
