import { describe, expect, it } from 'vitest';
import { evaluateChecks, MANUAL_CHECKS, type CandidateFacts } from './checks';
import { decideHire } from './gate';

const now = new Date('2026-12-01T10:00:00Z');
const passed = { result: 'pass' as const, note: null, checkedByName: 'Cora', checkedAt: now };

function facts(over: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    phones: ['+4915123456789'],
    shipping: {
      address: '12 Linden Street, Berlin, Germany',
      addressCountry: null,
      declaredCountry: 'DE',
      declaredLocation: null,
      sharedWith: [],
    },
    reuse: [],
    matches: [],
    manual: Object.fromEntries(MANUAL_CHECKS.map((k) => [k, passed])),
    ...over,
  };
}

describe('the checklist', () => {
  it('lists every check, manual ones open until recorded', () => {
    const checks = evaluateChecks(facts({ manual: {} }), now);
    expect(checks.map((c) => c.kind)).toEqual([
      'government_id',
      'video_interview',
      'camera_on',
      'face_match',
      'references',
      'phone_line',
      'shipping_address',
      'identity_reuse',
      'watchlist',
    ]);
    expect(checks.filter((c) => c.result === 'open')).toHaveLength(5);
  });

  it('fails identity reuse and a confirmed watchlist match; an open match stays open', () => {
    const checks = evaluateChecks(
      facts({
        reuse: [
          {
            kind: 'phone',
            value: '+1555',
            sharedWith: [{ type: 'employee' }],
            watchlistEntries: 1,
          },
        ],
        matches: [{ entryName: 'J. Doe', source: 'public list', status: 'open' }],
      }),
      now,
    );
    const by = Object.fromEntries(checks.map((c) => [c.kind, c]));
    expect(by.identity_reuse!.result).toBe('fail');
    expect(by.identity_reuse!.detail).toContain('an employee and 1 watchlist entry');
    expect(by.watchlist!.result).toBe('open');
  });
});

describe('the hire gate', () => {
  it('lets a candidate with every check passed through', () => {
    expect(
      decideHire(evaluateChecks(facts(), now), { isAdmin: false, overrideReason: null }),
    ).toEqual({
      allowed: true,
      overridden: [],
    });
  });

  it('refuses with every reason when checks fail or are open', () => {
    const checks = evaluateChecks(
      facts({
        phones: ['+445612345678'],
        shipping: { ...facts().shipping, sharedWith: [{ type: 'contractor' }] },
        manual: { ...facts().manual, references: undefined },
      }),
      now,
    );
    const d = decideHire(checks, { isAdmin: false, overrideReason: null });
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.reasons).toHaveLength(3);
    expect(d.reasons.join('\n')).toMatch(/Phone line type: failed.*VoIP/);
    expect(d.reasons.join('\n')).toMatch(/Laptop shipping address: failed.*contractor/);
    expect(d.reasons.join('\n')).toMatch(/References.*: open/);
  });

  it('lets only an admin override, with a written reason, and keeps what was overridden', () => {
    const checks = evaluateChecks(facts({ phones: ['+445612345678'] }), now);
    const reason = 'Carrier confirmed the VoIP line is the company softphone.';
    const manager = decideHire(checks, { isAdmin: false, overrideReason: reason });
    expect(manager.allowed).toBe(false);
    if (!manager.allowed) expect(manager.reasons.at(-1)).toMatch(/Only an admin/);
    const short = decideHire(checks, { isAdmin: true, overrideReason: 'ok' });
    expect(short.allowed).toBe(false);
    const admin = decideHire(checks, { isAdmin: true, overrideReason: reason });
    expect(admin.allowed).toBe(true);
    if (admin.allowed) expect(admin.overridden[0]).toMatch(/Phone line type/);
  });
});
