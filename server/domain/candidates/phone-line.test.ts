import { describe, expect, it } from 'vitest';
import { judgePhoneLines, phoneLineOf } from './phone-line';

describe('phone line type', () => {
  it('flags VoIP and virtual numbers from the numbering plan', () => {
    expect(phoneLineOf('+445612345678')).toMatchObject({ type: 'VOIP' });
    expect(phoneLineOf('+447012345678').flag).toMatch(/personal/);
    expect(phoneLineOf('+443332123456').flag).toMatch(/universal access/);
    expect(phoneLineOf('+18005550199').type).toBe('TOLL_FREE');
  });

  it('passes mobile and fixed lines, fails on any virtual one, stays open without a phone', () => {
    expect(judgePhoneLines(['+4915123456789', '+4930123456']).result).toBe('pass');
    const mixed = judgePhoneLines(['+4915123456789', '+445612345678']);
    expect(mixed.result).toBe('fail');
    expect(mixed.detail).toContain('+445612345678 is a VoIP number');
    expect(judgePhoneLines([]).result).toBe('open');
  });
});
