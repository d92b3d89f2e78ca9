import { describe, expect, it } from 'vitest';
import { personStatus } from './person';

describe('personStatus', () => {
  it('is active without an end date, through the end date itself, and left after it', () => {
    expect(personStatus(null, '2026-09-17')).toBe('active');
    expect(personStatus('2026-09-17', '2026-09-17')).toBe('active');
    expect(personStatus('2026-09-18', '2026-09-17')).toBe('active');
    expect(personStatus('2026-09-16', '2026-09-17')).toBe('left');
  });
});
