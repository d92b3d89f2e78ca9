import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { isWorkingMinute, localTime, offsetLabel } from './local-time';
import { fmt, makeSignal, pct } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const masks = new Map<string, Map<number, Uint8Array>>();

/** Which UTC hours are working hours at an offset: 28 offsets are tried per person and day. */
function workingMask(offsetMinutes: number, start: string, end: string): Uint8Array {
  const key = `${start}|${end}`;
  let byOffset = masks.get(key);
  if (!byOffset) masks.set(key, (byOffset = new Map()));
  let mask = byOffset.get(offsetMinutes);
  if (!mask) {
    mask = new Uint8Array(24);
    for (let h = 0; h < 24; h++)
      mask[h] = isWorkingMinute(h * 60 + 30 + offsetMinutes, start, end) ? 1 : 0;
    byOffset.set(offsetMinutes, mask);
  }
  return mask;
}

/** Share of activity (by UTC hour) that falls in working hours at a given UTC offset. */
function fit(
  histogram: readonly number[],
  offsetMinutes: number,
  start: string,
  end: string,
): number {
  const mask = workingMask(offsetMinutes, start, end);
  let total = 0;
  let working = 0;
  for (let h = 0; h < 24; h++) {
    const count = histogram[h]!;
    total += count;
    if (mask[h]) working += count;
  }
  return total ? working / total : 0;
}

/**
 * timezone_mismatch (docs/DETECTORS.md §Signal kinds): the person's activity consistently sits in
 * hours that fit another time zone much better than the declared one (a remote-worker-fraud tell).
 * Fits every whole-hour offset against baseline plus new activity; fires only when the declared
 * zone explains little, another explains most, and they are hours apart. Needs a mature baseline,
 * since "consistently" means weeks, not a day.
 */
export function detectTimezoneMismatch(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  if (!person.timezone || events.length === 0 || !isBaselineMature(baseline, org)) return [];
  const { start, end } = org.workingHours;
  const histogram = [...baseline.utcHourHistogram];
  let last = events[0]!;
  for (const e of events) {
    histogram[e.occurredAt.getUTCHours()]!++;
    if (e.occurredAt > last.occurredAt) last = e;
  }
  const declared = localTime(last.occurredAt, person.timezone).offsetMinutes;
  const declaredFit = fit(histogram, declared, start, end);
  let best = declared;
  let bestFit = declaredFit;
  // Ties go to the offset nearest the declared one, so the choice is deterministic and charitable.
  for (let h = -12; h <= 14; h++) {
    const f = fit(histogram, h * 60, start, end);
    const closer = Math.abs(h * 60 - declared) < Math.abs(best - declared);
    if (f > bestFit + 1e-12 || (Math.abs(f - bestFit) <= 1e-12 && closer)) {
      best = h * 60;
      bestFit = f;
    }
  }
  const apartHours = Math.abs(best - declared) / 60;
  if (
    declaredFit > t.tzMaxDeclaredFit ||
    bestFit < t.tzMinBestFit ||
    apartHours < t.tzMinOffsetHours
  )
    return [];
  const total = histogram.reduce((a, b) => a + b, 0);
  const month = last.occurredAt.toISOString().slice(0, 7);
  return [
    makeSignal({
      kind: 'timezone_mismatch',
      person,
      severity: 'medium',
      evidence: events,
      keyParts: [offsetLabel(best), month],
      explanation:
        `${pct(bestFit)} of ${fmt(total)} events over ${fmt(baseline.activeDays)}+ days fall in working hours ` +
        `${start}–${end} at ${offsetLabel(best)}, but only ${pct(declaredFit)} at the declared ` +
        `${person.timezone} (${offsetLabel(declared)}), ${fmt(apartHours, 1)} hours apart.`,
      stats: {
        events: total,
        declaredOffset: offsetLabel(declared),
        declaredFit: Math.round(declaredFit * 1000) / 1000,
        bestOffset: offsetLabel(best),
        bestFit: Math.round(bestFit * 1000) / 1000,
      },
      maxEvidence: t.maxEvidenceEvents,
    }),
  ];
}
