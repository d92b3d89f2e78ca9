import { describe, expect, it } from 'vitest';
import { decideItemsSchema } from './inputs';

describe('decision input', () => {
  const id = '00000000-0000-4000-8000-000000000001';
  it('needs a rationale for revoke and modify, not for keep', () => {
    expect(decideItemsSchema.safeParse({ itemIds: [id], decision: 'keep' }).success).toBe(true);
    const r = decideItemsSchema.safeParse({ itemIds: [id], decision: 'revoke', rationale: ' ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['rationale']);
  });
  it('needs a new end date for modify', () => {
    const r = decideItemsSchema.safeParse({
      itemIds: [id],
      decision: 'modify',
      rationale: 'shorter',
    });
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['expiresOn']);
    expect(
      decideItemsSchema.safeParse({
        itemIds: [id],
        decision: 'modify',
        rationale: 'shorter',
        expiresOn: '2026-04-01',
      }).success,
    ).toBe(true);
  });
  it('takes between 1 and 200 items', () => {
    expect(decideItemsSchema.safeParse({ itemIds: [], decision: 'keep' }).success).toBe(false);
    expect(
      decideItemsSchema.safeParse({
        itemIds: Array.from({ length: 201 }, () => id),
        decision: 'keep',
      }).success,
    ).toBe(false);
  });
});
