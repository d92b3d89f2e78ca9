import { resolveOrg } from './context';
import { isCodePull, repoOf } from './github-actions';
import { localTime } from './local-time';
import { EPISODE_MIN_RECORDS, isExportAction, type RoutineEpisode } from './routine';
import { quantiles } from './stats';
import type { DetectorEvent, OrgContext, PersonContext } from './types';

/**
 * A person's behaviour over a trailing window (docs/DETECTORS.md §Principles). Built once from
 * history (or kept up to date by a job) so that detectors only look at new events.
 */
export interface PersonBaseline {
  personId: string;
  windowStart: Date;
  windowEnd: Date;
  /** Distinct local days with at least one event. */
  activeDays: number;
  eventCount: number;
  /** Events per local hour in the person's time zone (UTC when none is declared). */
  hourHistogram: number[];
  /** Events per UTC hour (timezone_mismatch fits offsets against it). */
  utcHourHistogram: number[];
  countries: string[];
  devices: string[];
  /** Records touched per local day (YYYY-MM-DD → sum of recordCount), active days only. */
  dailyRecords: Record<string, number>;
  /**
   * Local hours with events per local day (bit h set: an event in hour h), for learned routines
   * (docs/DETECTORS.md §Routines).
   */
  dailyHours: Record<string, number>;
  /**
   * Distinct repositories cloned, fetched or downloaded per local day (sorted), days with any
   * only: the person's usual reach into the code (code_exfiltration, docs/DETECTORS.md §GitHub).
   */
  dailyCodeRepos: Record<string, string[]>;
  /** Successful exports of ≥ EPISODE_MIN_RECORDS records (docs/DETECTORS.md §Routines). */
  exports: RoutineEpisode[];
  /**
   * Local hours whose successful sensitive records reach EPISODE_MIN_RECORDS: the earlier bulk
   * windows a routine is learned from (docs/DETECTORS.md §Routines).
   */
  busyHours: RoutineEpisode[];
  sensitiveEvents: number;
  sensitiveWithoutTicket: number;
  proxyEvents: number;
  /** Local days with at least one event through a proxy (a VPN habit is learned from them). */
  proxyDays: number;
  /** Last event time, including `priorLastSeenAt` from before the window. */
  lastSeenAt: Date | null;
  /** The last successful located non-proxy event, so travel is checked across batches. */
  lastLocated: DetectorEvent | null;
}

/**
 * Peer-group aggregates; only built for groups of ≥ minPeerGroupSize people
 * (docs/DETECTORS.md §Hygiene).
 */
export interface PeerBaseline {
  key: string;
  size: number;
  /** Quantiles over every member's active-day record totals. */
  dailyRecordsMedian: number;
  dailyRecordsP99: number;
  /** Median and p90 of members' sensitive-without-ticket rates (members with sensitive access). */
  noTicketRateMedian: number;
  noTicketRateP90: number;
}

export function emptyBaseline(personId: string, windowEnd: Date, windowDays = 30): PersonBaseline {
  return {
    personId,
    windowStart: new Date(windowEnd.getTime() - windowDays * 86_400_000),
    windowEnd,
    activeDays: 0,
    eventCount: 0,
    hourHistogram: Array<number>(24).fill(0),
    utcHourHistogram: Array<number>(24).fill(0),
    countries: [],
    devices: [],
    dailyRecords: {},
    dailyHours: {},
    dailyCodeRepos: {},
    exports: [],
    busyHours: [],
    sensitiveEvents: 0,
    sensitiveWithoutTicket: 0,
    proxyEvents: 0,
    proxyDays: 0,
    lastSeenAt: null,
    lastLocated: null,
  };
}

export interface BaselineOptions {
  /** Exclusive end of the window: typically the time of the first new event or the batch start. */
  windowEnd: Date;
  windowDays?: number;
  /** Last activity known from before the window (stored on the person), for dormancy. */
  priorLastSeenAt?: Date | null;
}

