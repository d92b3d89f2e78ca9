import { newDeviceIn, type PeerBaseline, type PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { MFA_CHALLENGE_ACTION, MFA_DENIAL_ACTIONS, MFA_TAMPER_ACTIONS } from './defaults';
import { fmt, isoMinute, makeSignal, sortByTime } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

const isTamper = (e: DetectorEvent) => MFA_TAMPER_ACTIONS.has(e.action) && e.outcome === 'success';
const isDenial = (e: DetectorEvent) =>
  MFA_DENIAL_ACTIONS.has(e.action) ||
  (e.action === MFA_CHALLENGE_ACTION && e.outcome === 'failure');

interface Pending {
  cause: 'tamper' | 'push';
  triggers: DetectorEvent[];
  recorded: Set<DetectorEvent>;
  deadline: number;
  access: DetectorEvent[];
}

/**
 * mfa_tampering (docs/DETECTORS.md §Signal kinds): MFA factors reset or removed, or a burst of push
 * denials (MFA fatigue), followed by successful access within a window. One pass over time-sorted
 * events; a run of triggers before the same access is one finding, keyed by its first trigger.
 */
export function detectMfaTampering(
  events: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t } = resolveOrg(org);
  const out: Signal[] = [];
  const denials: DetectorEvent[] = [];
  let head = 0;
  let pending: Pending | null = null;

  const flush = () => {
    if (pending && pending.access.length) {
      const p = pending;
      const first = p.triggers[0]!;
      const sensitive = p.access.filter((e) => e.sensitive).length;
      const device = newDeviceIn(p.access, baseline);
      const cause =
        p.cause === 'tamper'
          ? `MFA factor removed or reset (${first.action} at ${isoMinute(first.occurredAt)})`
          : `${fmt(p.triggers.length)} MFA push denials within ${fmt(t.mfaPushWindowMinutes)} minutes from ${isoMinute(first.occurredAt)}`;
      out.push(
        makeSignal({
          kind: 'mfa_tampering',
          person,
          severity: sensitive ? 'critical' : 'high',
          evidence: [...p.triggers, ...p.access],
          keyParts: [first.id],
          explanation:
            `${cause}, then ${fmt(p.access.length)} successful events, the first at ${isoMinute(p.access[0]!.occurredAt)} ` +
            `(${p.access[0]!.action})` +
            (sensitive ? `, ${fmt(sensitive)} touching sensitive records` : '') +
            (device ? `, from a device not seen before (${device})` : '') +
            '.',
          stats: {
            cause: p.cause,
            triggers: p.triggers.length,
            accessEvents: p.access.length,
            sensitiveEvents: sensitive,
            ...(device ? { newDevice: device } : {}),
          },
          maxEvidence: t.maxEvidenceEvents,
        }),
      );
    }
    pending = null;
  };

  for (const e of sortByTime(events)) {
    const at = e.occurredAt.getTime();
    if (pending && at > pending.deadline) flush();
    if (isTamper(e)) {
      if (pending?.access.length) flush();
      if (pending) pending.triggers.push(e);
      else
        pending = {
          cause: 'tamper',
          triggers: [e],
          recorded: new Set(),
          deadline: at + t.mfaFollowHours * 3_600_000,
          access: [],
        };
      continue;
    }
    if (isDenial(e)) {
      denials.push(e);
      while (at - denials[head]!.occurredAt.getTime() > t.mfaPushWindowMinutes * 60_000) head++;
      if (denials.length - head >= t.mfaPushDenials) {
        if (pending?.access.length) flush();
        const deadline = at + t.mfaPushFollowMinutes * 60_000;
        pending ??= { cause: 'push', triggers: [], recorded: new Set(), deadline, access: [] };
        pending.deadline = Math.max(pending.deadline, deadline);
        // Walk back only to the first denial already recorded: amortized O(1) per event.
        const added: DetectorEvent[] = [];
        for (let i = denials.length - 1; i >= head && !pending.recorded.has(denials[i]!); i--)
          added.push(denials[i]!);
        for (const d of added.reverse()) {
          pending.recorded.add(d);
          pending.triggers.push(d);
        }
      }
      continue;
    }
    if (pending && e.outcome === 'success') pending.access.push(e);
  }
  flush();
  return out;
}
