import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { grewWording, isExportAction, matchRoutine, routineStats } from './routine';
import { fmt, groupBy, isoMinute, makeSignal, sortByTime } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/** A record's identity for "distinct": the resource, or the event itself when none is named. */
const recordKey = (e: DetectorEvent) => (e.resource !== null ? `r:${e.resource}` : `e:${e.id}`);

/**
 * The densest window of distinct sensitive records in time-sorted events (two pointers, O(n)).
 * Events touching many records at once (recordCount > 1) count each record.
 */
function densestWindow(sorted: readonly DetectorEvent[], windowMs: number) {
  const counts = new Map<string, number>();
  let distinct = 0;
  let lo = 0;
  let best = { records: 0, from: 0, to: -1 };
  for (let hi = 0; hi < sorted.length; hi++) {
    const e = sorted[hi]!;
    const k = recordKey(e);
    const c = counts.get(k) ?? 0;
    if (c === 0) distinct += Math.max(1, e.recordCount);
    counts.set(k, c + 1);
    while (sorted[hi]!.occurredAt.getTime() - sorted[lo]!.occurredAt.getTime() > windowMs) {
      const old = sorted[lo]!;
      const ok = recordKey(old);
      const oc = counts.get(ok)! - 1;
      if (oc === 0) {
        counts.delete(ok);
        distinct -= Math.max(1, old.recordCount);
      } else counts.set(ok, oc);
      lo++;
    }
    if (distinct > best.records) best = { records: distinct, from: lo, to: hi };
  }
  return best;
}

/**
 * bulk_record_access (docs/DETECTORS.md §Signal kinds): many distinct sensitive records in a short
 * span (sliding window, one signal per local day for its densest window), or any single export
 * above a threshold. Absolute thresholds, so a harvest on day one still counts; the baseline only
 * silences a learned routine of similar size (docs/DETECTORS.md §Routines).
 */
export function detectBulkRecordAccess(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const out: Signal[] = [];
  const isBigExport = (e: DetectorEvent) =>
    e.outcome === 'success' && isExportAction(e.action) && e.recordCount >= t.bulkExportRecords;
  // A big export is its own finding below; counting it in a window too would say it twice.
  const sensitive = events.filter((e) => e.sensitive && e.outcome === 'success' && !isBigExport(e));
  for (const [day, list] of groupBy(
    sensitive,
    (e) => localTime(e.occurredAt, person.timezone).day,
  )) {
    const sorted = sortByTime(list);
    const w = densestWindow(sorted, t.bulkWindowMinutes * 60_000);
    if (w.records < t.bulkDistinctRecords) continue;
    const window = sorted.slice(w.from, w.to + 1);
    const start = localTime(window[0]!.occurredAt, person.timezone);
    const routine = matchRoutine({ day, hour: start.hour, volume: w.records }, baseline.busyHours);
    if (routine && !routine.grew) continue;
    out.push(
      makeSignal({
        kind: 'bulk_record_access',
        person,
        severity: w.records >= 5 * t.bulkDistinctRecords ? 'critical' : 'high',
        evidence: window,
        keyParts: ['window', day],
        explanation:
          `${fmt(w.records)} distinct sensitive records touched within ${fmt(t.bulkWindowMinutes)} minutes on ${day} ` +
          `(${isoMinute(window[0]!.occurredAt)} to ${isoMinute(window[window.length - 1]!.occurredAt)}); threshold ${fmt(t.bulkDistinctRecords)}` +
          (routine
            ? `; ${grewWording(routine, 'bulk access', 'records', w.records)}, grew past its routine.`
            : '.'),
        stats: {
          day,
          distinctRecords: w.records,
          events: window.length,
          windowMinutes: t.bulkWindowMinutes,
          ...(routine ? routineStats(routine) : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  for (const e of events) {
    if (!isBigExport(e)) continue;
    const at = localTime(e.occurredAt, person.timezone);
    const routine = matchRoutine(
      { day: at.day, hour: at.hour, volume: e.recordCount },
      baseline.exports,
    );
    if (routine && !routine.grew) continue;
    out.push(
      makeSignal({
        kind: 'bulk_record_access',
        person,
        severity: e.recordCount >= 10 * t.bulkExportRecords || e.sensitive ? 'critical' : 'high',
        evidence: [e],
        keyParts: ['export', e.id],
        explanation:
          `Export of ${fmt(e.recordCount)} records (${e.action}${e.system ? ` on ${e.system}` : ''}) at ${isoMinute(e.occurredAt)}` +
          `${e.sensitive ? ', sensitive records' : ''}; threshold ${fmt(t.bulkExportRecords)}` +
          (routine
            ? `; ${grewWording(routine, 'export', 'records', e.recordCount)}, grew past its routine.`
            : '.'),
        stats: {
          records: e.recordCount,
          action: e.action,
          threshold: t.bulkExportRecords,
          ...(routine ? routineStats(routine) : {}),
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
