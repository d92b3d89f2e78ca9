import { isBaselineMature, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal } from './signal';
import { medianAndMad, robustZ } from './stats';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * volume_spike (spec/signals.md): records touched in a day far above the person's own baseline
 * (robust z on median / MAD) and, when a peer group of ≥ 5 exists, above the peers' p99. A day
 * split across ingest batches is summed with the part already in the baseline, and that day is
 * left out of the reference. A "new behaviour" finding: waits for a mature baseline.
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
  const byDay = groupBy(events, (e) => localTime(e.occurredAt, person.timezone).day);
  const reference = Object.entries(baseline.dailyRecords)
    .filter(([day]) => !byDay.has(day))
    .map(([, n]) => n);
  if (reference.length === 0) return [];
  const { median: med, mad: madValue } = medianAndMad(reference);
  const out: Signal[] = [];
  for (const [day, list] of byDay) {
    const total = (baseline.dailyRecords[day] ?? 0) + list.reduce((s, e) => s + e.recordCount, 0);
    const z = robustZ(total, med, madValue, t.madFloor);
    const aboveOwn =
      total >= t.volumeSpikeMinRecords &&
      total >= t.volumeSpikeMinRatio * med &&
      z >= t.volumeSpikeZ;
    const abovePeersOrNone = !peers || total > peers.dailyRecordsP99;
    if (!aboveOwn || !abovePeersOrNone) continue;
    out.push(
      makeSignal({
        kind: 'volume_spike',
        person,
        severity: peers ? 'high' : 'medium',
        evidence: list,
        keyParts: [day],
        explanation:
          `${fmt(total)} records touched on ${day}; own median ${fmt(med)} over ${fmt(reference.length)} active days ` +
          `(MAD ${fmt(madValue)}, robust z ${fmt(z, 1)})` +
          (peers
            ? `, peers' p99 ${fmt(peers.dailyRecordsP99)} (group of ${fmt(peers.size)}).`
            : '; no peer group of 5 or more to compare with.'),
        stats: {
          day,
          records: total,
          ownMedian: med,
          ownMad: madValue,
          robustZ: Math.round(z * 10) / 10,
          ...(peers ? { peersP99: peers.dailyRecordsP99, peerGroupSize: peers.size } : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
