import type { PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import type { DetectorThresholds } from './defaults';
import { localTime, workingHourMask } from './local-time';
import { offHoursRoutineAt } from './off-hours';
import { matchRoutine, type RoutineEpisode, type RoutineVerdict } from './routine';
import { fmt } from './signal';
import { median } from './stats';
import type { OrgContext, PersonContext, SignalKind } from './types';

/**
 * Routines learned after the fact (docs/DETECTORS.md §Routines): the first occurrences of a
 * routine fire, because nothing had repeated yet. Once the baseline holds three or more later
 * occurrences of the same size on the same schedule, those early signals are explained: they
 * were the routine starting. They stay open for a human (a learned routine is not a dismissal),
 * and the risk score counts them at a fraction (docs/RISK.md §Decay).
 */

/** A stored signal that may have been a routine's first occurrence. */
export interface RoutineCandidate {
  id: string;
  kind: SignalKind;
  windowStart: Date;
  stats: Readonly<Record<string, unknown>>;
}

export interface LearnedRoutine {
  id: string;
  /** "Monday export ~500 records, 4 occurrences, 06:00–09:00". */
  wording: string;
  /** The schedule matched; null for a habit without one (VPN use on many days). */
  verdict: RoutineVerdict | null;
}

/** The kinds whose first occurrences a routine explains later. */
export const LEARNABLE_KINDS: readonly SignalKind[] = [
  'bulk_record_access',
  'volume_spike',
  'off_hours',
  'anonymizing_network',
];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Heavy days (what a volume spike needs in size) are the episodes a weekly heavy day repeats. */
export function heavyDayEpisodes(
  dailyRecords: Readonly<Record<string, number>>,
  t: Pick<DetectorThresholds, 'volumeSpikeMinRecords' | 'volumeSpikeMinRatio'>,
  med = median(Object.values(dailyRecords)),
): RoutineEpisode[] {
  const heavy: RoutineEpisode[] = [];
  for (const [day, records] of Object.entries(dailyRecords))
    if (records >= t.volumeSpikeMinRecords && records >= t.volumeSpikeMinRatio * med)
      heavy.push({ day, hour: 0, volume: records });
  return heavy;
}

function describe(v: RoutineVerdict, what: string, unit: string): string {
  const when = v.cadence === 'weekly' ? `${v.when} ${what}` : `daily ${what}`;
  return `${when} ~${fmt(v.usual)} ${unit}, ${fmt(v.occurrences)} occurrences${v.band ? `, ${v.band}` : ''}`;
}

/**
 * Whether the baseline now shows `signal` to be one occurrence of a routine of the same size (not
 * grown). A signal that fired because its routine grew is never explained away.
 */
export function learnedRoutine(
  signal: RoutineCandidate,
  person: Pick<PersonContext, 'timezone'>,
  baseline: PersonBaseline,
  org: OrgContext,
): LearnedRoutine | null {
  if (!LEARNABLE_KINDS.includes(signal.kind) || 'routine' in signal.stats) return null;
  const { t } = resolveOrg(org);
  if (signal.kind === 'anonymizing_network') {
    // A VPN habit (docs/DETECTORS.md §Routines): proxy days beyond this signal's own.
    if (baseline.activeDays < t.minBaselineDays || baseline.proxyDays < t.proxyHabitualDays + 1)
      return null;
    return {
      id: signal.id,
      wording: `VPN or proxy use on ${fmt(baseline.proxyDays)} of ${fmt(baseline.activeDays)} days`,
      verdict: null,
    };
  }
  const at = localTime(signal.windowStart, person.timezone);
  let found: { verdict: RoutineVerdict | null; what: string; unit: string } | null = null;
  if (signal.kind === 'volume_spike') {
    const day = str(signal.stats.day);
    const records = num(signal.stats.records);
    if (day && records !== null)
      found = {
        verdict: matchRoutine(
          { day, hour: null, volume: records },
          heavyDayEpisodes(baseline.dailyRecords, t),
        ),
        what: 'heavy day',
        unit: 'records',
      };
  } else if (signal.kind === 'off_hours') {
    const day = str(signal.stats.day);
    const events = num(signal.stats.events);
    if (day && events !== null)
      found = {
        verdict: offHoursRoutineAt(
          day,
          at.hour,
          events,
          baseline,
          workingHourMask(org.workingHours.start, org.workingHours.end),
        ),
        what: 'off-hours activity',
        unit: 'events',
      };
  } else if (num(signal.stats.distinctRecords) !== null) {
    found = {
      verdict: matchRoutine(
        { day: at.day, hour: at.hour, volume: num(signal.stats.distinctRecords)! },
        baseline.busyHours,
      ),
      what: 'bulk access',
      unit: 'records',
    };
  } else if (num(signal.stats.records) !== null) {
    found = {
      verdict: matchRoutine(
        { day: at.day, hour: at.hour, volume: num(signal.stats.records)! },
        baseline.exports,
      ),
      what: 'export',
      unit: 'records',
    };
  }
  if (!found?.verdict || found.verdict.grew) return null;
  return {
    id: signal.id,
    wording: describe(found.verdict, found.what, found.unit),
    verdict: found.verdict,
  };
}
