import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { localTime } from './local-time';
import { memoByString } from './memo';
import { fmt, groupBy, isoMinute, makeSignal, sortByTime } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const isExportAction = memoByString((action: string) =>
  /export|download|dump|bulk|extract/i.test(action),
);

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
 * above a threshold. Absolute thresholds, so no baseline is needed: a harvest on day one still
 * counts.
 */
export function detectBulkRecordAccess(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
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
    out.push(
      makeSignal({
        kind: 'bulk_record_access',
        person,
        severity: w.records >= 5 * t.bulkDistinctRecords ? 'critical' : 'high',
        evidence: window,
        keyParts: ['window', day],
        explanation:
          `${fmt(w.records)} distinct sensitive records touched within ${fmt(t.bulkWindowMinutes)} minutes on ${day} ` +
          `(${isoMinute(window[0]!.occurredAt)} to ${isoMinute(window[window.length - 1]!.occurredAt)}); threshold ${fmt(t.bulkDistinctRecords)}.`,
        stats: {
          day,
          distinctRecords: w.records,
          events: window.length,
          windowMinutes: t.bulkWindowMinutes,
        },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  for (const e of events) {
    if (e.outcome !== 'success' || !isExportAction(e.action) || e.recordCount < t.bulkExportRecords)
      continue;
    out.push(
      makeSignal({
        kind: 'bulk_record_access',
        person,
        severity: e.recordCount >= 10 * t.bulkExportRecords || e.sensitive ? 'critical' : 'high',
        evidence: [e],
        keyParts: ['export', e.id],
        explanation:
          `Export of ${fmt(e.recordCount)} records (${e.action}${e.system ? ` on ${e.system}` : ''}) at ${isoMinute(e.occurredAt)}` +
          `${e.sensitive ? ', sensitive records' : ''}; threshold ${fmt(t.bulkExportRecords)}.`,
        stats: { records: e.recordCount, action: e.action, threshold: t.bulkExportRecords },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
