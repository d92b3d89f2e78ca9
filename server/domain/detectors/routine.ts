import { memoByString } from './memo';
import { fmt } from './signal';
import { median } from './stats';

/**
 * Routines (docs/DETECTORS.md §Routines): a pattern the person repeats on a schedule (a weekly
 * export, an on-call rotation) is learned from the baseline window and does not fire, unless it
 * grows well past its usual size.
 */

/** Export / download actions: the "export" half of bulk_record_access and its routines. */
export const isExportAction = memoByString((action: string) =>
  /export|download|dump|bulk|extract/i.test(action),
);

/**
 * One earlier occurrence kept in the baseline: a local day, the local hour it started in, and
 * its size (records, or events for off-hours activity).
 */
export interface RoutineEpisode {
  day: string;
  hour: number;
  volume: number;
}

/**
 * Episodes smaller than this are not kept: a routine suppresses a finding only when today is at
 * most 2× its median and its members lie within ×0.5–×2 of that median, so an episode under a
 * quarter of the smallest firing size (200 records in a bulk window) can never make one routine.
 */
export const EPISODE_MIN_RECORDS = 50;

/** §Routines: at least this many earlier occurrences make a routine. */
export const ROUTINE_MIN_OCCURRENCES = 3;
/** §Routines: an hour band is the occurrence's local hour ± this many hours (3 hours wide). */
export const ROUTINE_BAND_HOURS = 1;
/** §Routines: earlier occurrences within ×1/2…×2 of their median are the routine's members. */
export const ROUTINE_MEMBER_RATIO = 2;
/** §Routines: today above this multiple of the routine's median is "grown" and fires. */
export const ROUTINE_GROWTH_RATIO = 2;

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** 0 = Sunday … 6 = Saturday of a `YYYY-MM-DD` local day. */
export const weekdayOf = memoByString((day: string) => new Date(`${day}T00:00:00Z`).getUTCDay());

export const inBand = (hour: number, centre: number) => {
  const d = Math.abs(hour - centre) % 24;
  return Math.min(d, 24 - d) <= ROUTINE_BAND_HOURS;
};

export interface RoutineVerdict {
  /** 'weekly': same weekday (and band); 'daily': same band on ≥ 3 different weekdays. */
  cadence: 'weekly' | 'daily';
  /** The routine's members (earlier occurrences of similar size). */
  occurrences: number;
  /** Median size of the members. */
  usual: number;
  /** today ÷ usual. */
  ratio: number;
  /** Today grew past ROUTINE_GROWTH_RATIO × usual: the finding fires, saying so. */
  grew: boolean;
  /** "Monday", or "daily" for a daily cadence. */
  when: string;
  /** "09:00–12:00" around today's hour, or null for whole days. */
  band: string | null;
}

const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;

/**
 * Whether today's occurrence repeats a routine among `earlier` (docs/DETECTORS.md §Routines).
 * Timing: the same local weekday and hour band (±1 h) on ≥ 3 earlier days ("weekly"), or, when an
 * hour is given, the same band on ≥ 3 earlier days spread over ≥ 3 weekdays ("daily"). Size: the
 * earlier occurrences within ×0.5–×2 of their median are the members (≥ 3 needed); today at most
 * 2× the members' median is routine, above that it grew. Occurrences on today's day are ignored.
 * `hour` null compares whole days (weekday only). Returns null when no routine matches.
 */
export function matchRoutine(
  today: { day: string; hour: number | null; volume: number },
  earlier: readonly RoutineEpisode[],
): RoutineVerdict | null {
  const weekday = weekdayOf(today.day);
  const band: RoutineEpisode[] = [];
  for (const e of earlier)
    if (e.day !== today.day && (today.hour === null || inBand(e.hour, today.hour))) band.push(e);
  const sameWeekday = band.filter((e) => weekdayOf(e.day) === weekday);
  let cadence: RoutineVerdict['cadence'];
  let set: RoutineEpisode[];
  if (sameWeekday.length >= ROUTINE_MIN_OCCURRENCES) {
    cadence = 'weekly';
    set = sameWeekday;
  } else if (
    today.hour !== null &&
    band.length >= ROUTINE_MIN_OCCURRENCES &&
    new Set(band.map((e) => weekdayOf(e.day))).size >= ROUTINE_MIN_OCCURRENCES
  ) {
    cadence = 'daily';
    set = band;
  } else return null;
  const centre = median(set.map((e) => e.volume));
  const members = set.filter(
    (e) => e.volume * ROUTINE_MEMBER_RATIO >= centre && e.volume <= centre * ROUTINE_MEMBER_RATIO,
  );
  if (members.length < ROUTINE_MIN_OCCURRENCES) return null;
  const usual = median(members.map((e) => e.volume));
  const ratio = usual > 0 ? today.volume / usual : Infinity;
  return {
    cadence,
    occurrences: members.length,
    usual,
    ratio,
    grew: ratio > ROUTINE_GROWTH_RATIO,
    when: cadence === 'weekly' ? WEEKDAYS[weekday]! : 'daily',
    band:
      today.hour === null
        ? null
        : `${hh(today.hour - ROUTINE_BAND_HOURS)}–${hh(today.hour + ROUTINE_BAND_HOURS + 1)}`,
  };
}

/**
 * "usual Monday export ~500 records (4 earlier, 08:00–11:00); today 3,120, 6×": what a grown
 * routine's finding adds to its explanation.
 */
export function grewWording(v: RoutineVerdict, what: string, unit: string, today: number): string {
  const when = v.cadence === 'weekly' ? `${v.when} ` : 'daily ';
  return (
    `usual ${when}${what} ~${fmt(v.usual)} ${unit} (${fmt(v.occurrences)} earlier` +
    `${v.band ? `, ${v.band}` : ''}); today ${fmt(today)}, ${fmt(v.ratio, v.ratio < 10 ? 1 : 0)}×`
  );
}

/** Stats a grown routine adds to its signal. */
export function routineStats(v: RoutineVerdict): Record<string, number | string> {
  return {
    routine: v.cadence === 'weekly' ? v.when : 'daily',
    routineUsual: v.usual,
    routineOccurrences: v.occurrences,
    routineRatio: Math.round(v.ratio * 10) / 10,
  };
}
