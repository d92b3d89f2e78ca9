import { isoDay } from '../time';

/**
 * Wall-clock hour and date in an IANA time zone, via Intl.DateTimeFormat (no date library).
 * Every zone offset is a multiple of 15 minutes and changes only on such boundaries, so the local
 * hour and date are constant within a 15-minute UTC bucket: we format once per bucket and cache,
 * which keeps a million events cheap.
 */
export interface LocalTime {
  /** 0–23 */
  hour: number;
  /** YYYY-MM-DD */
  day: string;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 200_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const caches = new Map<string, Map<number, LocalTime>>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

function compute(tz: string, bucketStart: number): LocalTime {
  if (tz === 'UTC') {
    return {
      hour: new Date(bucketStart).getUTCHours(),
      day: utcDay(new Date(bucketStart)),
      offsetMinutes: 0,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(bucketStart))) parts[p.type] = p.value;
  const y = Number(parts.year);
  const mo = Number(parts.month);
  const d = Number(parts.day);
  const h = Number(parts.hour);
  const mi = Number(parts.minute);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  return {
    hour: h,
    day: `${parts.year}-${parts.month}-${parts.day}`,
    offsetMinutes: Math.round((asUtc - bucketStart) / 60_000),
  };
}

/** Local time of `at` in `tz` (UTC when tz is null). Throws on an unknown zone (programmer error). */
export function localTime(at: Date, tz: string | null): LocalTime {
  const zone = tz ?? 'UTC';
  let cache = caches.get(zone);
  if (!cache) {
    cache = new Map();
    caches.set(zone, cache);
  }
  const bucket = Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS;
  let lt = cache.get(bucket);
  if (!lt) {
    if (cache.size > MAX_CACHED_BUCKETS) cache.clear();
    lt = compute(zone, bucket);
    cache.set(bucket, lt);
  }
  return lt;
}

export function utcDay(at: Date): string {
  return isoDay(at);
}

const parsedHhmm = new Map<string, number>();

/** "HH:MM" → minutes after midnight (memoized: called per event and per candidate offset). */
export function parseHhmm(hhmm: string): number {
  let v = parsedHhmm.get(hhmm);
  if (v === undefined) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
    if (!m) throw new Error(`Expected HH:MM, got ${hhmm}`);
    v = Number(m[1]) * 60 + Number(m[2]);
    parsedHhmm.set(hhmm, v);
  }
  return v;
}

/** Whether a local minute of the day lies inside working hours (which may wrap midnight). */
export function isWorkingMinute(minuteOfDay: number, start: string, end: string): boolean {
  const s = parseHhmm(start);
  const e = parseHhmm(end);
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return s <= e ? m >= s && m < e : m >= s || m < e;
}

/** A local hour counts as working when its middle does (so 08:00–18:00 holds hours 8 to 17). */
export function isWorkingHour(hour: number, start: string, end: string): boolean {
  return workingHourMask(start, end)[hour]!;
}

/** The 24 answers of isWorkingHour for one setting, worked out once (detectors ask per event). */
export function workingHourMask(start: string, end: string): readonly boolean[] {
  const key = `${start}|${end}`;
  let hours = workingHours.get(key);
  if (!hours) {
    hours = Array.from({ length: 24 }, (_, h) => isWorkingMinute(h * 60 + 30, start, end));
    workingHours.set(key, hours);
  }
  return hours;
}

const workingHours = new Map<string, boolean[]>();

/** "UTC+05:30" style label. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
