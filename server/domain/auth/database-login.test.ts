import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPrivilegeRefusal, scramVerifier, superuserRefusal } from './database-login';

describe('superuserRefusal', () => {
  const superuser = { role: 'postgres', superuser: true };

  it('refuses a superuser in production, naming the variable that allows it', () => {
    const refusal = superuserRefusal(superuser, { NODE_ENV: 'production' });
    expect(refusal).toContain('"postgres"');
    expect(refusal).toContain('VIGIL_ALLOW_SUPERUSER=1');
    expect(refusal).toContain('DATABASE_MIGRATION_URL');
  });

  it('accepts a superuser in production when the operator opts in, and outside production', () => {
    expect(
      superuserRefusal(superuser, { NODE_ENV: 'production', VIGIL_ALLOW_SUPERUSER: '1' }),
    ).toBeNull();
    expect(
      superuserRefusal(superuser, { NODE_ENV: 'production', VIGIL_ALLOW_SUPERUSER: 'yes' }),
    ).not.toBeNull();
    expect(superuserRefusal(superuser, { NODE_ENV: 'development' })).toBeNull();
    expect(superuserRefusal(superuser, {})).toBeNull();
  });

  it('accepts a least-privilege login in production', () => {
    expect(
      superuserRefusal({ role: 'vigil_login', superuser: false }, { NODE_ENV: 'production' }),
    ).toBeNull();
  });
});

describe('isPrivilegeRefusal', () => {
  it('finds SQLSTATE 42501 on the error or a wrapped cause', () => {
    expect(isPrivilegeRefusal({ code: '42501' })).toBe(true);
    expect(isPrivilegeRefusal(new Error('x', { cause: { code: '42501' } }))).toBe(true);
    expect(isPrivilegeRefusal(new Error('x', { cause: { code: '23505' } }))).toBe(false);
    expect(isPrivilegeRefusal(undefined)).toBe(false);
  });
});

describe('scramVerifier', () => {
  it('yields keys that complete the SCRAM-SHA-256 exchange in RFC 7677 §3', () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
    const verifier = scramVerifier('pencil', salt);
    const [, storedB64, serverB64] =
      /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$([^:]+):(.+)$/.exec(verifier)!;
    const storedKey = Buffer.from(storedB64!, 'base64');
    const serverKey = Buffer.from(serverB64!, 'base64');
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`;
    // The server proves itself with ServerKey …
    expect(createHmac('sha256', serverKey).update(authMessage).digest('base64')).toBe(
      '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    );
    // … and checks the client's proof against StoredKey.
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]!));
    expect(createHash('sha256').update(clientKey).digest().equals(storedKey)).toBe(true);
    expect(scramVerifier('pencil!', salt)).not.toBe(verifier);
  });
});
