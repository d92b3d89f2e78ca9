import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { heavyDayEpisodes } from './learned-routine';
import { localTime } from './local-time';
import { grewWording, matchRoutine, routineStats } from './routine';
import { fmt, makeSignal } from './signal';
import { medianAndMad, robustZ } from './stats';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * volume_spike (docs/DETECTORS.md §Signal kinds): records touched in a day far above the person's
 * own baseline (robust z on median / MAD) and, when a peer group of ≥ 5 exists, above the peers'
 * p99. A day split across ingest batches is summed with the part already in the baseline, and that
 * day is left out of the reference. A "new behaviour" finding: waits for a mature baseline. A
 * weekly heavy day the person repeats is a routine and does not fire unless it grew
 * (docs/DETECTORS.md §Routines).
 */
export function detectVolumeSpike(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  if (!isBaselineMature(baseline, org)) return [];
  // Totals per local day first; a day's events are gathered only when it fires (rarely).
  const dayOf = (e: DetectorEvent) => localTime(e.occurredAt, person.timezone).day;
  const newRecords = new Map<string, number>();
  // The latest start among the logs today's records come from: a day before it did not see them.
  let coveredFrom = -Infinity;
  for (const e of events) {
    const day = dayOf(e);
    newRecords.set(day, (newRecords.get(day) ?? 0) + e.recordCount);
    if (e.recordCount > 0 && e.source) {
      const since = org.sourcesSince?.get(e.source);
      if (since !== undefined && since > coveredFrom) coveredFrom = since;
    }
  }
  // Compare with days every source of today's records reported (a log connected mid-window makes
  // everyone "spike" against the days before it). Too few such days: not mature yet.
  let covered = Object.keys(baseline.dailyRecords);
  if (Number.isFinite(coveredFrom)) {
    const firstDay = localTime(new Date(coveredFrom + 86_400_000), person.timezone).day;
    covered = covered.filter((day) => day >= firstDay);
  }
  if (covered.length < t.minBaselineDays) return [];
  const reference: number[] = [];
  for (const day of covered) if (!newRecords.has(day)) reference.push(baseline.dailyRecords[day]!);
  if (reference.length === 0) return [];
  const { median: med, mad: madValue } = medianAndMad(reference);
  // Heavy days (what would pass the ratio and size tests today) are the episodes a weekly
  // routine is learned from; ordinary days are the median's business. Gathered only on a spike.
  const heavyDays = () => {
    const earlier: Record<string, number> = {};
    for (const day of covered) if (!newRecords.has(day)) earlier[day] = baseline.dailyRecords[day]!;
    return heavyDayEpisodes(earlier, t, med);
  };
  const out: Signal[] = [];
  for (const [day, records] of newRecords) {
    const total = (baseline.dailyRecords[day] ?? 0) + records;
    const z = robustZ(total, med, madValue, t.madFloor);
    const aboveOwn =
      total >= t.volumeSpikeMinRecords &&
      total >= t.volumeSpikeMinRatio * med &&
      z >= t.volumeSpikeZ;
    const abovePeersOrNone = !peers || total > peers.dailyRecordsP99;
    if (!aboveOwn || !abovePeersOrNone) continue;
    const routine = matchRoutine({ day, hour: null, volume: total }, heavyDays());
    if (routine && !routine.grew) continue;
    out.push(
      makeSignal({
        kind: 'volume_spike',
        person,
        severity: peers ? 'high' : 'medium',
        evidence: events.filter((e) => dayOf(e) === day),
        keyParts: [day],
        explanation:
          `${fmt(total)} records touched on ${day}; own median ${fmt(med)} over ${fmt(reference.length)} active days ` +
          `(MAD ${fmt(madValue)}, robust z ${fmt(z, 1)})` +
          (peers
            ? `, peers' p99 ${fmt(peers.dailyRecordsP99)} (group of ${fmt(peers.size)})`
            : '; no peer group of 5 or more to compare with') +
          (routine
            ? `; ${grewWording(routine, 'heavy day', 'records', total)}, grew past its routine.`
            : '.'),
        stats: {
          day,
          records: total,
          ownMedian: med,
          ownMad: madValue,
          robustZ: Math.round(z * 10) / 10,
          ...(peers ? { peersP99: peers.dailyRecordsP99, peerGroupSize: peers.size } : {}),
          ...(routine ? routineStats(routine) : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
