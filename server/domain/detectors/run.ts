import { detectAccessAfterTermination } from './access-after-termination';
import { detectAccessWithoutGrant } from './access-without-grant';
import { detectAccessWithoutTicket } from './access-without-ticket';
import { detectAnonymizingNetwork } from './anonymizing-network';
import {
  buildPeerBaselines,
  emptyBaseline,
  type PeerBaseline,
  type PersonBaseline,
} from './baseline';
import { detectBulkRecordAccess } from './bulk-record-access';
import { detectCodeExfiltration } from './code-exfiltration';
import { detectCredentialOutsideWorkflow } from './credential-outside-workflow';
import { detectDormantAccountUse } from './dormant-account-use';
import { detectImpossibleTravel } from './impossible-travel';
import { detectMfaTampering } from './mfa-tampering';
import { detectNewCountry } from './new-country';
import { detectOffHours } from './off-hours';
import { detectPrivilegeChangeOutsideWorkflow } from './privilege-change-outside-workflow';
import { detectRemoteAccessTool } from './remote-access-tool';
import { detectRepositoryExposure } from './repository-exposure';
import { detectSecurityControlDisabled } from './security-control-disabled';
import { detectSharedInfrastructure } from './shared-infrastructure';
import { sortByTime } from './signal';
import { detectTicketMismatch } from './ticket-mismatch';
import { detectTimezoneMismatch } from './timezone-mismatch';
import type { DetectorEvent, OrgContext, PersonContext, Signal } from './types';
import { detectVolumeSpike } from './volume-spike';
import { detectWorkflowRunsDeleted } from './workflow-runs-deleted';

/** Every per-person detector has this shape, so a caller can run one over only new events. */
export type PersonDetector = (
  newEvents: readonly DetectorEvent[],
  person: PersonContext,
  baseline: PersonBaseline,
  peers: PeerBaseline | null,
  org: OrgContext,
) => Signal[];

export const PERSON_DETECTORS: readonly PersonDetector[] = [
  detectOffHours,
  detectNewCountry,
  detectImpossibleTravel,
  detectAnonymizingNetwork,
  detectTimezoneMismatch,
  detectVolumeSpike,
  detectBulkRecordAccess,
  detectAccessWithoutTicket,
  detectTicketMismatch,
  detectAccessWithoutGrant,
  detectAccessAfterTermination,
  detectDormantAccountUse,
  detectRemoteAccessTool,
  detectPrivilegeChangeOutsideWorkflow,
  detectMfaTampering,
  detectCredentialOutsideWorkflow,
  detectRepositoryExposure,
  detectSecurityControlDisabled,
  detectWorkflowRunsDeleted,
  detectCodeExfiltration,
];

export interface DetectorRunInput {
  people: readonly PersonContext[];
  /** Only the events not yet seen by detectors (an ingest batch, or a re-run's range). */
  newEvents: readonly DetectorEvent[];
  /** Baselines built from history before the new events; a missing one counts as empty. */
  baselines: ReadonlyMap<string, PersonBaseline>;
  org: OrgContext;
}

const compareSignals = (a: Signal, b: Signal) =>
  a.windowStart.getTime() - b.windowStart.getTime() ||
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
  (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0) ||
  (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0);

// A backfill judges the same people day after day: their id set is built once per list.
const idSets = new WeakMap<readonly PersonContext[], Set<string>>();
function peopleById(people: readonly PersonContext[]): Set<string> {
  let ids = idSets.get(people);
  if (!ids) {
    ids = new Set(people.map((p) => p.id));
    idSets.set(people, ids);
  }
  return ids;
}

/**
 * Runs every detector over new events for a set of people (docs/DETECTORS.md §Principles). Cost is
 * O(new events · log + people + baselines): events are grouped per person with a map and sorted
 * once; history is only seen through baselines. Output is sorted and deduplicated by dedupeKey, so
 * the same input in any order gives the same signals.
 */
export function runDetectors(input: DetectorRunInput): Signal[] {
  const org: OrgContext = input.org.governedSystems
    ? input.org
    : {
        ...input.org,
        governedSystems: [...new Set(input.people.flatMap((p) => p.grants.map((g) => g.system)))],
      };
  const peers = buildPeerBaselines(input.people, input.baselines, org);
  const people = peopleById(input.people);
  const byPerson = new Map<string, DetectorEvent[]>();
  const known: DetectorEvent[] = [];
  for (const e of input.newEvents) {
    if (!people.has(e.personId)) continue;
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
    known.push(e);
  }
  const signals: Signal[] = [];
  // People in input order, as before: the output is sorted below anyway.
  for (const person of input.people) {
    const mine = byPerson.get(person.id);
    if (!mine) continue;
    const events = sortByTime(mine);
    const baseline =
      input.baselines.get(person.id) ?? emptyBaseline(person.id, events[0]!.occurredAt);
    const peerBaseline = person.peerGroupKey ? (peers.get(person.peerGroupKey) ?? null) : null;
    for (const detect of PERSON_DETECTORS)
      for (const s of detect(events, person, baseline, peerBaseline, org)) signals.push(s);
  }
  // Grouping is by maps and output is sorted below, so the input order of `known` does not matter.
  for (const s of detectSharedInfrastructure(known, input.people, input.baselines, org))
    signals.push(s);
  signals.sort(compareSignals);
  const seen = new Set<string>();
  return signals.filter((s) => !seen.has(s.dedupeKey) && seen.add(s.dedupeKey));
}
