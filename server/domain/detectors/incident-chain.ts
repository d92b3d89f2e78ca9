import { fmt, isoMinute } from './signal';
import type { ChainPartStat, Severity, Signal, SignalKind } from './types';

/**
 * Incident chains (docs/DETECTORS.md §Chains): signals about one person that fall within 24 hours
 * of each other and fill ≥ 2 roles of one story are joined into one incident_chain signal that
 * names its parts. Pure: the service hands in the person's stored signals around a batch.
 */

/** A signal as a chain sees it: stored (with its id) or just found. */
export interface ChainPart {
  signalId?: string;
  personId: string;
  kind: SignalKind;
  severity: Severity;
  dedupeKey: string;
  windowStart: Date;
  windowEnd: Date;
  evidenceEventIds: readonly string[];
  stats: Readonly<Record<string, unknown>>;
}

type RoleTest = (p: ChainPart) => boolean;
const kinds =
  (...list: SignalKind[]): RoleTest =>
  (p) =>
    list.includes(p.kind);
const exfil = kinds('bulk_record_access', 'volume_spike');
const newDevice: RoleTest = (p) => typeof p.stats.newDevice === 'string';

interface Story {
  id: string;
  title: string;
  roles: Record<string, RoleTest>;
  /** A role every chain of this story must fill. */
  required?: string;
}

/** docs/DETECTORS.md §Chains: the stories, their roles and the kinds that fill each role. */
export const STORIES: readonly Story[] = [
  {
    id: 'remote_exfiltration',
    title: 'Remote or foreign access, then data out',
    roles: {
      remote: kinds('remote_access_tool'),
      foreign: kinds('new_country', 'anonymizing_network', 'impossible_travel'),
      exfil,
    },
    // Without the remote tool, a new country and an export the same day is a trip with work in
    // it: common, and each part is judged on its own.
    required: 'remote',
  },
  {
    id: 'account_takeover',
    title: 'Account takeover',
    roles: {
      mfa: kinds('mfa_tampering'),
      access: (p) =>
        newDevice(p) || kinds('dormant_account_use', 'new_country', 'impossible_travel')(p),
      privilege: kinds('privilege_change_outside_workflow'),
    },
  },
  {
    id: 'leaver_exfiltration',
    title: 'A leaver takes data',
    roles: {
      leaver: kinds('access_after_termination', 'dormant_account_use'),
      exfil,
      cover: kinds('off_hours', 'anonymizing_network', 'remote_access_tool'),
    },
    required: 'leaver',
  },
  {
    id: 'ungoverned_escalation',
    title: 'Access without a grant, escalated',
    roles: {
      ungoverned: kinds('access_without_grant'),
      privilege: kinds('privilege_change_outside_workflow'),
      exfil,
    },
  },
];

/** Every kind that can be a part: the service loads only these. */
export const CHAIN_PART_KINDS: readonly SignalKind[] = [
  'remote_access_tool',
  'new_country',
  'anonymizing_network',
  'impossible_travel',
  'bulk_record_access',
  'volume_spike',
  'mfa_tampering',
  'dormant_account_use',
  'privilege_change_outside_workflow',
  'access_after_termination',
  'off_hours',
  'access_without_grant',
];

/** docs/DETECTORS.md §Chains: parts start within this long of the chain's first part. */
export const CHAIN_WINDOW_HOURS = 24;

export interface ChainOptions {
  /** When given, only chains holding one of these dedupe keys (this run's findings) are made. */
  fresh?: ReadonlySet<string>;
  maxEvidence?: number;
}

interface Candidate {
  story: Story;
  order: number;
  personId: string;
  key: string;
  parts: ChainPart[];
  roles: Set<string>;
}

const HOUR = 3_600_000;
const byStart = (a: ChainPart, b: ChainPart) =>
  a.windowStart.getTime() - b.windowStart.getTime() ||
  (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0);

/** The roles one part fills in a story (docs/DETECTORS.md §Chains); empty for an unknown story. */
export function chainPartRoles(storyId: string, part: Pick<ChainPart, 'kind' | 'stats'>): string[] {
  const story = STORIES.find((s) => s.id === storyId);
  if (!story) return [];
  return Object.entries(story.roles)
    .filter(([, fills]) => fills(part as ChainPart))
    .map(([role]) => role);
}

