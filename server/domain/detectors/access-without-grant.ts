import { isoDay } from '../time';
import type { PeerBaseline, PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { grantCovers, grantStartsOnLocalDay, lastEndedGrant } from './grants';
import { localTime } from './local-time';
import { fmt, groupBy, makeSignal } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';

/**
 * access_without_grant (docs/DETECTORS.md §Signal kinds): successful activity on a governed system
 * while the person holds no grant on it at that time. Only systems Vigil governs count (OrgContext
 * governedSystems, by default every system someone holds a grant on), so plain SSO traffic on
 * ungoverned apps is not noise. One signal per system and local day.
 */
export function detectAccessWithoutGrant(
  events: readonly DetectorEvent[],
  person: PersonContext,
  _baseline: PersonBaseline,
  _peers: PeerBaseline | null,
  org: OrgContext,
): Signal[] {
  const { t, governed } = resolveOrg(org);
  const grace = t.grantGraceMinutes * 60_000;
  const uncovered = events.filter(
    (e) =>
      e.outcome === 'success' &&
      e.system !== null &&
      (governed === null || governed.has(e.system)) &&
      !person.grants.some(
        (g) =>
          g.system === e.system &&
          (grantCovers(g, e.occurredAt, grace) ||
            grantStartsOnLocalDay(g, e.occurredAt, localTime(e.occurredAt, person.timezone).day)),
      ),
  );
  const groups = groupBy(
    uncovered,
    (e) => `${e.system}\u0000${localTime(e.occurredAt, person.timezone).day}`,
  );
  const out: Signal[] = [];
  for (const [key, list] of groups) {
    const [system, day] = key.split('\u0000') as [string, string];
    const sensitive = list.filter((e) => e.sensitive).length;
    const ended = lastEndedGrant(person.grants, system, list[0]!.occurredAt);
    out.push(
      makeSignal({
        kind: 'access_without_grant',
        person,
        severity: sensitive ? 'high' : 'medium',
        evidence: list,
        keyParts: [system, day],
        explanation:
          `${fmt(list.length)} events on ${system} on ${day} with no active grant` +
          (sensitive ? `, ${fmt(sensitive)} touching sensitive records` : '') +
          (ended ? `; the last grant ended ${isoDay(ended.to!)}` : '; no grant on record') +
          '.',
        stats: { system, day, events: list.length, sensitiveEvents: sensitive },
        maxEvidence: t.maxEvidenceEvents,
      }),
    );
  }
  return out;
}
