import { z } from 'zod';

/**
 * Per-organization retention in whole months (docs/PRIVACY.md §Retention). The lower bounds keep
 * what the product needs to work: detectors read a 30-day window and baselines, and the case
 * purge and partition drop functions (migration retention_erasure_rls) refuse anything shorter.
 */
export const RETENTION_BOUNDS = {
  accessEventsMonths: { min: 3, max: 120, default: 12 },
  signalsMonths: { min: 3, max: 120, default: 24 },
  closedCasesMonths: { min: 6, max: 120, default: 36 },
} as const;

export type RetentionKey = keyof typeof RETENTION_BOUNDS;
export const RETENTION_KEYS = Object.keys(RETENTION_BOUNDS) as RetentionKey[];

function months(key: RetentionKey) {
  const b = RETENTION_BOUNDS[key];
  return z.coerce
    .number()
    .int('Whole months only')
    .min(b.min, `At least ${b.min} months`)
    .max(b.max, `At most ${b.max} months`)
    .default(b.default);
}

export const retentionSettingsSchema = z.object({
  accessEventsMonths: months('accessEventsMonths'),
  signalsMonths: months('signalsMonths'),
  closedCasesMonths: months('closedCasesMonths'),
});
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;

export const DEFAULT_RETENTION: RetentionSettings = retentionSettingsSchema.parse({});

/** Stored settings may predate a key or hold an out-of-range value: both read as the default. */
export function readRetention(stored: unknown): RetentionSettings {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_RETENTION };
  for (const key of RETENTION_KEYS) {
    const parsed = retentionSettingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

function monthStartUtc(now: Date, monthsBack: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

export interface RetentionCutoffs {
  /** Events before this instant go (a month start, so whole partitions line up). */
  accessEvents: Date;
  /** Signals whose window ended before this go, unless a case holds them. */
  signals: Date;
  /** Cases closed before this go; open cases stay. */
  closedCases: Date;
}

/**
 * N months of retention keep the current month and the N months before it, so the cutoff is the
 * start of the month N months back (UTC): 12 months on 2026-12-07 keeps 2025-12-01 onward.
 */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  return {
    accessEvents: monthStartUtc(now, settings.accessEventsMonths),
    signals: monthStartUtc(now, settings.signalsMonths),
    closedCases: monthStartUtc(now, settings.closedCasesMonths),
  };
}

/**
 * The month before which every organization's events have expired: partitions ending on or
 * before it can be dropped whole. Null without organizations (nothing to drop).
 */
export function partitionDropBoundary(eventCutoffs: readonly Date[]): Date | null {
  if (eventCutoffs.length === 0) return null;
  return new Date(Math.min(...eventCutoffs.map((d) => d.getTime())));
}

/** What changed between two settings, for the audit entry. */
export function retentionChanges(before: RetentionSettings, after: RetentionSettings) {
  return RETENTION_KEYS.filter((k) => before[k] !== after[k]);
}