function rolesOf(story: Story, parts: readonly ChainPart[]): Set<string> {
  const roles = new Set<string>();
  for (const p of parts)
    for (const [role, fills] of Object.entries(story.roles)) if (fills(p)) roles.add(role);
  return roles;
}

/** The chains one person's parts make, before overlapping ones are pruned. */
function candidatesFor(personId: string, parts: readonly ChainPart[]): Candidate[] {
  const out: Candidate[] = [];
  STORIES.forEach((story, order) => {
    const mine = parts.filter((p) => Object.values(story.roles).some((fills) => fills(p)));
    for (let i = 0; i < mine.length; i++) {
      const anchor = mine[i]!;
      const until = anchor.windowStart.getTime() + CHAIN_WINDOW_HOURS * HOUR;
      const window = [anchor];
      for (let j = i + 1; j < mine.length && mine[j]!.windowStart.getTime() < until; j++)
        window.push(mine[j]!);
      const roles = rolesOf(story, window);
      if (window.length < 2 || roles.size < 2) continue;
      if (story.required && !roles.has(story.required)) continue;
      const day = anchor.windowStart.toISOString().slice(0, 10);
      out.push({
        story,
        order,
        personId,
        key: `incident_chain:${personId}:${story.id}:${day}`,
        parts: window,
        roles,
      });
    }
  });
  return out;
}

const isSubset = (a: readonly ChainPart[], b: readonly ChainPart[]) => {
  const keys = new Set(b.map((p) => p.dedupeKey));
  return a.every((p) => keys.has(p.dedupeKey));
};

/** Keeps the chains not contained in a richer one; same-key chains (one story, one day) merge. */
function prune(candidates: Candidate[]): Candidate[] {
  const rank = (c: Candidate) => [-c.roles.size, -c.parts.length, c.order];
  const sorted = [...candidates].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]!;
  });
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => isSubset(c.parts, k.parts))) kept.push(c);
  const byKey = new Map<string, Candidate>();
  for (const c of kept) {
    const same = byKey.get(c.key);
    if (!same) byKey.set(c.key, c);
    else {
      const keys = new Set(same.parts.map((p) => p.dedupeKey));
      same.parts = [...same.parts, ...c.parts.filter((p) => !keys.has(p.dedupeKey))].sort(byStart);
      same.roles = rolesOf(same.story, same.parts);
    }
  }
  return [...byKey.values()];
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** A part in words: "AnyDesk session", "export of 3,120 records". */
export function describePart(p: Pick<ChainPart, 'kind' | 'stats'>): string {
  const s = p.stats;
  const device = str(s.newDevice) ? ` from a device not seen before (${String(s.newDevice)})` : '';
  switch (p.kind) {
    case 'remote_access_tool':
      return `${str(s.tool) ?? 'remote-control'} session`;
    case 'new_country':
      return `activity from a new country${str(s.country) ? ` (${String(s.country)})` : ''}`;
    case 'anonymizing_network':
      return 'sign-in through an anonymizing network';
    case 'impossible_travel':
      return `impossible travel ${str(s.fromCountry) ?? '?'} → ${str(s.toCountry) ?? '?'}`;
    case 'bulk_record_access':
      return s.records !== undefined
        ? `export of ${fmt(num(s.records))} records`
        : `${fmt(num(s.distinctRecords))} sensitive records within ${fmt(num(s.windowMinutes))} minutes`;
    case 'volume_spike':
      return `${fmt(num(s.records))} records in a day (own median ${fmt(num(s.ownMedian))})`;
    case 'mfa_tampering':
      return `${s.cause === 'push' ? 'MFA push fatigue' : 'MFA factor removed or reset'}, then access${device}`;
    case 'privilege_change_outside_workflow':
      return `admin rights${str(s.privilege) ? ` (${String(s.privilege)})` : ''} granted${str(s.system) ? ` on ${String(s.system)}` : ''} outside the workflow${device}`;
    case 'dormant_account_use':
      return `first activity after ${fmt(num(s.silentDays))} silent days`;
    case 'access_after_termination':
      return `activity after the end date${str(s.endDate) ? ` ${String(s.endDate)}` : ''}`;
    case 'access_without_grant':
      return `activity on ${str(s.system) ?? 'a governed system'} with no grant`;
    case 'off_hours':
      return `${fmt(num(s.events))} events outside working hours`;
    default:
      return p.kind.replaceAll('_', ' ');
  }
}

