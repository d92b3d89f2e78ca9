import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  partitionDropBoundary,
  readRetention,
  retentionCutoffs,
  retentionSettingsSchema,
} from './settings';

describe('retention settings', () => {
  it('defaults every limit and keeps them within bounds', () => {
    expect(DEFAULT_RETENTION).toEqual({
      accessEventsMonths: 12,
      signalsMonths: 24,
      closedCasesMonths: 36,
    });
    expect(retentionSettingsSchema.safeParse({ accessEventsMonths: 2 }).success).toBe(false);
    expect(retentionSettingsSchema.safeParse({ closedCasesMonths: 5 }).success).toBe(false);
    expect(retentionSettingsSchema.safeParse({ signalsMonths: 121 }).success).toBe(false);
    expect(retentionSettingsSchema.safeParse({ signalsMonths: 6.5 }).success).toBe(false);
    expect(retentionSettingsSchema.parse({ signalsMonths: '6' }).signalsMonths).toBe(6);
  });

  it('reads stored values key by key, defaulting what is missing or out of range', () => {
    expect(readRetention(null)).toEqual(DEFAULT_RETENTION);
    expect(readRetention({ accessEventsMonths: 6, signalsMonths: 1, junk: true })).toEqual({
      ...DEFAULT_RETENTION,
      accessEventsMonths: 6,
    });
  });

  it('cuts at the start of the month N months back, in UTC', () => {
    const now = new Date('2026-12-07T17:00:00Z');
    const c = retentionCutoffs(
      { accessEventsMonths: 12, signalsMonths: 3, closedCasesMonths: 24 },
      now,
    );
    expect(c.accessEvents.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(c.signals.toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(c.closedCases.toISOString()).toBe('2024-12-01T00:00:00.000Z');
    // January minus three months crosses the year.
    const jan = retentionCutoffs(DEFAULT_RETENTION, new Date('2027-01-31T23:59:59Z'));
    expect(jan.accessEvents.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('drops partitions only below the earliest cutoff of all organizations', () => {
    const a = new Date('2025-12-01T00:00:00Z');
    const b = new Date('2026-06-01T00:00:00Z');
    expect(partitionDropBoundary([b, a])?.toISOString()).toBe(a.toISOString());
    expect(partitionDropBoundary([])).toBeNull();
  });
});
