import { median } from '../detectors/stats';

/**
 * What the signal page charts per day for a kind whose story is a daily count
 * (docs/PRODUCT.md §Signals and triage): the detectors' own measure where they have one
 * (volume_spike sums records per local day, docs/DETECTORS.md §Defaults).
 */
export const DAILY_METRICS = {
  records: { title: 'Records touched per day', unit: 'records' },
  sensitiveRecords: { title: 'Sensitive records touched per day', unit: 'sensitive records' },
  unticketedSensitive: {
    title: 'Sensitive accesses without a ticket per day',
    unit: 'accesses without a ticket',
  },
  offHoursEvents: { title: 'Events outside working hours per day', unit: 'events' },
} as const;
export type DailyMetric = keyof typeof DAILY_METRICS;

const METRIC_OF_KIND: Record<string, DailyMetric> = {
  volume_spike: 'records',
  bulk_record_access: 'sensitiveRecords',
  access_without_ticket: 'unticketedSensitive',
  off_hours: 'offHoursEvents',
};

/** The daily measure charted for a kind, or null when a daily count is not its story. */
export function dailyMetricOf(kind: string): DailyMetric | null {
  return METRIC_OF_KIND[kind] ?? null;
}

/** Days the chart covers before the signal's day: the detectors' baseline window. */
export const BASELINE_DAYS = 30;

/** `YYYY-MM-DD` plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface BaselineDay {
  day: string;
  value: number;
  /** The signal's own day (the bar the chart highlights). */
  signal: boolean;
}

/**
 * The person's series over the 30 days before the signal's day and that day, a zero for each day
 * without activity, and their median over the active days before it, as the detectors take it
 * (docs/DETECTORS.md §Principles: median of the trailing window's active days).
 */
export function personSeries(
  signalDay: string,
  rows: readonly { day: string; value: number }[],
): { days: BaselineDay[]; median: number | null; activeDays: number } {
  const byDay = new Map(rows.map((r) => [r.day, r.value]));
  const days: BaselineDay[] = [];
  for (let i = BASELINE_DAYS; i >= 0; i--) {
    const day = addDays(signalDay, -i);
    days.push({ day, value: byDay.get(day) ?? 0, signal: i === 0 });
  }
  const before = rows.filter(
    (r) => r.day < signalDay && r.day >= addDays(signalDay, -BASELINE_DAYS),
  );
  return {
    days,
    median: before.length ? median(before.map((r) => r.value)) : null,
    activeDays: before.length,
  };
}
