import { describe, expect, it } from 'vitest';
import {
  mayReadSignals,
  REVEAL_DAYS,
  revealExpiry,
  revealRefusal,
  seesPseudonyms,
  showsName,
} from './visibility';

const ON = { pseudonymize: true, managersSeeReportSignals: false };
const OFF = { pseudonymize: false, managersSeeReportSignals: false };
const HIDDEN = { inOpenCase: false, revealedToViewer: false };

describe('seesPseudonyms', () => {
  it('applies to investigators when the organization pseudonymizes', () => {
    expect(seesPseudonyms('compliance', ON)).toBe(true);
    expect(seesPseudonyms('admin', ON)).toBe(true);
    expect(seesPseudonyms('manager', ON)).toBe(true);
    expect(seesPseudonyms('compliance', OFF)).toBe(false);
  });

  it('never applies to auditors', () => {
    expect(seesPseudonyms('auditor', ON)).toBe(false);
  });
});

describe('showsName', () => {
  it('hides the name until a case or a reveal', () => {
    expect(showsName('compliance', ON, HIDDEN)).toBe(false);
    expect(showsName('compliance', ON, { ...HIDDEN, inOpenCase: true })).toBe(true);
    expect(showsName('compliance', ON, { ...HIDDEN, revealedToViewer: true })).toBe(true);
    expect(showsName('compliance', OFF, HIDDEN)).toBe(true);
    expect(showsName('auditor', ON, HIDDEN)).toBe(true);
  });
});

describe('mayReadSignals', () => {
  it('keeps managers out unless the organization allows it', () => {
    expect(mayReadSignals('manager', ON)).toBe(false);
    expect(mayReadSignals('manager', { ...ON, managersSeeReportSignals: true })).toBe(true);
    expect(mayReadSignals('compliance', ON)).toBe(true);
  });
});

describe('reveals', () => {
  it('last REVEAL_DAYS', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(revealExpiry(now).getTime() - now.getTime()).toBe(REVEAL_DAYS * 86_400_000);
  });

  it('are refused without the permission, when off, or when the name already shows', () => {
    const ok = { pseudonymize: true, canReveal: true, alreadyShown: false };
    expect(revealRefusal(ok)).toBeNull();
    expect(revealRefusal({ ...ok, canReveal: false })).toMatch(/reveal permission/);
    expect(revealRefusal({ ...ok, pseudonymize: false })).toMatch(/does not pseudonymize/);
    expect(revealRefusal({ ...ok, alreadyShown: true })).toMatch(/already/);
  });
});
