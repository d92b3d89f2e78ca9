import { describe, expect, it } from 'vitest';
import { memoByString } from './memo';

describe('memoByString', () => {
  it('computes each distinct value once, null answers included', () => {
    const calls: string[] = [];
    const toolIn = memoByString((s: string) => {
      calls.push(s);
      return s.includes('anydesk') ? 'AnyDesk' : null;
    });
    expect(toolIn('AnyDesk/7 anydesk')).toBe('AnyDesk');
    expect(toolIn('Mozilla/5.0')).toBeNull();
    expect(toolIn('Mozilla/5.0')).toBeNull();
    expect(toolIn('AnyDesk/7 anydesk')).toBe('AnyDesk');
    expect(calls).toEqual(['AnyDesk/7 anydesk', 'Mozilla/5.0']);
  });

  it('starts over at its bound instead of growing without one', () => {
    let calls = 0;
    const length = memoByString((s: string) => {
      calls++;
      return s.length;
    }, 2);
    length('a');
    length('bb');
    length('ccc'); // the cache was full: cleared, then holds 'ccc'
    length('a');
    expect(calls).toBe(4);
    length('ccc');
    expect(calls).toBe(4);
  });
});
