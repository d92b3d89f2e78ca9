import { describe, expect, it } from 'vitest';
import { relyingPartyOf } from './relying-party';

describe('the WebAuthn relying party', () => {
  it('is the configured URL’s host and origin', () => {
    expect(relyingPartyOf('https://vigil.example.com/app')).toEqual({
      rpID: 'vigil.example.com',
      origin: 'https://vigil.example.com',
    });
    expect(relyingPartyOf('http://localhost:3400')).toEqual({
      rpID: 'localhost',
      origin: 'http://localhost:3400',
    });
  });

  it('is unknown without a configured URL', () => {
    expect(relyingPartyOf(undefined)).toBeNull();
    expect(relyingPartyOf('not a url')).toBeNull();
  });
});
