// Local working hours to UTC instants, per IANA zone and day (DST included), cached per zone-day.
import { localTime } from '@/server/domain/detectors/local-time';
import { DAY_MS } from './model';

const offsets = new Map<string, number>();

/** The generator's calendar: day 0 starts at `startMs` (UTC midnight). */
export class Calendar {
  constructor(
    readonly startMs: number,
    readonly days: number,
  ) {}

  dayStart(day: number): number {
    return this.startMs + day * DAY_MS;
  }

  /** 0 = Sunday … 6 = Saturday, of the calendar date. */
  weekday(day: number): number {
    return new Date(this.dayStart(day)).getUTCDay();
  }

  /** The UTC instant of `hours` (may exceed 24 for past-midnight) local time on that date. */
  at(day: number, hours: number, timezone: string): number {
    const guess = this.dayStart(day) + hours * 3_600_000;
    const key = `${timezone}|${day}`;
    let off = offsets.get(key);
    if (off === undefined) {
      off = localTime(new Date(this.dayStart(day) + 12 * 3_600_000), timezone).offsetMinutes;
      offsets.set(key, off);
    }
    return Math.round(guess - off * 60_000);
  }
}
