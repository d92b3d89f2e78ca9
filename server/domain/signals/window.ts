import { isTimeZone } from '../time-zone';
import { MONTHS } from './words';

interface Parts {
  weekday: string;
  day: number;
  month: string;
  year: number;
  time: string;
  /** YYYY-MM-DD, to tell days apart. */
  ymd: string;
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(at: Date, tz: string): Parts {
  let f = formatters.get(tz);
  if (!f) {
    // Numeric parts in en-US, named here: ICU versions disagree on "Sep" and "Sept".
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      weekday: 'short',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  const monthIndex = Number(p.month) - 1;
  const year = Number(p.year);
  const day = Number(p.day);
  const hour = Number(p.hour);
  const minute = Number(p.minute);
  const asUtc = Date.UTC(year, monthIndex, day, hour, minute);
  const floored = Math.floor(at.getTime() / 60_000) * 60_000;
  return {
    weekday: p.weekday!,
    day,
    month: MONTHS[monthIndex]!,
    year,
    time: `${p.hour}:${p.minute}`,
    ymd: `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    offsetMinutes: Math.round((asUtc - floored) / 60_000),
  };
}

/** Minutes east of UTC → "UTC+8", "UTC+5:30", "UTC-3", "UTC+0". */
export function utcOffsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

const dayHead = (a: Parts, weekday: boolean) =>
  `${weekday ? `${a.weekday} ` : ''}${a.day} ${a.month}`;

export interface WindowDescription {
  /** The window in the person's declared zone, or null when they declared none (or UTC). */
  local: string | null;
  /** The same window in UTC. */
  utc: string;
}

/**
 * A signal's window as people read it: in the person's own time zone, where "02:10 at night"
 * means what it says, and in UTC, the instant every viewer shares (docs/PRODUCT.md §Signals and
 * triage). E.g. "Tue 17 Sep 2026, 02:10–02:40 in Asia/Manila (UTC+8)" and
 * "16 Sep 18:10–18:40 UTC".
 */
export function describeWindow(start: Date, end: Date, tz: string | null): WindowDescription {
  const zone = tz && tz !== 'UTC' && tz !== 'Etc/UTC' && isTimeZone(tz) ? tz : null;
  const u0 = partsIn(start, 'UTC');
  const u1 = partsIn(end, 'UTC');
  if (!zone) return { local: null, utc: `${range(u0, u1, true, true)} UTC` };
  const l0 = partsIn(start, zone);
  const l1 = partsIn(end, zone);
  const offset =
    l0.offsetMinutes === l1.offsetMinutes
      ? utcOffsetLabel(l0.offsetMinutes)
      : `${utcOffsetLabel(l0.offsetMinutes)} → ${utcOffsetLabel(l1.offsetMinutes)}`;
  return {
    local: `${range(l0, l1, true, true)} in ${zone} (${offset})`,
    utc: `${range(u0, u1, false, u0.year !== l0.year)} UTC`,
  };
}

/** "Tue 17 Sep 2026, 02:10–02:40", "Tue 17 Sep 2026, 22:10 – Wed 18 Sep, 01:40", "16 Sep 18:10". */
function range(a: Parts, b: Parts, weekday: boolean, year: boolean): string {
  const first = `${dayHead(a, weekday)}${year ? ` ${a.year}` : ''}`;
  const sep = year ? ', ' : ' ';
  if (a.ymd === b.ymd)
    return a.time === b.time ? `${first}${sep}${a.time}` : `${first}${sep}${a.time}–${b.time}`;
  const second = `${dayHead(b, weekday)}${b.year !== a.year ? ` ${b.year}` : ''}`;
  return `${first}${sep}${a.time} – ${second}${sep}${b.time}`;
}
