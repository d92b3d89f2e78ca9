import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime, workingHourMask } from './local-time';
import { fmt, groupBy, makeSignal, pct } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * off_hours (docs/DETECTORS.md §Signal kinds): activity outside working hours in the person's
 * declared time zone AND rare for them. Rarity is judged against the person's own hour-of-day
 * histogram, so an on-call engineer whose baseline is nights is not flagged; it is a "new
 * behaviour" finding and waits for a mature baseline (docs/DETECTORS.md §Hygiene).
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
  for (const [day, dayEvents] of groupBy(
    rare,
    (e) => localTime(e.occurredAt, person.timezone).day,
  )) {
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
        severity: sensitive.length ? 'medium' : 'low',
        evidence: dayEvents,
        keyParts: [day],
        explanation:
          `${fmt(dayEvents.length)} events on ${day} in hours starting ${hourList} (${person.timezone}), ` +
          `outside working hours ${start}–${end}` +
          (sensitive.length
            ? `, ${fmt(sensitive.length)} of them touching ${fmt(records)} sensitive records`
            : '') +
          `; only ${pct(baselineShare)} of this person's ${fmt(baseline.eventCount)} baseline events fall in those hours.`,
        stats: {
          day,
          events: dayEvents.length,
          sensitiveEvents: sensitive.length,
          sensitiveRecords: records,
          baselineShare: Math.round(baselineShare * 10_000) / 10_000,
          baselineEvents: baseline.eventCount,
          timezone: person.timezone,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
