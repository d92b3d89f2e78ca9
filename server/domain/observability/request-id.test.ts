import { describe, expect, it } from 'vitest';
import { acceptedRequestId } from './request-id';

describe('acceptedRequestId', () => {
  it('keeps ids a proxy or client would send', () => {
    expect(acceptedRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(acceptedRequestId(' Root=1-67891233-abcdef0123456789 ')).toBe(
      'Root=1-67891233-abcdef0123456789',
    );
    expect(acceptedRequestId('lb:abc/123+x=')).toBe('lb:abc/123+x=');
  });

  it('drops missing, long or text-carrying values', () => {
    expect(acceptedRequestId(null)).toBeNull();
    expect(acceptedRequestId('')).toBeNull();
    expect(acceptedRequestId('a'.repeat(101))).toBeNull();
    expect(acceptedRequestId('alice@example.com says hi')).toBeNull();
    expect(acceptedRequestId('alice@example.com')).toBeNull();
    expect(acceptedRequestId('id\n{"level":"error"}')).toBeNull();
  });
});
