import { isoDay } from '../time';
import type { PersonBaseline } from './baseline';
import { resolveOrg } from './context';
import { fmt, makeSignal, raise } from './signal';
import type { DetectorEvent, OrgContext, PersonContext, Severity, Signal } from './types';

interface Group {
  label: string;
  /** dedupe key part: devices are stable identities, IPs only within one UTC day. */
  keyParts: string[];
  base: Severity;
  events: Map<string, DetectorEvent[]>;
  /** People seen on it in their baselines (devices only). */
  historical: Set<string>;
}

function addTo(
  groups: Map<string, Group>,
  key: string,
  e: DetectorEvent,
  make: (e: DetectorEvent) => Group,
) {
  let g = groups.get(key);
  if (!g) {
    g = make(e);
    groups.set(key, g);
  }
  const list = g.events.get(e.personId);
  if (list) list.push(e);
  else g.events.set(e.personId, [e]);
}

const utcDay = (e: DetectorEvent) => isoDay(e.occurredAt);
const utcDayNumber = (e: DetectorEvent) => Math.floor(e.occurredAt.getTime() / 86_400_000);

const SEVERAL = Symbol('several people');
function note<K>(users: Map<K, string | typeof SEVERAL>, key: K, personId: string) {
  const user = users.get(key);
  if (user === undefined) users.set(key, personId);
  else if (user !== SEVERAL && user !== personId) users.set(key, SEVERAL);
}
const deviceGroup = (e: DetectorEvent): Group => ({
  label: `device ${e.deviceId}`,
  keyParts: ['device', e.deviceId!],
  base: 'high',
  events: new Map(),
  historical: new Set(),
});
const ipGroup = (e: DetectorEvent): Group => ({
  label: `egress IP ${e.ip} on ${utcDay(e)}`,
  keyParts: ['ip', e.ip!, utcDay(e)],
  base: 'medium',
  events: new Map(),
  historical: new Set(),
});

/** The country most of an IP group's located events place it in, or null. */
function locatedCountry(g: Group): string | null {
  const counts = new Map<string, number>();
  for (const list of g.events.values())
    for (const e of list) if (e.country) counts.set(e.country, (counts.get(e.country) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [c, n] of counts)
    if (n > most || (n === most && best !== null && c < best)) [best, most] = [c, n];
  return best;
}

/**
 * An office NAT, a co-working space or a carrier's shared address: many people, most of whom
 * declare the country the address is in (a visitor from another office is travel, which
 * new_country judges). A farm is the opposite: people who claim to be elsewhere.
 */
function isLocalSite(
  g: Group,
  users: readonly string[],
  byId: ReadonlyMap<string, PersonContext>,
  t: ReturnType<typeof resolveOrg>['t'],
): boolean {
  if (users.length < t.sharedLocalSiteMinPeople) return false;
  const declared = new Map<string, number>();
  for (const id of users) {
    const c = byId.get(id)!.declaredCountry;
    if (c) declared.set(c, (declared.get(c) ?? 0) + 1);
  }
  // Where the address is; when its events carry no location (a console logs none), the country
  // most of its users declare stands in: a farm's users claim to be in different places.
  const country =
    locatedCountry(g) ??
    [...declared].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!country) return false;
  const local = declared.get(country) ?? 0;
  return local / users.length >= t.sharedLocalSiteShare;
}

/**
 * shared_infrastructure (docs/DETECTORS.md §Signal kinds): one device fingerprint, or one egress IP
 * outside the known offices, used by several people who claim to be in different places (a
 * laptop-farm tell). Cross-person: groups all new events by device and by (IP, UTC day) with maps,
 * so the cost is linear. Devices also count people who used them in their baseline window. Office
 * networks and proxy exits are shared by design and are skipped.
 */