/** Builds one person's baseline from their history; events outside the window are ignored. */
export function buildPersonBaseline(
  history: readonly DetectorEvent[],
  person: Pick<PersonContext, 'id' | 'timezone'>,
  opts: BaselineOptions,
): PersonBaseline {
  const b = emptyBaseline(person.id, opts.windowEnd, opts.windowDays ?? 30);
  const from = b.windowStart.getTime();
  const to = b.windowEnd.getTime();
  const countries = new Set<string>();
  const devices = new Set<string>();
  const proxyDays = new Set<string>();
  let last = opts.priorLastSeenAt?.getTime() ?? -Infinity;
  let lastLocatedAt = -Infinity;
  // Local hour index → that hour's sensitive records (history need not be in time order).
  const busy = new Map<number, RoutineEpisode>();
  const codeRepos = new Map<string, Set<string>>();
  for (const e of history) {
    const t = e.occurredAt.getTime();
    if (e.personId !== person.id || t < from || t >= to) continue;
    const lt = localTime(e.occurredAt, person.timezone);
    b.eventCount++;
    b.hourHistogram[lt.hour]!++;
    b.utcHourHistogram[e.occurredAt.getUTCHours()]!++;
    b.dailyRecords[lt.day] = (b.dailyRecords[lt.day] ?? 0) + e.recordCount;
    b.dailyHours[lt.day] = (b.dailyHours[lt.day] ?? 0) | (1 << lt.hour);
    if (isCodePull(e)) {
      const repos = codeRepos.get(lt.day);
      if (repos) repos.add(repoOf(e));
      else codeRepos.set(lt.day, new Set([repoOf(e)]));
    }
    if (e.outcome === 'success') {
      if (e.recordCount >= EPISODE_MIN_RECORDS && isExportAction(e.action))
        b.exports.push({ day: lt.day, hour: lt.hour, volume: e.recordCount });
      if (e.sensitive) {
        const key = Math.floor((t + lt.offsetMinutes * 60_000) / 3_600_000);
        const h = busy.get(key);
        if (h) h.volume += Math.max(1, e.recordCount);
        else busy.set(key, { day: lt.day, hour: lt.hour, volume: Math.max(1, e.recordCount) });
      }
    }
    if (e.country && !e.isProxy) countries.add(e.country);
    if (e.deviceId) devices.add(e.deviceId);
    if (e.sensitive) {
      b.sensitiveEvents++;
      if (!e.ticketId) b.sensitiveWithoutTicket++;
    }
    if (e.isProxy) {
      b.proxyEvents++;
      proxyDays.add(lt.day);
    }
    if (t > last) last = t;
    const located = e.lat !== null && e.lon !== null && !e.isProxy && e.outcome === 'success';
    if (located && (t > lastLocatedAt || (t === lastLocatedAt && e.id > b.lastLocated!.id))) {
      lastLocatedAt = t;
      b.lastLocated = e;
    }
  }
  b.activeDays = Object.keys(b.dailyRecords).length;
  // Days in time order, as dailyRecords (history may arrive in any order).
  for (const day of [...codeRepos.keys()].sort())
    b.dailyCodeRepos[day] = [...codeRepos.get(day)!].sort();
  b.proxyDays = proxyDays.size;
  for (const h of busy.values()) if (h.volume >= EPISODE_MIN_RECORDS) b.busyHours.push(h);
  b.countries = [...countries].sort();
  b.devices = [...devices].sort();
  b.lastSeenAt = Number.isFinite(last) ? new Date(last) : null;
  return b;
}

/**
 * The first device among `events` that the baseline has not seen (a cheap "new device" for
 * incident chains, docs/DETECTORS.md §Chains); null when none, or when the baseline knows no
 * device at all (a source that sends no device ids, or a newcomer).
 */
export function newDeviceIn(
  events: readonly DetectorEvent[],
  baseline: PersonBaseline,
): string | null {
  if (baseline.devices.length === 0) return null;
  for (const e of events)
    if (e.deviceId !== null && !baseline.devices.includes(e.deviceId)) return e.deviceId;
  return null;
}

/** docs/DETECTORS.md §Hygiene: "new behaviour" needs ≥ 7 days and ≥ 50 events of baseline. */
export function isBaselineMature(b: PersonBaseline, org: OrgContext): boolean {
  const { t } = resolveOrg(org);
  return b.activeDays >= t.minBaselineDays && b.eventCount >= t.minBaselineEvents;
}

/** Baselines for many people from one history, in one pass over it (O(history + people)). */
export function buildBaselines(
  history: readonly DetectorEvent[],
  people: readonly PersonContext[],
  opts: BaselineOptions,
): Map<string, PersonBaseline> {
  const byPerson = new Map<string, DetectorEvent[]>();
  for (const p of people) byPerson.set(p.id, []);
  for (const e of history) byPerson.get(e.personId)?.push(e);
  const out = new Map<string, PersonBaseline>();
  for (const p of people) out.set(p.id, buildPersonBaseline(byPerson.get(p.id)!, p, opts));
  return out;
}

/** Peer aggregates per peerGroupKey, omitting groups smaller than minPeerGroupSize. */
export function buildPeerBaselines(
  people: readonly PersonContext[],
  baselines: ReadonlyMap<string, PersonBaseline>,
  org: OrgContext,
): Map<string, PeerBaseline> {
  const { t } = resolveOrg(org);
  const groups = new Map<string, PersonBaseline[]>();
  for (const p of people) {
    const b = baselines.get(p.id);
    if (!p.peerGroupKey || !b || b.eventCount === 0) continue;
    const g = groups.get(p.peerGroupKey);
    if (g) g.push(b);
    else groups.set(p.peerGroupKey, [b]);
  }
  const out = new Map<string, PeerBaseline>();
  for (const [key, members] of groups) {
    if (members.length < t.minPeerGroupSize) continue;
    const daily: number[] = [];
    for (const b of members) for (const day in b.dailyRecords) daily.push(b.dailyRecords[day]!);
    const rates = members
      .filter((b) => b.sensitiveEvents > 0)
      .map((b) => b.sensitiveWithoutTicket / b.sensitiveEvents);
    const [dailyMedian, dailyP99] = quantiles(daily, [0.5, 0.99]);
    const [rateMedian, rateP90] = quantiles(rates, [0.5, 0.9]);
    out.set(key, {
      key,
      size: members.length,
      dailyRecordsMedian: dailyMedian!,
      dailyRecordsP99: dailyP99!,
      noTicketRateMedian: rateMedian!,
      noTicketRateP90: rateP90!,
    });
  }
  return out;
}
