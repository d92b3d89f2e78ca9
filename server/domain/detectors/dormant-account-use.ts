import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { fmt, isoMinute, makeSignal, sortByTime } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const DAY_MS = 86_400_000;

/**
 * dormant_account_use (docs/DETECTORS.md §Signal kinds): the first activity after a silence of at
 * least `dormantDays`. Silence is measured from the baseline's last-seen time (which should carry
 * the stored last activity from before the window) and between new events. An account never seen
 * before is new, not dormant. High when sensitive records are touched within a day of waking.
 */
export function detectDormantAccountUse(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const sorted = sortByTime(events);
  const out: Signal[] = [];
  let last = baseline.lastSeenAt;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (last && e.occurredAt.getTime() - last.getTime() >= t.dormantDays * DAY_MS) {
      const silentDays = Math.floor((e.occurredAt.getTime() - last.getTime()) / DAY_MS);
      const firstDay: DetectorEvent[] = [];
      for (
        let j = i;
        j < sorted.length && sorted[j]!.occurredAt.getTime() - e.occurredAt.getTime() < DAY_MS;
        j++
      )
        firstDay.push(sorted[j]!);
      const sensitive = firstDay.filter((x) => x.sensitive).length;
      out.push(
        makeSignal({
          kind: 'dormant_account_use',
          person,
          severity: sensitive ? 'high' : 'medium',
          evidence: firstDay,
          keyParts: [e.id],
          explanation:
            `Activity at ${isoMinute(e.occurredAt)} after ${fmt(silentDays)} days of silence ` +
            `(last seen ${isoMinute(last)}); ${fmt(firstDay.length)} events in the first 24 hours` +
            (sensitive ? `, ${fmt(sensitive)} touching sensitive records` : '') +
            `; dormant after ${fmt(t.dormantDays)} days.`,
          stats: {
            silentDays,
            lastSeen: last.toISOString(),
            eventsFirstDay: firstDay.length,
            sensitiveEvents: sensitive,
          },
          maxEvidence: t.maxEvidenceEvents,
        }),
      );
    }
    if (!last || e.occurredAt > last) last = e.occurredAt;
  }
  return out;
}