export function detectSharedInfrastructure(
  events: readonly DetectorEvent[],
  people: readonly PersonContext[],
  baselines: ReadonlyMap<string, PersonBaseline>,
  org: OrgContext,
): Signal[] {
  const { t, isOfficeIp } = resolveOrg(org);
  const byId = new Map(people.map((p) => [p.id, p]));
  // First pass: who uses each device and (IP, UTC day), only far enough to tell one person from
  // several. Nearly every device and IP is one person's own, and building a group for each of
  // them was most of this detector's cost over a day of a large tenant's events.
  const deviceUsers = new Map<string, string | typeof SEVERAL>();
  const ipUsers = new Map<string, Map<number, string | typeof SEVERAL>>();
  const proxyIps = org.knownProxyIps;
  const shareable = (e: DetectorEvent) =>
    e.ip !== null && !e.isProxy && !isOfficeIp(e.ip) && !(proxyIps?.has(e.ip) ?? false);
  for (const e of events) {
    if (!byId.has(e.personId)) continue;
    if (e.deviceId) note(deviceUsers, e.deviceId, e.personId);
    if (shareable(e)) {
      let days = ipUsers.get(e.ip!);
      if (!days) ipUsers.set(e.ip!, (days = new Map()));
      note(days, utcDayNumber(e), e.personId);
    }
  }
  // A device one person uses now and another used in their baseline is shared too.
  for (const [personId, b] of baselines) {
    if (!byId.has(personId)) continue;
    for (const d of b.devices) {
      const user = deviceUsers.get(d);
      if (user !== undefined && user !== personId) deviceUsers.set(d, SEVERAL);
    }
  }
  const devices = new Map<string, Group>();
  const ips = new Map<string, Group>();
  for (const e of events) {
    if (!byId.has(e.personId)) continue;
    if (e.deviceId && deviceUsers.get(e.deviceId) === SEVERAL)
      addTo(devices, e.deviceId, e, deviceGroup);
    if (shareable(e) && ipUsers.get(e.ip!)!.get(utcDayNumber(e)) === SEVERAL)
      addTo(ips, `${e.ip}|${utcDayNumber(e)}`, e, ipGroup);
  }
  // Baseline users of the devices seen now: O(devices in baselines), no scan of history.
  for (const [personId, b] of baselines) {
    if (!byId.has(personId)) continue;
    for (const d of b.devices) devices.get(d)?.historical.add(personId);
  }
  const out: Signal[] = [];
  for (const g of [...devices.values(), ...ips.values()]) {
    // Most groups are one person's own device or IP: rule them out before building sets.
    if (g.events.size + g.historical.size < t.sharedMinPeople) continue;
    const users = [...new Set([...g.events.keys(), ...g.historical])].sort();
    if (users.length < t.sharedMinPeople) continue;
    const places = [
      ...new Set(users.map((id) => byId.get(id)!.declaredCountry).filter((c): c is string => !!c)),
    ].sort();
    if (places.length < 2) continue;
    if (g.keyParts[0] === 'ip' && isLocalSite(g, users, byId, t)) continue;
    let severity = g.base;
    if (users.length >= 3) severity = raise(severity);
    for (const [personId, list] of [...g.events].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const person = byId.get(personId)!;
      const others = users.filter((u) => u !== personId);
      out.push(
        makeSignal({
          kind: 'shared_infrastructure',
          person,
          severity,
          evidence: list,
          keyParts: g.keyParts,
          explanation:
            `${g.label[0]!.toUpperCase()}${g.label.slice(1)} used by ${fmt(users.length)} people declaring ` +
            `${fmt(places.length)} different locations (${places.join(', ')}); this person declares ` +
            `${person.declaredCountry ?? 'no location'} and used it in ${fmt(list.length)} events.`,
          stats: {
            people: users.length,
            declaredLocations: places.join(','),
            otherPeople: others.slice(0, 20).join(','),
            events: list.length,
          },
          maxEvidence: t.maxEvidenceEvents,
        }),
      );
    }
  }
  return out;
}
