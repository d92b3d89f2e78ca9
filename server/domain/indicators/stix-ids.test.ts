import { describe, expect, it } from 'vitest';
import { stixId, uuidV5 } from './stix-ids';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives STIX ids that are stable and typed', () => {
    expect(stixId('indicator', 'x')).toBe(stixId('indicator', 'x'));
    expect(stixId('indicator', 'x')).not.toBe(stixId('indicator', 'y'));
    expect(stixId('identity', 'x')).toMatch(
      /^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