function toSignal(c: Candidate, maxEvidence: number): Signal {
  const parts = c.parts;
  let start = Infinity;
  let end = -Infinity;
  for (const p of parts) {
    start = Math.min(start, p.windowStart.getTime());
    end = Math.max(end, p.windowEnd.getTime());
  }
  // Every part keeps a fair share of the evidence cap before any part takes more.
  const all = [...new Set(parts.flatMap((p) => p.evidenceEventIds))];
  const share = Math.ceil(maxEvidence / parts.length);
  const evidence = new Set(parts.flatMap((p) => p.evidenceEventIds.slice(0, share)));
  for (const id of all) if (evidence.size < maxEvidence) evidence.add(id);
  let day = '';
  const steps = parts.map((p, i) => {
    const at = isoMinute(p.windowStart);
    const sameDay = at.slice(0, 10) === day;
    day = at.slice(0, 10);
    return `${i === 0 ? '' : 'then '}${describePart(p)} at ${sameDay ? at.slice(11) : at}`;
  });
  const roles = Object.keys(c.story.roles);
  const partStats: ChainPartStat[] = parts.map((p) => ({
    ...(p.signalId ? { signalId: p.signalId } : {}),
    kind: p.kind,
    severity: p.severity,
    dedupeKey: p.dedupeKey,
    windowStart: p.windowStart.toISOString(),
    windowEnd: p.windowEnd.toISOString(),
    roles: chainPartRoles(c.story.id, p),
  }));
  return {
    kind: 'incident_chain',
    personId: c.personId,
    severity: c.roles.size >= 3 ? 'critical' : 'high',
    windowStart: new Date(start),
    windowEnd: new Date(end),
    dedupeKey: c.key,
    explanation:
      `${c.story.title}: ${steps.join(', ')} ` +
      `(${fmt(parts.length)} signals filling ${fmt(c.roles.size)} of the story's ${fmt(roles.length)} steps: ` +
      `${roles.filter((r) => c.roles.has(r)).join(', ')}).`,
    evidenceEventIds: [...evidence].slice(0, maxEvidence),
    stats: {
      story: c.story.id,
      roles: roles.filter((r) => c.roles.has(r)).join(','),
      parts: partStats,
      evidenceEvents: all.length,
    },
  };
}

/**
 * Joins signals into incident chains (docs/DETECTORS.md §Chains). Per person and story, every part
 * anchors a 24-hour window of the parts starting in it; a window with ≥ 2 parts filling ≥ 2 of the
 * story's roles (and its required role) is a chain. A chain whose parts all lie in a richer chain
 * (more roles, then more parts, then the earlier story) is dropped; chains of one story anchored on
 * the same UTC day merge, since they share the key (person, story, first part's day). Critical at
 * ≥ 3 roles, high at 2. Chains are never parts.
 */
export function joinIncidentChains(parts: readonly ChainPart[], opts: ChainOptions = {}): Signal[] {
  const byPerson = new Map<string, ChainPart[]>();
  for (const p of parts) {
    if (p.kind === 'incident_chain') continue;
    const list = byPerson.get(p.personId);
    if (list) list.push(p);
    else byPerson.set(p.personId, [p]);
  }
  const out: Signal[] = [];
  for (const [personId, list] of byPerson) {
    const unique = [...new Map(list.map((p) => [p.dedupeKey, p])).values()].sort(byStart);
    for (const c of prune(candidatesFor(personId, unique))) {
      if (opts.fresh && !c.parts.some((p) => opts.fresh!.has(p.dedupeKey))) continue;
      out.push(toSignal(c, opts.maxEvidence ?? 50));
    }
  }
  return out.sort(
    (a, b) =>
      a.windowStart.getTime() - b.windowStart.getTime() ||
      (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0),
  );
}
