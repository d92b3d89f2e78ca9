import { describe, expect, it } from 'vitest';
import { confirmsErasure, erasedEmail, erasureRefusals } from './erasure';

describe('erasure rules', () => {
  it('refuses with every reason that applies', () => {
    expect(erasureRefusals({ erasedAt: null, legalHold: null, openCases: [] })).toEqual([]);
    const r = erasureRefusals({
      erasedAt: null,
      legalHold: 'Litigation 2026-14',
      openCases: ['CASE-0003', 'CASE-0009'],
    });
    expect(r).toHaveLength(2);
    expect(r[0]).toContain('Litigation 2026-14');
    expect(r[1]).toContain('CASE-0003, CASE-0009');
    expect(r[1]).toContain('close them first');
    expect(
      erasureRefusals({ erasedAt: new Date(), legalHold: 'x', openCases: ['CASE-0001'] }),
    ).toEqual(['This person was already erased.']);
  });

  it('takes the email typed again, case and spaces aside', () => {
    expect(confirmsErasure('  Jane.Doe@Acme.test ', 'jane.doe@acme.test')).toBe(true);
    expect(confirmsErasure('jane', 'jane.doe@acme.test')).toBe(false);
    expect(confirmsErasure('', 'jane.doe@acme.test')).toBe(false);
  });

  it('gives a tombstone email that names nobody', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(erasedEmail(id)).toBe(`erased-${id}@erased.invalid`);
  });
});
