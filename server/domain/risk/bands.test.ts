import { describe, expect, it } from 'vitest';
import { bandOf } from './bands';

describe('bandOf', () => {
  it.each([
    [0, 'low'],
    [39.9, 'low'],
    [40, 'medium'],
    [69.9, 'medium'],
    [70, 'high'],
    [89.9, 'high'],
    [90, 'critical'],
    [100, 'critical'],
  ] as const)('%s is %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});
