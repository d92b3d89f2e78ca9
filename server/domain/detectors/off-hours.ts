import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime, workingHourMask } from './local-time';
import {
  grewWording,
  inBand,
  matchRoutine,
  routineStats,
  type RoutineEpisode,
  type RoutineVerdict,
} from './routine';
import { fmt, groupBy, makeSignal, pct } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * off_hours (docs/DETECTORS.md §Signal kinds): activity outside working hours in the person's
 * declared time zone AND rare for them. Rarity is judged against the person's own hour-of-day
 * histogram, so an on-call engineer whose baseline is nights is not flagged; it is a "new
 * behaviour" finding and waits for a mature baseline (docs/DETECTORS.md §Hygiene). Hours the
 * person works on a schedule (an on-call rotation's nights) are a learned routine and do not count
 * unless the activity grew (docs/DETECTORS.md §Routines).
 */
export function detectOffHours(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  // Without a declared zone there is no "their working hours" to be outside of.
  if (!person.timezone || !isBaselineMature(baseline, org)) return [];
  const { start, end } = org.workingHours;
  const share = (hour: number) => baseline.hourHistogram[hour]! / baseline.eventCount;
  const working = workingHourMask(start, end);
  const rare = events.filter((e) => {
    const { hour } = localTime(e.occurredAt, person.timezone);
    return !working[hour] && share(hour) <= t.offHoursRareShare;
  });
  const out: Signal[] = [];
  for (const [day, rareEvents] of groupBy(
    rare,
    (e) => localTime(e.occurredAt, person.timezone).day,
  )) {
    const verdicts = new Map<number, RoutineVerdict | null>();
    const hourOf = (e: DetectorEvent) => localTime(e.occurredAt, person.timezone).hour;
    for (const h of new Set(rareEvents.map(hourOf)))
      verdicts.set(
        h,
        offHoursRoutineAt(
          day,
          h,
          rareEvents.filter((e) => inBand(hourOf(e), h)).length,
          baseline,
          working,
        ),
      );
    const dayEvents = rareEvents.filter((e) => !(verdicts.get(hourOf(e))?.grew === false));
    const grown = [...verdicts.values()].find((v) => v?.grew);
    const sensitive = dayEvents.filter((e) => e.sensitive);
    if (dayEvents.length < t.offHoursMinEvents && sensitive.length === 0) continue;
    const hours = [
      ...new Set(dayEvents.map((e) => localTime(e.occurredAt, person.timezone).hour)),
    ].sort((a, b) => a - b);
    const baselineShare = hours.reduce((s, h) => s + share(h), 0);
    const records = sensitive.reduce((s, e) => s + e.recordCount, 0);
    const hourList = hours.map((h) => `${String(h).padStart(2, '0')}:00`).join(', ');
    out.push(
      makeSignal({
        kind: 'off_hours',
        person,
        severity: records >= t.offHoursSensitiveRecords ? 'medium' : 'low',
        evidence: dayEvents,
        keyParts: [day],
        explanation:
          `${fmt(dayEvents.length)} events on ${day} in hours starting ${hourList} (${person.timezone}), ` +
          `outside working hours ${start}–${end}` +
          (sensitive.length
            ? `, ${fmt(sensitive.length)} of them touching ${fmt(records)} sensitive records`
            : '') +
          `; only ${pct(baselineShare)} of this person's ${fmt(baseline.eventCount)} baseline events fall in those hours` +
          (grown
            ? `; ${grewWording(grown, 'off-hours activity', 'events', grown.ratio * grown.usual)}, grew past its routine.`
            : '.'),
        stats: {
          day,
          events: dayEvents.length,
          sensitiveEvents: sensitive.length,
          sensitiveRecords: records,
          baselineShare: Math.round(baselineShare * 10_000) / 10_000,
          baselineEvents: baseline.eventCount,
          timezone: person.timezone,
          ...(grown ? routineStats(grown) : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}

/**
 * The routine behind off-hours activity in local hour `hour` of `day`, if any: earlier days with
 * off-hours activity in the same band (docs/DETECTORS.md §Routines). A day's size there is not kept, so each
 * occurrence is sized at the band's average (the band's baseline events ÷ its days).
 */
export function offHoursRoutineAt(
  day: string,
  hour: number,
  todayEvents: number,
  baseline: PersonBaseline,
  working: readonly boolean[],
): RoutineVerdict | null {
  // Working hours next to the band would swamp its size and are not off-hours occurrences.
  let band = 0;
  for (let h = 0; h < 24; h++) if (inBand(h, hour) && !working[h]) band |= 1 << h;
  const days: string[] = [];
  for (const d of Object.keys(baseline.dailyHours))
    if (d !== day && baseline.dailyHours[d]! & band) days.push(d);
  if (days.length === 0) return null;
  let events = 0;
  for (let h = 0; h < 24; h++) if (band & (1 << h)) events += baseline.hourHistogram[h]!;
  const volume = events / days.length;
  const episodes: RoutineEpisode[] = days.map((d) => ({ day: d, hour, volume }));
  return matchRoutine({ day, hour, volume: todayEvents }, episodes);
}
