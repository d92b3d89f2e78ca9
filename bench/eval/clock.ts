// Local working hours to UTC instants, per IANA zone and day (DST included), cached per zone-day.
import { DAY_MS } from './model';

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(timezone: string, at: number): number {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timezone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

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
      off = offsetMinutes(timezone, this.dayStart(day) + 12 * 3_600_000);
      offsets.set(key, off);
    }
    return Math.round(guess - off * 60_000);
  }
}
